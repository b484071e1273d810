#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check a tcpdump -w capture of UDP/IPv4 frames in one pass.

Every frame must be Ethernet/IPv4/UDP with the given MAC and IPv4
addresses, a valid IPv4 header checksum and a valid, non-zero UDP checksum
(--allow-udp-csum0 accepts 0, "no checksum"). With --pktgen-seq the
pktgen sequence numbers (the pktgen header after the UDP header) must be
distinct and, with --count N, exactly 0..N-1. Prints one summary line;
exit 0 when the capture holds --count such frames and nothing else, 1 with
the first problems listed otherwise, 2 for a file that is not a pcap.

Ones' complement sums are computed as the value of the bytes modulo 0xffff
(2^16 = 1 mod 0xffff), one big-integer operation per header instead of a
loop over 16-bit words: a valid checksum makes the sum 0 mod 0xffff.
"""
import argparse
import struct
import sys

PGH_MAGIC = 0xbe9be955


def mac(s):
    b = bytes(int(x, 16) for x in s.split(":"))
    if len(b) != 6:
        raise argparse.ArgumentTypeError("bad MAC address %r" % s)
    return b


def ip4(s):
    b = bytes(int(x) for x in s.split("."))
    if len(b) != 4:
        raise argparse.ArgumentTypeError("bad IPv4 address %r" % s)
    return b


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pcap")
    ap.add_argument("--count", type=int, help="frames the capture must hold")
    ap.add_argument("--eth-src", type=mac)
    ap.add_argument("--eth-dst", type=mac)
    ap.add_argument("--ip-src", type=ip4)
    ap.add_argument("--ip-dst", type=ip4)
    ap.add_argument("--allow-udp-csum0", action="store_true")
    ap.add_argument("--pktgen-seq", action="store_true")
    a = ap.parse_args()

    with open(a.pcap, "rb") as f:
        data = f.read()
    if len(data) < 24:
        print("pcap_check: %s: too short for a pcap header" % a.pcap)
        return 2
    magic = struct.unpack_from("<I", data)[0]
    if magic in (0xa1b2c3d4, 0xa1b23c4d):
        end = "<"
    elif magic in (0xd4c3b2a1, 0x4d3cb2a1):
        end = ">"
    else:
        print("pcap_check: %s: not a pcap file" % a.pcap)
        return 2
    linktype = struct.unpack_from(end + "I", data, 20)[0]
    if linktype != 1:
        print("pcap_check: link type %d, expected Ethernet (1)" % linktype)
        return 2

    rec = struct.Struct(end + "IIII")
    frombytes = int.from_bytes
    problems = []
    bad = {"short": 0, "not_udp4": 0, "eth": 0, "ip": 0, "ip_csum": 0,
           "udp_csum": 0, "udp_csum0": 0, "truncated": 0, "seq": 0}
    seqs = bytearray((a.count or 0) + 1) if a.pktgen_seq and a.count else None
    seen_other = set() if a.pktgen_seq and not a.count else None
    dup = 0
    n = 0
    off = 24
    size = len(data)

    def problem(kind, msg):
        bad[kind] += 1
        if len(problems) < 10:
            problems.append("frame %d: %s" % (n, msg))

    while off + 16 <= size:
        _, _, caplen, wirelen = rec.unpack_from(data, off)
        off += 16
        p = data[off:off + caplen]
        off += caplen
        n += 1
        if caplen != wirelen:
            problem("truncated", "captured %d of %d bytes" % (caplen, wirelen))
            continue
        if caplen < 42:
            problem("short", "%d bytes" % caplen)
            continue
        if p[12:14] != b"\x08\x00" or p[14] != 0x45 or p[23] != 17:
            problem("not_udp4", "not UDP/IPv4 without options")
            continue
        if (a.eth_dst and p[0:6] != a.eth_dst) or (a.eth_src and p[6:12] != a.eth_src):
            problem("eth", "MAC %s -> %s" % (p[6:12].hex(":"), p[0:6].hex(":")))
        if (a.ip_src and p[26:30] != a.ip_src) or (a.ip_dst and p[30:34] != a.ip_dst):
            problem("ip", "IPv4 %s -> %s" % (".".join(map(str, p[26:30])),
                                             ".".join(map(str, p[30:34]))))
        if frombytes(p[14:34], "big") % 0xffff:
            problem("ip_csum", "bad IPv4 header checksum")
        tot = (p[16] << 8) | p[17]
        ulen = (p[38] << 8) | p[39]
        if tot + 14 > caplen or ulen != tot - 20 or ulen < 8:
            problem("short", "IPv4 length %d, UDP length %d, %d bytes" % (tot, ulen, caplen))
            continue
        udp = p[34:34 + ulen]
        if udp[6:8] == b"\x00\x00":
            if not a.allow_udp_csum0:
                problem("udp_csum0", "UDP checksum 0 (none)")
        else:
            # pseudo header: saddr, daddr, 0, proto 17, UDP length
            s = frombytes(p[26:34], "big") + 17 + ulen
            if ulen & 1:
                udp += b"\x00"
            if (frombytes(udp, "big") + s) % 0xffff:
                problem("udp_csum", "bad UDP checksum")
        if a.pktgen_seq:
            if ulen < 16 or frombytes(udp[8:12], "big") != PGH_MAGIC:
                problem("seq", "no pktgen header")
                continue
            seq = frombytes(udp[12:16], "big")
            if seqs is not None:
                if seq >= a.count:
                    problem("seq", "sequence %d out of 0..%d" % (seq, a.count - 1))
                elif seqs[seq]:
                    dup += 1
                    problem("seq", "sequence %d twice" % seq)
                else:
                    seqs[seq] = 1
            else:
                if seq in seen_other:
                    dup += 1
                    problem("seq", "sequence %d twice" % seq)
                seen_other.add(seq)
    if off != size:
        problems.append("%d bytes of a partial record at the end" % (size - off))

    total_bad = sum(bad.values())
    line = "pcap_check: %d frames, %d bad" % (n, total_bad)
    details = ", ".join("%s %d" % (k, v) for k, v in bad.items() if v)
    if details:
        line += " (%s)" % details
    if a.pktgen_seq:
        line += ", %d duplicate sequence numbers" % dup
    print(line)
    ok = total_bad == 0 and off == size
    if a.count is not None and n != a.count:
        print("pcap_check: expected %d frames, found %d" % (a.count, n))
        ok = False
    if seqs is not None:
        missing = a.count - sum(seqs[:a.count])
        if missing:
            first = [i for i in range(a.count) if not seqs[i]][:10]
            print("pcap_check: %d sequence numbers of 0..%d missing, first: %s" % (
                missing, a.count - 1, " ".join(map(str, first))))
            ok = False
    for p in problems:
        print("pcap_check: " + p)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
