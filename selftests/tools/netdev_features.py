#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print a device's XDP features as the kernel's netdev genetlink family
reports them (dev-get, Linux 6.3+): the same answer `ynl --family netdev
--do dev-get` gives, from a raw socket, with no tool the guest lacks.

usage: netdev_features.py IFNAME
prints "xdp-features 0x67 basic redirect ndo-xmit rx-sg ndo-xmit-sg";
exit 0, 1 on an error, 4 when the kernel has no netdev family (6.1).
"""

import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST = 1
NLMSG_ERROR = 2
# include/uapi/linux/netdev.h
NETDEV_CMD_DEV_GET = 1
NETDEV_A_DEV_IFINDEX = 1
NETDEV_A_DEV_XDP_FEATURES = 3
XDP_ACT = ["basic", "redirect", "ndo-xmit", "xsk-zerocopy", "hw-offload",
           "rx-sg", "ndo-xmit-sg"]


def attr(kind, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, kind) + payload + b"\0" * ((4 - n % 4) % 4)


def attrs(data):
    out = {}
    while len(data) >= 4:
        n, kind = struct.unpack_from("=HH", data)
        if n < 4:
            break
        out[kind & 0x3fff] = data[4:n]
        data = data[(n + 3) & ~3:]
    return out


def request(sock, family, cmd, payload, seq):
    msg = struct.pack("=BBH", cmd, 1, 0) + payload
    sock.send(struct.pack("=IHHII", 16 + len(msg), family, NLM_F_REQUEST, seq, 0) + msg)
    data = sock.recv(65536)
    n, kind = struct.unpack_from("=IH", data)
    if kind == NLMSG_ERROR:
        err = struct.unpack_from("=i", data, 16)[0]
        raise OSError(-err, "genetlink request %d to family %d" % (cmd, family))
    return attrs(data[20:n])


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 1
    try:
        ifindex = socket.if_nametoindex(sys.argv[1])
    except OSError:
        print("no device %s" % sys.argv[1], file=sys.stderr)
        return 1
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    try:
        fam = request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                      attr(CTRL_ATTR_FAMILY_NAME, b"netdev\0"), 1)
    except OSError as e:
        print("no netdev genetlink family (%s)" % e.strerror)
        return 4
    family = struct.unpack("=H", fam[CTRL_ATTR_FAMILY_ID][:2])[0]
    dev = request(sock, family, NETDEV_CMD_DEV_GET,
                  attr(NETDEV_A_DEV_IFINDEX, struct.pack("=I", ifindex)), 2)
    feats = struct.unpack("=Q", dev[NETDEV_A_DEV_XDP_FEATURES][:8])[0]
    names = [n for i, n in enumerate(XDP_ACT) if feats & (1 << i)]
    print("xdp-features %#x %s" % (feats, " ".join(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
