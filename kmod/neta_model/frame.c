// SPDX-License-Identifier: GPL-2.0-only
/*
 * NETA model: what the MAC and the parser do to frames.
 *
 * RX checksum status (IPv4 header, TCP/UDP over IPv4), TX checksum
 * generation as the TX descriptor command asks, FCS, flow hash and the
 * generator's UDP/IPv4 frames.
 */
#include <linux/crc32.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include "nm.h"

/* Offset of the IPv4 header in @frame, or 0 when the frame is not IPv4 */
static unsigned int nm_ipv4_off(const u8 *frame, unsigned int len)
{
	unsigned int off = ETH_HLEN;
	__be16 proto;

	if (len < ETH_HLEN + sizeof(struct iphdr))
		return 0;
	proto = *(const __be16 *)(frame + 12);
	if (proto == htons(ETH_P_8021Q)) {
		off += VLAN_HLEN;
		proto = *(const __be16 *)(frame + 16);
	}
	if (proto != htons(ETH_P_IP) || len < off + sizeof(struct iphdr))
		return 0;
	return off;
}

/**
 * nm_rx_csum_status() - checksum status bits of a received frame
 * @frame: frame (Ethernet header first, no FCS)
 * @len:   frame length
 *
 * Return: MVNETA_RXD_L3_IP4 for IPv4 with a valid header checksum, plus
 * MVNETA_RXD_L4_CSUM_OK when it carries unfragmented TCP or UDP with a valid
 * checksum (UDP checksum 0 counts as valid).
 */
u32 nm_rx_csum_status(const u8 *frame, unsigned int len)
{
	unsigned int off = nm_ipv4_off(frame, len), ihl, tot, l4len;
	const struct iphdr *iph;
	const u8 *l4;
	__wsum sum;

	if (!off)
		return 0;
	iph = (const struct iphdr *)(frame + off);
	ihl = iph->ihl * 4;
	tot = ntohs(iph->tot_len);
	if (iph->version != 4 || ihl < sizeof(*iph) || tot < ihl ||
	    off + tot > len || ip_fast_csum(iph, iph->ihl))
		return 0;
	if (iph->frag_off & htons(IP_MF | IP_OFFSET))
		return MVNETA_RXD_L3_IP4;

	l4 = frame + off + ihl;
	l4len = tot - ihl;
	if (iph->protocol == IPPROTO_UDP) {
		if (l4len < sizeof(struct udphdr))
			return MVNETA_RXD_L3_IP4;
		if (!((const struct udphdr *)l4)->check)
			return MVNETA_RXD_L3_IP4 | MVNETA_RXD_L4_CSUM_OK;
	} else if (iph->protocol == IPPROTO_TCP) {
		if (l4len < sizeof(struct tcphdr))
			return MVNETA_RXD_L3_IP4;
	} else {
		return MVNETA_RXD_L3_IP4;
	}
	sum = csum_partial(l4, l4len, 0);
	if (csum_tcpudp_magic(iph->saddr, iph->daddr, l4len, iph->protocol, sum))
		return MVNETA_RXD_L3_IP4;
	return MVNETA_RXD_L3_IP4 | MVNETA_RXD_L4_CSUM_OK;
}

/**
 * nm_tx_csum() - generate checksums as a TX descriptor command asks
 * @frame: frame being transmitted (modified in place)
 * @len:   frame length
 * @cmd:   command of the FIRST descriptor
 *
 * MVNETA_TXD_IP_CSUM: IPv4 header checksum at the L3 offset.
 * MVNETA_TX_L4_CSUM_FULL without MVNETA_TX_L4_CSUM_NOT: TCP (or UDP with
 * MVNETA_TX_L4_UDP) checksum over IPv4 or IPv6 (MVNETA_TX_L3_IP6), the L4
 * header starting IP header length (in 32-bit words) after the L3 offset.
 * Commands pointing outside the frame are ignored.
 */
void nm_tx_csum(u8 *frame, unsigned int len, u32 cmd)
{
	unsigned int l3 = cmd & MVNETA_TX_L3_OFF_MASK;
	unsigned int hlen = ((cmd & MVNETA_TX_IP_HLEN_MASK) >>
			     MVNETA_TX_IP_HLEN_SHIFT) * 4;
	bool ip6 = cmd & MVNETA_TX_L3_IP6, udp = cmd & MVNETA_TX_L4_UDP;
	unsigned int l4len, csum_off;
	__sum16 *check;
	__wsum sum;
	u8 *l4;

	if (l3 + hlen > len || hlen < (ip6 ? sizeof(struct ipv6hdr) : 20))
		return;
	if ((cmd & MVNETA_TXD_IP_CSUM) && !ip6) {
		struct iphdr *iph = (struct iphdr *)(frame + l3);

		iph->check = 0;
		iph->check = ip_fast_csum(iph, hlen / 4);
	}
	if (!(cmd & MVNETA_TX_L4_CSUM_FULL) || (cmd & MVNETA_TX_L4_CSUM_NOT))
		return;

	if (ip6) {
		const struct ipv6hdr *ip6h = (const struct ipv6hdr *)(frame + l3);

		l4len = sizeof(*ip6h) + ntohs(ip6h->payload_len);
		if (l4len < hlen)
			return;
		l4len -= hlen;
	} else {
		const struct iphdr *iph = (const struct iphdr *)(frame + l3);

		l4len = ntohs(iph->tot_len);
		if (l4len < hlen)
			return;
		l4len -= hlen;
	}
	csum_off = udp ? offsetof(struct udphdr, check) :
			 offsetof(struct tcphdr, check);
	if (l3 + hlen + l4len > len || l4len < csum_off + 2)
		return;

	l4 = frame + l3 + hlen;
	check = (__sum16 *)(l4 + csum_off);
	*check = 0;
	sum = csum_partial(l4, l4len, 0);
	if (ip6) {
		const struct ipv6hdr *ip6h = (const struct ipv6hdr *)(frame + l3);

		*check = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, l4len,
					 udp ? IPPROTO_UDP : IPPROTO_TCP, sum);
	} else {
		const struct iphdr *iph = (const struct iphdr *)(frame + l3);

		*check = csum_tcpudp_magic(iph->saddr, iph->daddr, l4len,
					   udp ? IPPROTO_UDP : IPPROTO_TCP, sum);
	}
	if (udp && !*check)
		*check = CSUM_MANGLED_0;
}

/**
 * nm_flow_hash() - hash of a frame's IPv4 flow
 * @frame: frame
 * @len:   frame length
 *
 * Return: a hash of addresses, protocol and (TCP/UDP) ports; 0 for frames
 * that are not IPv4.
 */
u32 nm_flow_hash(const u8 *frame, unsigned int len)
{
	unsigned int off = nm_ipv4_off(frame, len);
	const struct iphdr *iph;
	u32 ports = 0;

	if (!off)
		return 0;
	iph = (const struct iphdr *)(frame + off);
	if ((iph->protocol == IPPROTO_UDP || iph->protocol == IPPROTO_TCP) &&
	    !(iph->frag_off & htons(IP_MF | IP_OFFSET)) &&
	    off + iph->ihl * 4 + 4 <= len)
		ports = get_unaligned((const u32 *)(frame + off + iph->ihl * 4));
	return jhash_3words((__force u32)iph->saddr, (__force u32)iph->daddr,
			    ports ^ iph->protocol, 0);
}

/**
 * nm_fcs() - Ethernet FCS of a frame
 * @frame: frame
 * @len:   frame length
 *
 * Return: the FCS, to be stored little-endian after the frame.
 */
u32 nm_fcs(const u8 *frame, unsigned int len)
{
	return ~crc32_le(~0, frame, len);
}

/* Generator addresses: 198.18.0.1 -> 198.18.0.2 (RFC 2544 benchmark net) */
#define NM_GEN_SADDR	0xc6120001
#define NM_GEN_DADDR	0xc6120002
#define NM_GEN_DPORT	9

/**
 * nm_gen_build() - build one UDP/IPv4 frame of the traffic generator
 * @frame: buffer of at least @size bytes
 * @size:  frame size without FCS (60..NM_FRAME_MAX)
 * @dst:   destination MAC address
 * @sport: UDP source port (one per flow)
 * @seq:   sequence number, stored in the IP id and the payload
 *
 * Return: the frame length (@size).
 */
unsigned int nm_gen_build(u8 *frame, unsigned int size, const u8 *dst,
			  u16 sport, u32 seq)
{
	static const u8 src[ETH_ALEN] = { 0x02, 0x4e, 0x4d, 0x47, 0x45, 0x4e };
	struct ethhdr *eth = (struct ethhdr *)frame;
	struct iphdr *iph = (struct iphdr *)(eth + 1);
	struct udphdr *udph = (struct udphdr *)(iph + 1);
	unsigned int ulen = size - ETH_HLEN - sizeof(*iph), i;
	u8 *payload = (u8 *)(udph + 1);

	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, src);
	eth->h_proto = htons(ETH_P_IP);

	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = htons(size - ETH_HLEN);
	iph->id = htons(seq & 0xffff);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = htonl(NM_GEN_SADDR);
	iph->daddr = htonl(NM_GEN_DADDR);
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);

	udph->source = htons(sport);
	udph->dest = htons(NM_GEN_DPORT);
	udph->len = htons(ulen);
	udph->check = 0;
	put_unaligned_be32(seq, payload);
	for (i = 4; i < ulen - sizeof(*udph); i++)
		payload[i] = i;
	udph->check = csum_tcpudp_magic(iph->saddr, iph->daddr, ulen,
					IPPROTO_UDP,
					csum_partial(udph, ulen, 0));
	if (!udph->check)
		udph->check = CSUM_MANGLED_0;
	return size;
}
