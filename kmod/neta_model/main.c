// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: module entry, the simulated ports as platform devices.
 *
 * Two ports, "neta-model".0 and "neta-model".1, cabled back to back. Each
 * has one irq from the model's irq domain, a 32-bit DMA mask and platform
 * data (struct neta_model_pdata) with the register accessors.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "nm.h"

static unsigned int rxqs = 1;
module_param(rxqs, uint, 0444);
MODULE_PARM_DESC(rxqs, "RX queues per port (1..8, default 1)");

static unsigned int txqs = 1;
module_param(txqs, uint, 0444);
MODULE_PARM_DESC(txqs, "TX queues per port (1..8, default 1)");

static bool coherent = true;
module_param(coherent, bool, 0444);
MODULE_PARM_DESC(coherent,
		 "mark the ports DMA-coherent (default Y); N on arm64: the DMA API does cache maintenance and maps coherent buffers non-cacheable, as for a non-coherent SoC");

static struct nm_model *nm_model;

static struct nm_port *nm_port_of(struct nm_model *m, struct device *dev)
{
	unsigned int i;

	for (i = 0; i < NETA_MODEL_PORTS; i++)
		if (m->port[i].pdev && &m->port[i].pdev->dev == dev)
			return &m->port[i];
	return NULL;
}

/*
 * A driver binding gets a port in its power-on state; a driver leaving
 * must have stopped its queues first.
 */
static int nm_bus_notify(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	struct nm_model *m = container_of(nb, struct nm_model, nb);
	struct nm_port *p = nm_port_of(m, data);
	unsigned long flags;

	if (!p)
		return NOTIFY_DONE;

	spin_lock_irqsave(&p->lock, flags);
	switch (action) {
	case BUS_NOTIFY_BIND_DRIVER:
		nm_port_power_on(p);
		break;
	case BUS_NOTIFY_UNBOUND_DRIVER:
		if (p->rxq_en || p->txq_en)
			nm_violation(p, NM_VIOL_STATE,
				     "driver unbound with queues enabled (rx %#x tx %#x)",
				     p->rxq_en, p->txq_en);
		nm_port_power_on(p);
		break;
	default:
		break;
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return NOTIFY_OK;
}

static int nm_port_init(struct nm_model *m, unsigned int id)
{
	struct nm_port *p = &m->port[id];
	unsigned int q;

	p->model = m;
	p->id = id;
	p->rxq_num = rxqs;
	p->txq_num = txqs;
	spin_lock_init(&p->lock);
	spin_lock_init(&p->log_lock);
	p->gen.size = NM_FRAME_MIN;
	p->gen.count = 1000;
	p->gen.flows = 1;

	for (q = 0; q < p->rxq_num; q++) {
		p->rxq[q].snap = kvcalloc(NM_RING_MAX, sizeof(u32), GFP_KERNEL);
		if (!p->rxq[q].snap)
			return -ENOMEM;
		p->rxq[q].given = kvcalloc(NM_RING_MAX, sizeof(struct nm_given),
					   GFP_KERNEL);
		if (!p->rxq[q].given)
			return -ENOMEM;
	}
	for (q = 0; q < p->txq_num; q++) {
		p->txq[q].snap = kvcalloc(NM_RING_MAX, sizeof(u32), GFP_KERNEL);
		if (!p->txq[q].snap)
			return -ENOMEM;
	}
	nm_port_power_on(p);
	return 0;
}

static void nm_port_free(struct nm_port *p)
{
	unsigned int q;

	for (q = 0; q < NETA_MODEL_MAX_RXQ; q++) {
		kvfree(p->rxq[q].snap);
		kvfree(p->rxq[q].given);
	}
	for (q = 0; q < NETA_MODEL_MAX_TXQ; q++)
		kvfree(p->txq[q].snap);
}

static int nm_port_register(struct nm_port *p)
{
	struct resource res = DEFINE_RES_IRQ(p->irq);
	struct platform_device *pdev;
	int err;

	pdev = platform_device_alloc(NETA_MODEL_DRV_NAME, p->id);
	if (!pdev)
		return -ENOMEM;
	err = platform_device_add_resources(pdev, &res, 1);
	if (err)
		goto put_device;

	p->pdata.ops = &nm_ops;
	p->pdata.hw = p;
	p->pdata.rxq_number = p->rxq_num;
	p->pdata.txq_number = p->txq_num;
	err = platform_device_add_data(pdev, &p->pdata, sizeof(p->pdata));
	if (err)
		goto put_device;

	err = dma_coerce_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	if (err)
		goto put_device;
#if defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_DEVICE) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU_ALL)
	/*
	 * The "device" is a CPU: it sees memory as the CPU does. With
	 * coherent=N the streaming and coherent DMA paths of a non-coherent
	 * SoC run (cache maintenance, non-cacheable remap).
	 */
	pdev->dev.dma_coherent = coherent;
#endif

	p->pdev = pdev;
	err = platform_device_add(pdev);
	if (err)
		goto clear_pdev;
	return 0;

clear_pdev:
	p->pdev = NULL;
put_device:
	platform_device_put(pdev);
	return err;
}

static void nm_port_unregister(struct nm_port *p)
{
	struct platform_device *pdev = p->pdev;
	unsigned long flags;

	if (!pdev)
		return;
	platform_device_unregister(pdev);
	spin_lock_irqsave(&p->lock, flags);
	p->pdev = NULL;
	spin_unlock_irqrestore(&p->lock, flags);
}

static void nm_model_free(struct nm_model *m)
{
	unsigned int i;

	for (i = 0; i < NETA_MODEL_PORTS; i++)
		nm_port_free(&m->port[i]);
	kfree(m->frame);
	kfree(m);
}

static int __init nm_init(void)
{
	struct nm_model *m;
	unsigned int i;
	int err;

	if (!rxqs || rxqs > NETA_MODEL_MAX_RXQ || !txqs ||
	    txqs > NETA_MODEL_MAX_TXQ)
		return -EINVAL;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->frame = kmalloc(NM_FRAME_MAX, GFP_KERNEL);
	if (!m->frame) {
		err = -ENOMEM;
		goto free_model;
	}
	for (i = 0; i < NETA_MODEL_PORTS; i++) {
		err = nm_port_init(m, i);
		if (err)
			goto free_model;
	}

	err = nm_irq_init(m);
	if (err)
		goto free_model;
	err = nm_engine_start(m);
	if (err)
		goto remove_irqs;
	nm_debugfs_init(m);

	m->nb.notifier_call = nm_bus_notify;
	err = bus_register_notifier(&platform_bus_type, &m->nb);
	if (err)
		goto remove_debugfs;

	for (i = 0; i < NETA_MODEL_PORTS; i++) {
		err = nm_port_register(&m->port[i]);
		if (err)
			goto unregister_ports;
	}
	nm_model = m;
	return 0;

unregister_ports:
	while (i--)
		nm_port_unregister(&m->port[i]);
	bus_unregister_notifier(&platform_bus_type, &m->nb);
remove_debugfs:
	nm_debugfs_exit(m);
	nm_engine_stop(m);
remove_irqs:
	nm_irq_exit(m);
free_model:
	nm_model_free(m);
	return err;
}

static void __exit nm_exit(void)
{
	struct nm_model *m = nm_model;
	unsigned int i;

	nm_debugfs_exit(m);
	for (i = 0; i < NETA_MODEL_PORTS; i++)
		nm_gen_start(&m->port[i], false);
	/* Drivers unbind here, while the engine still runs */
	for (i = 0; i < NETA_MODEL_PORTS; i++)
		nm_port_unregister(&m->port[i]);
	bus_unregister_notifier(&platform_bus_type, &m->nb);
	nm_engine_stop(m);
	nm_irq_exit(m);
	nm_model_free(m);
}

module_init(nm_init);
module_exit(nm_exit);

MODULE_DESCRIPTION("Register-level model of the Marvell NETA Ethernet controller");
MODULE_AUTHOR("XDP on NETA project");
MODULE_LICENSE("GPL");
