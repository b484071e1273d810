#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Send N numbered UDP/IPv4 frames with a bounded number in flight.

Builds 60-byte Ethernet/IPv4/UDP frames (valid IPv4 and UDP checksums,
IPv4 id = sequence & 0xffff, a pktgen-style header after the UDP header:
magic 0xbe9be955 and the sequence number 0..N-1) and sends them on a raw
AF_PACKET socket of --dev. Flow control: it never has more than --window
frames ahead of an acknowledgement counter (--ack-file, e.g. the sending
port's own rx_packets when the peer reflects every frame back with XDP_TX),
so under an emulator that deschedules vCPUs for tens of milliseconds no
receive ring in the loop can overflow. A counter that stops moving for
--stall seconds ends the wait (the frames are lost; the caller's counts
tell). Prints "sent S acked A stalls K" and exits 0 when A = N.
"""
import argparse
import socket
import struct
import sys
import time

PGH_MAGIC = 0xbe9be955


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def fold(s):
    """ones' complement sum (non-zero data) from a plain sum"""
    s %= 0xffff
    return s or 0xffff


def words(b):
    return sum(struct.unpack("!%dH" % (len(b) // 2), b))


def read_counter(path):
    with open(path, "rb") as f:
        return int(f.read())


class Acks:
    """The acknowledgement counter, relative to its value at the start."""

    def __init__(self, path, stall):
        self.path = path
        self.stall = stall
        self.base = read_counter(path)
        self.acked = 0

    def wait(self, done, poll):
        """Read the counter every `poll` seconds until done(acked); False
        when it stood still for `stall` seconds first."""
        last = time.monotonic()
        while True:
            cur = read_counter(self.path) - self.base
            if cur != self.acked:
                self.acked = cur
                last = time.monotonic()
            if done(self.acked):
                return True
            if time.monotonic() - last > self.stall:
                return False
            time.sleep(poll)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--src-mac", type=mac, required=True)
    ap.add_argument("--dst-mac", type=mac, required=True)
    ap.add_argument("--src-ip", type=ip4, required=True)
    ap.add_argument("--dst-ip", type=ip4, required=True)
    ap.add_argument("--port", type=int, default=9, help="UDP source and destination port")
    ap.add_argument("--ack-file", required=True, help="counter file, +1 per frame back")
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--stall", type=float, default=3.0)
    ap.add_argument("--dry-pcap", help="self-test: write the frames to this pcap, send nothing")
    a = ap.parse_args()

    payload = struct.pack("!IIII", PGH_MAGIC, 0, 0, 0) + b"\0\0"   # 18 bytes: 60-byte frame
    ulen = 8 + len(payload)
    udp = struct.pack("!HHHH", a.port, a.port, ulen, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, 0, 0x4000, 64, 17, 0,
                     a.src_ip, a.dst_ip)
    frame = bytearray(a.dst_mac + a.src_mac + b"\x08\x00" + ip + udp)
    ip_base = words(ip)
    udp_base = words(a.src_ip + a.dst_ip) + 17 + ulen + words(udp)
    pack_into = struct.pack_into

    if a.dry_pcap:
        out = open(a.dry_pcap, "wb")
        out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        rec = struct.pack("<IIII", 0, 0, len(frame), len(frame))
        send = lambda f: out.write(rec + f)
        a.window = a.count + 1
    else:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        s.bind((a.dev, 0))
        send = s.send
    acks = Acks(a.ack_file, a.stall)
    stalls = 0
    n = a.count
    w = a.window
    check = max(1, min(64, w // 4))
    for i in range(n):
        if i % check == 0 and i - acks.acked >= w - check:
            if not acks.wait(lambda acked: i - acked < w - check, 0.0005):
                stalls += 1
                acks.acked = i - w + check   # give up on the missing ones
        ident = i & 0xffff
        pack_into("!H", frame, 18, ident)
        pack_into("!H", frame, 24, 0xffff - fold(ip_base + ident))
        c = 0xffff - fold(udp_base + (i >> 16) + (i & 0xffff))
        pack_into("!H", frame, 40, c or 0xffff)
        pack_into("!I", frame, 46, i)
        send(frame)
    if a.dry_pcap:
        out.close()
        print("sent %d (dry run)" % n)
        return 0
    acks.wait(lambda acked: acked >= n, 0.005)
    acked = acks.acked
    print("sent %d acked %d stalls %d" % (n, acked, stalls))
    return 0 if acked == n else 1


if __name__ == "__main__":
    sys.exit(main())
