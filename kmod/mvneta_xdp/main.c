// SPDX-License-Identifier: GPL-2.0-only
/*
 * Marvell NETA (Armada 370/XP/3700) Ethernet driver with XDP and page_pool:
 * module parameters, platform probe and remove. The port's registers are
 * hw.c, interrupts and NAPI napi.c, the net_device operations netdev.c.
 *
 * The same code drives silicon (device tree, registers through readl/writel)
 * and the register-level model of kmod/neta_model (platform device
 * "neta-model", registers through the model's ops): only the accessor pair
 * in mvneta.h differs.
 */

#include <linux/clk.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_net.h>
#include <linux/platform_device.h>

#include "mvneta.h"

DEFINE_STATIC_KEY_FALSE(mvneta_model_key);

static char *page_pool = "kernel";
module_param(page_pool, charp, 0444);
MODULE_PARM_DESC(page_pool, "RX page pool: kernel (built-in page_pool) or own (neta_pp) for every port, or one per port in port order, comma-separated (own,kernel: an A/B of both in one system)");

static unsigned int rxq_number = 1;
module_param(rxq_number, uint, 0444);
MODULE_PARM_DESC(rxq_number, "RX queues per port (1..8, default 1)");

static unsigned int txq_number = 8;
module_param(txq_number, uint, 0444);
MODULE_PARM_DESC(txq_number, "TX queues per port (1..8, default 8)");

/* ports without a platform device id, in probe order (page_pool list) */
static atomic_t mvneta_ports_probed = ATOMIC_INIT(0);

/* Silicon: registers, clocks, DMA mask, MBUS windows. */
static int mvneta_probe_silicon(struct mvneta_port *pp,
				struct platform_device *pdev)
{
	struct device_node *dn = pdev->dev.of_node;
	int err;

	pp->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pp->base))
		return PTR_ERR(pp->base);

	pp->clk = devm_clk_get(&pdev->dev, "core");
	if (IS_ERR(pp->clk))
		pp->clk = devm_clk_get(&pdev->dev, NULL);
	if (IS_ERR(pp->clk))
		return dev_err_probe(&pdev->dev, PTR_ERR(pp->clk),
				     "no core clock\n");
	pp->clk_bus = devm_clk_get_optional(&pdev->dev, "bus");
	if (IS_ERR(pp->clk_bus))
		return PTR_ERR(pp->clk_bus);

	err = clk_prepare_enable(pp->clk);
	if (err)
		return err;
	err = clk_prepare_enable(pp->clk_bus);
	if (err)
		goto err_disable_core;
	pp->clk_rate = clk_get_rate(pp->clk);

	/* descriptors hold 32-bit buffer addresses */
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (err)
		goto err_disable_bus;

	if (of_device_is_compatible(dn, "marvell,armada-370-neta"))
		pp->tx_csum_limit = MVNETA_TX_CSUM_DEF_SIZE;
	else
		pp->tx_csum_limit = MVNETA_TX_CSUM_MAX_SIZE;

	mvneta_mbus_windows_set(pp);
	return 0;

err_disable_bus:
	clk_disable_unprepare(pp->clk_bus);
err_disable_core:
	clk_disable_unprepare(pp->clk);
	return err;
}

static void mvneta_remove_silicon(struct mvneta_port *pp)
{
	if (pp->model_ops)
		return;
	clk_disable_unprepare(pp->clk_bus);
	clk_disable_unprepare(pp->clk);
}

static int mvneta_probe(struct platform_device *pdev)
{
	const struct neta_model_pdata *pdata = dev_get_platdata(&pdev->dev);
	unsigned int rxqs = rxq_number, txqs = txq_number, q;
	struct mvneta_port *pp;
	struct net_device *dev;
	u8 addr[ETH_ALEN];
	int err, irq;

	if (pdata) {
		if (!pdata->ops || !pdata->ops->read || !pdata->ops->write ||
		    !pdata->rxq_number || !pdata->txq_number)
			return -EINVAL;
		rxqs = min(rxqs, pdata->rxq_number);
		txqs = min(txqs, pdata->txq_number);
	} else if (!pdev->dev.of_node) {
		return -ENODEV;
	}
	rxqs = clamp(rxqs, 1U, (unsigned int)MVNETA_MAX_QUEUES);
	txqs = clamp(txqs, 1U, (unsigned int)MVNETA_MAX_QUEUES);

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;

	dev = devm_alloc_etherdev_mqs(&pdev->dev, sizeof(*pp), txqs, rxqs);
	if (!dev)
		return -ENOMEM;
	SET_NETDEV_DEV(dev, &pdev->dev);
	platform_set_drvdata(pdev, dev);

	pp = netdev_priv(dev);
	pp->dev = dev;
	pp->dmadev = &pdev->dev;
	pp->irq = irq;
	pp->rxq_number = rxqs;
	pp->txq_number = txqs;
	pp->rxq_def = 0;
	pp->rx_ring_size = MVNETA_DEF_RXD;
	pp->tx_ring_size = MVNETA_DEF_TXD;
	/* checked at module load: cannot fail */
	mvneta_pool_parse(page_pool, pdev->id >= 0 ? pdev->id :
			  atomic_inc_return(&mvneta_ports_probed) - 1,
			  &pp->pool_kind);
	spin_lock_init(&pp->mib_lock);
	mutex_init(&pp->rings_lock);

	pp->rxqs = devm_kcalloc(&pdev->dev, rxqs, sizeof(*pp->rxqs),
				GFP_KERNEL);
	pp->txqs = devm_kcalloc(&pdev->dev, txqs, sizeof(*pp->txqs),
				GFP_KERNEL);
	if (!pp->rxqs || !pp->txqs)
		return -ENOMEM;
	for (q = 0; q < rxqs; q++) {
		pp->rxqs[q].pp = pp;
		pp->rxqs[q].id = q;
		u64_stats_init(&pp->rxqs[q].stats.syncp);
	}
	for (q = 0; q < txqs; q++) {
		pp->txqs[q].pp = pp;
		pp->txqs[q].id = q;
		u64_stats_init(&pp->txqs[q].stats.syncp);
	}

	if (pdata) {
		pp->model_ops = pdata->ops;
		pp->model_hw = pdata->hw;
		pp->clk_rate = NETA_MODEL_CLK_RATE;
		static_branch_inc(&mvneta_model_key);
	} else {
		err = mvneta_probe_silicon(pp, pdev);
		if (err)
			return err;
	}

	mvneta_defaults_set(pp);

	err = mvneta_link_init(pp, pdev);
	if (err)
		goto err_remove_hw;

	/* MAC: device tree, else what the bootloader (or model) left */
	if (pdev->dev.of_node && !of_get_ethdev_address(pdev->dev.of_node, dev)) {
		mvneta_mac_addr_write(pp, dev->dev_addr);
	} else {
		mvneta_mac_addr_read(pp, addr);
		if (is_valid_ether_addr(addr)) {
			eth_hw_addr_set(dev, addr);
		} else {
			eth_hw_addr_random(dev);
			mvneta_mac_addr_write(pp, dev->dev_addr);
		}
	}

	mvneta_netdev_init(pp);
	mvneta_napi_init(pp);
	mvneta_qstats_init(dev);
	mvneta_xdp_init(pp);

	err = register_netdev(dev);
	if (err) {
		dev_err(&pdev->dev, "cannot register netdev: %d\n", err);
		goto err_del_napi;
	}

	mvneta_debugfs_init(pp);
	return 0;

err_del_napi:
	netif_napi_del(&pp->napi);
	mvneta_link_uninit(pp);
err_remove_hw:
	if (pp->model_ops)
		static_branch_dec(&mvneta_model_key);
	else
		mvneta_remove_silicon(pp);
	return err;
}

static void mvneta_remove(struct platform_device *pdev)
{
	struct net_device *dev = platform_get_drvdata(pdev);
	struct mvneta_port *pp = netdev_priv(dev);

	mvneta_debugfs_uninit(pp);
	unregister_netdev(dev);
	cancel_work_sync(&pp->reset_work);
	netif_napi_del(&pp->napi);
	mvneta_link_uninit(pp);
	if (pp->model_ops)
		static_branch_dec(&mvneta_model_key);
	else
		mvneta_remove_silicon(pp);
}

NETA_COMPAT_DEFINE_REMOVE(mvneta_remove)

static const struct of_device_id mvneta_of_match[] = {
	{ .compatible = "marvell,armada-370-neta" },
	{ .compatible = "marvell,armada-xp-neta" },
	{ .compatible = "marvell,armada-3700-neta" },
	{ }
};
MODULE_DEVICE_TABLE(of, mvneta_of_match);

static const struct platform_device_id mvneta_id_table[] = {
	{ .name = NETA_MODEL_DRV_NAME },
	{ }
};
MODULE_DEVICE_TABLE(platform, mvneta_id_table);

static struct platform_driver mvneta_driver = {
	.probe = mvneta_probe,
	.remove = NETA_COMPAT_REMOVE(mvneta_remove),
	.id_table = mvneta_id_table,
	.driver = {
		.name = MVNETA_DRIVER_NAME,
		.of_match_table = mvneta_of_match,
	},
};

static int __init mvneta_init(void)
{
	enum mvneta_pool_kind kind;
	int err;

	err = mvneta_pool_parse(page_pool, 0, &kind);
	if (err) {
		pr_err(MVNETA_DRIVER_NAME ": page_pool=%s: use kernel or own, or a comma-separated list of them (one per port)\n",
		       page_pool);
		return err;
	}

	mvneta_debugfs_module_init();
	err = platform_driver_register(&mvneta_driver);
	if (err)
		mvneta_debugfs_module_uninit();
	return err;
}
module_init(mvneta_init);

static void __exit mvneta_exit(void)
{
	platform_driver_unregister(&mvneta_driver);
	mvneta_debugfs_module_uninit();
}
module_exit(mvneta_exit);

MODULE_DESCRIPTION("Marvell NETA Ethernet driver with XDP and page_pool");
MODULE_LICENSE("GPL");
