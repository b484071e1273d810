#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Count the UDP datagrams a socket receives.

Binds a UDP/IPv4 socket to --port (all addresses), counts datagrams and
payload bytes until SIGUSR1 or SIGTERM, then drains what the socket still
holds and prints "DATAGRAMS BYTES" on stdout. With --ready FILE it creates
FILE once the socket is bound (the caller starts the traffic then).
"""
import argparse
import os
import signal
import socket
import sys

stop = False


def on_signal(_sig, _frame):
    global stop
    stop = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--rcvbuf", type=int, default=0, help="SO_RCVBUF bytes")
    ap.add_argument("--ready", help="file created once bound")
    a = ap.parse_args()
    signal.signal(signal.SIGUSR1, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if a.rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, a.rcvbuf)
    s.bind(("0.0.0.0", a.port))
    s.settimeout(0.2)
    if a.ready:
        open(a.ready, "w").close()
    n = nbytes = 0
    buf = bytearray(65536)
    while True:
        try:
            got = s.recv_into(buf)
        except socket.timeout:
            if stop:
                break
            continue
        except InterruptedError:
            continue
        n += 1
        nbytes += got
    print(n, nbytes)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
