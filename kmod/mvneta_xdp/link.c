// SPDX-License-Identifier: GPL-2.0-only
/*
 * Link management.
 *
 * Silicon (device tree): phylink with a PHY or a fixed link; the MAC side
 * forces speed/duplex in MVNETA_GMAC_AUTONEG_CONFIG and enables the queues
 * when phylink reports the link up. In-band status (SGMII/802.3z
 * autonegotiation through the NETA PCS) is refused. This path is
 * compile-tested only: no NETA board was available.
 *
 * Model: no PHY; the carrier follows MVNETA_GMAC_STATUS, read when the port
 * starts and on every link change interrupt.
 */

#include <linux/etherdevice.h>
#include <linux/of.h>
#include <linux/of_net.h>
#include <linux/phy.h>
#include <linux/phylink.h>
#include <linux/platform_device.h>

#include "mvneta.h"

static struct mvneta_port *mvneta_from_config(struct phylink_config *config)
{
	return netdev_priv(to_net_dev(config->dev));
}

static void mvneta_mac_config(struct phylink_config *config, unsigned int mode,
			      const struct phylink_link_state *state)
{
	struct mvneta_port *pp = mvneta_from_config(config);
	u32 ctrl0, ctrl2;

	ctrl0 = mvreg_read(pp, MVNETA_GMAC_CTRL_0);
	ctrl2 = mvreg_read(pp, MVNETA_GMAC_CTRL_2);

	ctrl0 &= ~MVNETA_GMAC0_PORT_1000BASE_X;
	ctrl2 &= ~(MVNETA_GMAC2_PCS_ENABLE | MVNETA_GMAC2_PORT_RGMII |
		   MVNETA_GMAC2_INBAND_AN_ENABLE);

	if (phy_interface_mode_is_rgmii(state->interface))
		ctrl2 |= MVNETA_GMAC2_PORT_RGMII;
	else if (state->interface == PHY_INTERFACE_MODE_SGMII ||
		 state->interface == PHY_INTERFACE_MODE_QSGMII)
		ctrl2 |= MVNETA_GMAC2_PCS_ENABLE;
	else if (phy_interface_mode_is_8023z(state->interface))
		ctrl0 |= MVNETA_GMAC0_PORT_1000BASE_X;

	mvreg_write(pp, MVNETA_GMAC_CTRL_0, ctrl0);
	mvreg_write(pp, MVNETA_GMAC_CTRL_2, ctrl2);
}

static void mvneta_mac_link_down(struct phylink_config *config,
				 unsigned int mode, phy_interface_t interface)
{
	struct mvneta_port *pp = mvneta_from_config(config);
	u32 val;

	/* not in the middle of a queue pair's restart */
	mutex_lock(&pp->rings_lock);
	mvneta_port_down(pp);
	mutex_unlock(&pp->rings_lock);

	val = mvreg_read(pp, MVNETA_GMAC_AUTONEG_CONFIG);
	val &= ~MVNETA_GMAC_FORCE_LINK_PASS;
	val |= MVNETA_GMAC_FORCE_LINK_DOWN;
	mvreg_write(pp, MVNETA_GMAC_AUTONEG_CONFIG, val);
}

static void mvneta_mac_link_up(struct phylink_config *config,
			       struct phy_device *phy, unsigned int mode,
			       phy_interface_t interface, int speed,
			       int duplex, bool tx_pause, bool rx_pause)
{
	struct mvneta_port *pp = mvneta_from_config(config);
	u32 val;

	val = mvreg_read(pp, MVNETA_GMAC_AUTONEG_CONFIG);
	val &= ~(MVNETA_GMAC_FORCE_LINK_DOWN | MVNETA_GMAC_CONFIG_MII_SPEED |
		 MVNETA_GMAC_CONFIG_GMII_SPEED | MVNETA_GMAC_CONFIG_FULL_DUPLEX |
		 MVNETA_GMAC_CONFIG_FLOW_CTRL | MVNETA_GMAC_AN_SPEED_EN |
		 MVNETA_GMAC_AN_DUPLEX_EN | MVNETA_GMAC_AN_FLOW_CTRL_EN |
		 MVNETA_GMAC_INBAND_AN_ENABLE);
	val |= MVNETA_GMAC_FORCE_LINK_PASS;
	if (speed == SPEED_1000 || speed == SPEED_2500)
		val |= MVNETA_GMAC_CONFIG_GMII_SPEED;
	else if (speed == SPEED_100)
		val |= MVNETA_GMAC_CONFIG_MII_SPEED;
	if (duplex == DUPLEX_FULL)
		val |= MVNETA_GMAC_CONFIG_FULL_DUPLEX;
	if (tx_pause || rx_pause)
		val |= MVNETA_GMAC_CONFIG_FLOW_CTRL;
	mvreg_write(pp, MVNETA_GMAC_AUTONEG_CONFIG, val);

	/* a ring being rebuilt (mvneta_qpair_restart()) is enabled by its
	 * restart, not half built by a link change
	 */
	mutex_lock(&pp->rings_lock);
	mvneta_port_up(pp);
	mutex_unlock(&pp->rings_lock);
}

static const struct phylink_mac_ops mvneta_phylink_ops = {
	.mac_config = mvneta_mac_config,
	.mac_link_down = mvneta_mac_link_down,
	.mac_link_up = mvneta_mac_link_up,
};

/**
 * mvneta_link_init() - set up link management of a port
 * @pp: port (model_ops set for the model)
 * @pdev: its platform device
 *
 * Return: 0 or a negative errno.
 */
int mvneta_link_init(struct mvneta_port *pp, struct platform_device *pdev)
{
	struct device_node *dn = pdev->dev.of_node;
	struct phylink *phylink;
	const char *managed;
	int err;

	if (pp->model_ops)
		return 0;

	err = of_get_phy_mode(dn, &pp->phy_interface);
	if (err) {
		dev_err(&pdev->dev, "missing or invalid phy-mode\n");
		return err;
	}
	if (!of_property_read_string(dn, "managed", &managed) &&
	    !strcmp(managed, "in-band-status")) {
		dev_err(&pdev->dev, "in-band link status is not supported\n");
		return -EOPNOTSUPP;
	}

	pp->phylink_config.dev = &pp->dev->dev;
	pp->phylink_config.type = PHYLINK_NETDEV;
	pp->phylink_config.mac_capabilities = MAC_SYM_PAUSE | MAC_10 |
					      MAC_100 | MAC_1000FD;
	__set_bit(PHY_INTERFACE_MODE_RGMII, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_RGMII_ID, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_RGMII_RXID, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_RGMII_TXID, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_SGMII, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_QSGMII, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_1000BASEX, pp->phylink_config.supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_GMII, pp->phylink_config.supported_interfaces);

	phylink = phylink_create(&pp->phylink_config, of_fwnode_handle(dn),
				 pp->phy_interface, &mvneta_phylink_ops);
	if (IS_ERR(phylink))
		return PTR_ERR(phylink);
	pp->phylink = phylink;
	return 0;
}

/**
 * mvneta_link_uninit() - undo mvneta_link_init()
 * @pp: port
 */
void mvneta_link_uninit(struct mvneta_port *pp)
{
	if (pp->phylink)
		phylink_destroy(pp->phylink);
	pp->phylink = NULL;
}

/**
 * mvneta_link_change() - carrier from MVNETA_GMAC_STATUS (model) or tell
 *	phylink (silicon)
 * @pp: port
 *
 * Context: any (NAPI poll on a link change interrupt, open).
 */
void mvneta_link_change(struct mvneta_port *pp)
{
	u32 status = mvreg_read(pp, MVNETA_GMAC_STATUS);
	bool up = status & MVNETA_GMAC_LINK_UP;

	if (pp->phylink) {
		phylink_mac_change(pp->phylink, up);
		return;
	}
	if (up && !netif_carrier_ok(pp->dev))
		netif_carrier_on(pp->dev);
	else if (!up && netif_carrier_ok(pp->dev))
		netif_carrier_off(pp->dev);
}

/**
 * mvneta_link_start() - bring the link up when the port starts
 * @pp: port (rings set up, port enabled)
 *
 * Context: process, RTNL held.
 */
void mvneta_link_start(struct mvneta_port *pp)
{
	int err;

	if (!pp->phylink) {
		mvneta_port_up(pp);
		mvneta_link_change(pp);
		return;
	}
	err = phylink_of_phy_connect(pp->phylink, pp->dev->dev.parent->of_node,
				     0);
	if (err)
		netdev_err(pp->dev, "cannot attach the PHY: %d\n", err);
	phylink_start(pp->phylink);
}

/**
 * mvneta_link_stop() - take the link down when the port stops
 * @pp: port
 *
 * Context: process, RTNL held.
 */
void mvneta_link_stop(struct mvneta_port *pp)
{
	if (!pp->phylink) {
		netif_carrier_off(pp->dev);
		return;
	}
	phylink_stop(pp->phylink);
	phylink_disconnect_phy(pp->phylink);
}

/**
 * mvneta_link_ksettings_get() - ethtool link settings
 * @pp: port
 * @cmd: result
 *
 * Return: 0 or a negative errno.
 */
int mvneta_link_ksettings_get(struct mvneta_port *pp,
			      struct ethtool_link_ksettings *cmd)
{
	u32 status;

	if (pp->phylink)
		return phylink_ethtool_ksettings_get(pp->phylink, cmd);

	/* the model's link is fixed: no link modes, speed from the status */
	ethtool_link_ksettings_zero_link_mode(cmd, supported);
	ethtool_link_ksettings_zero_link_mode(cmd, advertising);
	cmd->base.autoneg = AUTONEG_DISABLE;
	cmd->base.port = PORT_OTHER;
	cmd->base.speed = SPEED_UNKNOWN;
	cmd->base.duplex = DUPLEX_UNKNOWN;

	status = mvreg_read(pp, MVNETA_GMAC_STATUS);
	if (!netif_running(pp->dev) || !(status & MVNETA_GMAC_LINK_UP))
		return 0;
	if (status & MVNETA_GMAC_SPEED_1000)
		cmd->base.speed = SPEED_1000;
	else if (status & MVNETA_GMAC_SPEED_100)
		cmd->base.speed = SPEED_100;
	else
		cmd->base.speed = SPEED_10;
	cmd->base.duplex = status & MVNETA_GMAC_FULL_DUPLEX ? DUPLEX_FULL
							     : DUPLEX_HALF;
	return 0;
}

/**
 * mvneta_link_ksettings_set() - change link settings (silicon only)
 * @pp: port
 * @cmd: requested settings
 *
 * Return: 0 or a negative errno; -EOPNOTSUPP on the model (fixed link).
 */
int mvneta_link_ksettings_set(struct mvneta_port *pp,
			      const struct ethtool_link_ksettings *cmd)
{
	if (!pp->phylink) {
		netdev_err(pp->dev, "the model's link is fixed\n");
		return -EOPNOTSUPP;
	}
	return phylink_ethtool_ksettings_set(pp->phylink, cmd);
}

/**
 * mvneta_link_nway_reset() - restart autonegotiation (silicon only)
 * @pp: port
 *
 * Return: 0 or a negative errno.
 */
int mvneta_link_nway_reset(struct mvneta_port *pp)
{
	if (!pp->phylink)
		return -EOPNOTSUPP;
	return phylink_ethtool_nway_reset(pp->phylink);
}
