/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware frame counters of a NETA port: the MIB block and the two
 * frame counters beside it, each with its register, its width and the name
 * upstream mvneta gives it in ethtool -S, in that driver's order. The one
 * table of them: the driver reads and names them (ethtool -S), the model
 * counts into them (and names them in its debugfs mib file), so a name
 * cannot stand for one register in the driver and another in the model.
 */
#ifndef _NETA_MIB_H
#define _NETA_MIB_H

#include <linux/compiler.h>
#include <linux/ethtool.h>
#include <linux/types.h>

#include <mvneta_regs.h>

/* The row of each counter in neta_mib_counters[]; NETA_MIB_NUM: how many */
enum neta_mib {
	NETA_MIB_GOOD_OCTETS_RECEIVED,
	NETA_MIB_GOOD_FRAMES_RECEIVED,
	NETA_MIB_BAD_OCTETS_RECEIVED,
	NETA_MIB_BAD_FRAMES_RECEIVED,
	NETA_MIB_BROADCAST_FRAMES_RECEIVED,
	NETA_MIB_MULTICAST_FRAMES_RECEIVED,
	NETA_MIB_UNREC_MAC_CONTROL_RECEIVED,
	NETA_MIB_GOOD_FC_RECEIVED,
	NETA_MIB_BAD_FC_RECEIVED,
	NETA_MIB_UNDERSIZE_RECEIVED,
	NETA_MIB_FRAGMENTS_RECEIVED,
	NETA_MIB_OVERSIZE_RECEIVED,
	NETA_MIB_JABBER_RECEIVED,
	NETA_MIB_MAC_RECEIVE_ERROR,
	NETA_MIB_BAD_CRC_EVENT,
	NETA_MIB_COLLISION,
	NETA_MIB_LATE_COLLISION,
	NETA_MIB_RX_DISCARD,
	NETA_MIB_RX_OVERRUN,
	NETA_MIB_FRAMES_64_OCTETS,
	NETA_MIB_FRAMES_65_TO_127_OCTETS,
	NETA_MIB_FRAMES_128_TO_255_OCTETS,
	NETA_MIB_FRAMES_256_TO_511_OCTETS,
	NETA_MIB_FRAMES_512_TO_1023_OCTETS,
	NETA_MIB_FRAMES_1024_TO_MAX_OCTETS,
	NETA_MIB_GOOD_OCTETS_SENT,
	NETA_MIB_GOOD_FRAMES_SENT,
	NETA_MIB_EXCESSIVE_COLLISION,
	NETA_MIB_MULTICAST_FRAMES_SENT,
	NETA_MIB_BROADCAST_FRAMES_SENT,
	NETA_MIB_FC_SENT,
	NETA_MIB_INTERNAL_MAC_TX_ERR,
	NETA_MIB_NUM
};

/**
 * struct neta_mib_counter - one hardware counter (clear on read)
 * @offset: register offset in the port's window
 * @wide: 64-bit counter: low word at @offset, high word at @offset + 4
 * @name: ethtool -S name (as upstream mvneta)
 */
struct neta_mib_counter {
	u16 offset;
	bool wide;
	char name[ETH_GSTRING_LEN];
};

/* a counter of the MIB block (offset in it) or a register of its own */
#define NETA_MIB_ROW(off, w, n)	{ MVNETA_MIB_COUNTERS_BASE + (off), w, n }
#define NETA_REG_ROW(reg, w, n)	{ reg, w, n }

/* in every user of this header; the compiler drops it where unused */
static const struct neta_mib_counter neta_mib_counters[NETA_MIB_NUM] __maybe_unused = {
	[NETA_MIB_GOOD_OCTETS_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_GOOD_OCTETS_RECEIVED, true,
			     "good_octets_received"),
	[NETA_MIB_GOOD_FRAMES_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_GOOD_FRAMES_RECEIVED, false,
			     "good_frames_received"),
	[NETA_MIB_BAD_OCTETS_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_BAD_OCTETS_RECEIVED, false,
			     "bad_octets_received"),
	[NETA_MIB_BAD_FRAMES_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_BAD_FRAMES_RECEIVED, false,
			     "bad_frames_received"),
	[NETA_MIB_BROADCAST_FRAMES_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_BROADCAST_FRAMES_RECEIVED, false,
			     "broadcast_frames_received"),
	[NETA_MIB_MULTICAST_FRAMES_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_MULTICAST_FRAMES_RECEIVED, false,
			     "multicast_frames_received"),
	[NETA_MIB_UNREC_MAC_CONTROL_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_UNREC_MAC_CONTROL_RECEIVED, false,
			     "unrec_mac_control_received"),
	[NETA_MIB_GOOD_FC_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_GOOD_FC_RECEIVED, false,
			     "good_fc_received"),
	[NETA_MIB_BAD_FC_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_BAD_FC_RECEIVED, false,
			     "bad_fc_received"),
	[NETA_MIB_UNDERSIZE_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_UNDERSIZE_RECEIVED, false,
			     "undersize_received"),
	[NETA_MIB_FRAGMENTS_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_FRAGMENTS_RECEIVED, false,
			     "fragments_received"),
	[NETA_MIB_OVERSIZE_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_OVERSIZE_RECEIVED, false,
			     "oversize_received"),
	[NETA_MIB_JABBER_RECEIVED] =
		NETA_MIB_ROW(MVNETA_MIB_JABBER_RECEIVED, false,
			     "jabber_received"),
	[NETA_MIB_MAC_RECEIVE_ERROR] =
		NETA_MIB_ROW(MVNETA_MIB_MAC_RECEIVE_ERROR, false,
			     "mac_receive_error"),
	[NETA_MIB_BAD_CRC_EVENT] =
		NETA_MIB_ROW(MVNETA_MIB_BAD_CRC_EVENT, false,
			     "bad_crc_event"),
	[NETA_MIB_COLLISION] =
		NETA_MIB_ROW(MVNETA_MIB_COLLISION, false,
			     "collision"),
	[NETA_MIB_LATE_COLLISION] =
		NETA_MIB_ROW(MVNETA_MIB_LATE_COLLISION, false,
			     "late_collision"),
	[NETA_MIB_RX_DISCARD] =
		NETA_REG_ROW(MVNETA_RX_DISCARD_FRAME_COUNT, false, "rx_discard"),
	[NETA_MIB_RX_OVERRUN] =
		NETA_REG_ROW(MVNETA_OVERRUN_FRAME_COUNT, false, "rx_overrun"),
	[NETA_MIB_FRAMES_64_OCTETS] =
		NETA_MIB_ROW(MVNETA_MIB_FRAMES_64_OCTETS, false,
			     "frames_64_octets"),
	[NETA_MIB_FRAMES_65_TO_127_OCTETS] =
		NETA_MIB_ROW(MVNETA_MIB_FRAMES_65_TO_127_OCTETS, false,
			     "frames_65_to_127_octets"),
	[NETA_MIB_FRAMES_128_TO_255_OCTETS] =
		NETA_MIB_ROW(MVNETA_MIB_FRAMES_128_TO_255_OCTETS, false,
			     "frames_128_to_255_octets"),
	[NETA_MIB_FRAMES_256_TO_511_OCTETS] =
		NETA_MIB_ROW(MVNETA_MIB_FRAMES_256_TO_511_OCTETS, false,
			     "frames_256_to_511_octets"),
	[NETA_MIB_FRAMES_512_TO_1023_OCTETS] =
		NETA_MIB_ROW(MVNETA_MIB_FRAMES_512_TO_1023_OCTETS, false,
			     "frames_512_to_1023_octets"),
	[NETA_MIB_FRAMES_1024_TO_MAX_OCTETS] =
		NETA_MIB_ROW(MVNETA_MIB_FRAMES_1024_TO_MAX_OCTETS, false,
			     "frames_1024_to_max_octets"),
	[NETA_MIB_GOOD_OCTETS_SENT] =
		NETA_MIB_ROW(MVNETA_MIB_GOOD_OCTETS_SENT, true,
			     "good_octets_sent"),
	[NETA_MIB_GOOD_FRAMES_SENT] =
		NETA_MIB_ROW(MVNETA_MIB_GOOD_FRAMES_SENT, false,
			     "good_frames_sent"),
	[NETA_MIB_EXCESSIVE_COLLISION] =
		NETA_MIB_ROW(MVNETA_MIB_EXCESSIVE_COLLISION, false,
			     "excessive_collision"),
	[NETA_MIB_MULTICAST_FRAMES_SENT] =
		NETA_MIB_ROW(MVNETA_MIB_MULTICAST_FRAMES_SENT, false,
			     "multicast_frames_sent"),
	[NETA_MIB_BROADCAST_FRAMES_SENT] =
		NETA_MIB_ROW(MVNETA_MIB_BROADCAST_FRAMES_SENT, false,
			     "broadcast_frames_sent"),
	[NETA_MIB_FC_SENT] =
		NETA_MIB_ROW(MVNETA_MIB_FC_SENT, false,
			     "fc_sent"),
	[NETA_MIB_INTERNAL_MAC_TX_ERR] =
		NETA_MIB_ROW(MVNETA_MIB_INTERNAL_MAC_TX_ERR, false,
			     "internal_mac_transmit_err"),
};

#undef NETA_MIB_ROW
#undef NETA_REG_ROW

#endif /* _NETA_MIB_H */
