#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What the kernel's netdev genetlink family says about one device: its
page pools, their statistics, its queues and NAPIs, per-queue counters.
The answers `ynl --family netdev --dump page-pool-get` (and the other dumps)
give, from a raw socket, with no tool the guest lacks.

usage: netdev_nl.py pools|pool-stats|queues|napis|qstats|dev-qstats IFNAME
one line per object, fields as key=value, sorted:
  pool id=7 napi-id=8193 inflight=512 inflight-mem=2097152
  pool-stats id=7 alloc-fast=3 alloc-slow=1 ...
  queue rx 0 napi-id=8193
  napi id=8193 irq=42
  qstats rx 0 packets=10 bytes=600 alloc-fail=0 hw-drops=0 ...
  dev-qstats rx-packets=10 rx-bytes=600 ... (device totals)
exit 0; 1 on an error; 4 when the kernel has no netdev family or not this
command (6.1); 5 when the command exists in the family's spec but this
kernel was built without it (page-pool-stats-get without PAGE_POOL_STATS).
"""

import errno
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netdev_features import attr, attrs  # noqa: E402

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_OPS = 6
CTRL_ATTR_OP_ID = 1
NLM_F_REQUEST = 1
NLM_F_DUMP = 0x300
NLMSG_ERROR = 2
NLMSG_DONE = 3

# include/uapi/linux/netdev.h (6.12)
CMD_PAGE_POOL_GET = 5
CMD_PAGE_POOL_STATS_GET = 9
CMD_QUEUE_GET = 10
CMD_NAPI_GET = 11
CMD_QSTATS_GET = 12

POOL = {1: "id", 2: "ifindex", 3: "napi-id", 4: "inflight", 5: "inflight-mem",
        6: "detach-time"}
POOL_STATS = {8: "alloc-fast", 9: "alloc-slow", 10: "alloc-slow-high-order",
              11: "alloc-empty", 12: "alloc-refill", 13: "alloc-waive",
              14: "recycle-cached", 15: "recycle-cache-full",
              16: "recycle-ring", 17: "recycle-ring-full",
              18: "recycle-released-refcnt"}
POOL_STATS_INFO = 1
QUEUE = {1: "id", 2: "ifindex", 3: "type", 4: "napi-id"}
QUEUE_IFINDEX = 2
NAPI = {1: "ifindex", 2: "id", 3: "irq", 4: "pid"}
NAPI_IFINDEX = 1
QSTATS_IFINDEX = 1
QSTATS_TYPE = 2
QSTATS_ID = 3
QSTATS_SCOPE = 4
QSTATS_SCOPE_QUEUE = 1
QSTATS = {8: "rx-packets", 9: "rx-bytes", 10: "tx-packets", 11: "tx-bytes",
          12: "rx-alloc-fail", 13: "rx-hw-drops", 14: "rx-hw-drop-overruns",
          15: "rx-csum-complete", 16: "rx-csum-unnecessary",
          17: "rx-csum-none", 18: "rx-csum-bad", 19: "rx-hw-gro-packets",
          20: "rx-hw-gro-bytes", 21: "rx-hw-gro-wire-packets",
          22: "rx-hw-gro-wire-bytes", 23: "rx-hw-drop-ratelimits",
          24: "tx-hw-drops", 25: "tx-hw-drop-errors", 26: "tx-csum-none",
          27: "tx-needs-csum", 28: "tx-hw-gso-packets", 29: "tx-hw-gso-bytes",
          30: "tx-hw-gso-wire-packets", 31: "tx-hw-gso-wire-bytes",
          32: "tx-hw-drop-ratelimits", 33: "tx-stop", 34: "tx-wake"}
QUEUE_TYPE = {0: "rx", 1: "tx"}


def uint(data):
    """netlink 'uint' / u32 / u64: as long as the attribute is"""
    return int.from_bytes(data[:8] if len(data) >= 8 else data[:4], "little")


class Family:
    def __init__(self, name):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0
        reply = self.do(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                        attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))[0]
        self.id = struct.unpack("=H", reply[CTRL_ATTR_FAMILY_ID][:2])[0]
        self.ops = set()
        for op in attrs(reply.get(CTRL_ATTR_OPS, b"")).values():
            self.ops.add(uint(attrs(op)[CTRL_ATTR_OP_ID]))

    def do(self, family, cmd, payload, dump=False):
        """one request; the replies' attributes, raises OSError on an error"""
        self.seq += 1
        flags = NLM_F_REQUEST | (NLM_F_DUMP if dump else 0)
        msg = struct.pack("=BBH", cmd, 1, 0) + payload
        self.sock.send(struct.pack("=IHHII", 16 + len(msg), family, flags,
                                   self.seq, 0) + msg)
        out = []
        while True:
            data = self.sock.recv(1 << 20)
            while len(data) >= 16:
                n, kind = struct.unpack_from("=IH", data)
                if kind == NLMSG_ERROR:
                    err = struct.unpack_from("=i", data, 16)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    return out
                if kind == NLMSG_DONE:
                    return out
                out.append(attrs(data[20:n]))
                if not dump:
                    return out
                data = data[(n + 3) & ~3:]

    def dump(self, cmd, payload=b""):
        return self.do(self.id, cmd, payload, dump=True)


def fields(msg, names, skip=()):
    return " ".join("%s=%d" % (names[k], uint(v)) for k, v in sorted(msg.items())
                    if k in names and k not in skip)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[5], file=sys.stderr)
        return 1
    what, ifname = sys.argv[1:]
    try:
        ifindex = socket.if_nametoindex(ifname)
    except OSError:
        print("no device %s" % ifname, file=sys.stderr)
        return 1
    try:
        fam = Family("netdev")
    except OSError as e:
        print("no netdev genetlink family (%s)" % e.strerror)
        return 4
    cmd = {"pools": CMD_PAGE_POOL_GET, "pool-stats": CMD_PAGE_POOL_STATS_GET,
           "queues": CMD_QUEUE_GET, "napis": CMD_NAPI_GET,
           "qstats": CMD_QSTATS_GET, "dev-qstats": CMD_QSTATS_GET}.get(what)
    if cmd is None:
        print("unknown command %s" % what, file=sys.stderr)
        return 1
    if cmd not in fam.ops:
        if cmd == CMD_PAGE_POOL_STATS_GET and CMD_PAGE_POOL_GET in fam.ops:
            # the op is compiled only with CONFIG_PAGE_POOL_STATS
            print("netdev family without page-pool-stats-get (kernel built without PAGE_POOL_STATS)")
            return 5
        print("netdev family without command %d (%s)" % (cmd, what))
        return 4
    idx = struct.pack("=I", ifindex)
    lines = []
    try:
        if what == "pools":
            for m in fam.dump(cmd):
                if 2 in m and uint(m[2]) == ifindex:
                    lines.append("pool " + fields(m, POOL, skip=(2,)))
        elif what == "pool-stats":
            for m in fam.dump(cmd):
                info = attrs(m.get(POOL_STATS_INFO, b""))
                if 2 in info and uint(info[2]) == ifindex:
                    lines.append("pool-stats id=%d %s" % (uint(info[1]),
                                                          fields(m, POOL_STATS)))
        elif what == "queues":
            for m in fam.dump(cmd, attr(QUEUE_IFINDEX, idx)):
                napi = " napi-id=%d" % uint(m[4]) if 4 in m else ""
                lines.append("queue %s %d%s" % (QUEUE_TYPE[uint(m[3])],
                                                uint(m[1]), napi))
        elif what == "napis":
            for m in fam.dump(cmd, attr(NAPI_IFINDEX, idx)):
                lines.append("napi " + fields(m, NAPI, skip=(1,)))
        elif what == "qstats":
            scope = attr(QSTATS_SCOPE, struct.pack("=I", QSTATS_SCOPE_QUEUE))
            for m in fam.dump(cmd, attr(QSTATS_IFINDEX, idx) + scope):
                kind = QUEUE_TYPE[uint(m[QSTATS_TYPE])]
                names = {k: v[3:] for k, v in QSTATS.items()
                         if v.startswith(kind + "-")}
                lines.append("qstats %s %d %s" % (kind, uint(m[QSTATS_ID]),
                                                  fields(m, names)))
        else:
            for m in fam.dump(cmd, attr(QSTATS_IFINDEX, idx)):
                lines.append("dev-qstats " + fields(m, QSTATS))
    except OSError as e:
        print("%s: %s" % (what, e.strerror), file=sys.stderr)
        return 5 if e.errno == errno.EOPNOTSUPP else 1
    for line in sorted(lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
