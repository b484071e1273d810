#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the uncompressed ELF vmlinux held inside an x86 bzImage.

QEMU boots the ELF directly through PVH, which skips the ~3.5 s TCG spends
decompressing Debian's kernel (xz on 6.1, zstd on 6.12; zstd through the
zstd command, as Python 3.11 has no zstd module).
Usage: unpack-bzimage.py BZIMAGE OUT
"""

import lzma
import subprocess
import sys


def unxz(data):
    try:
        return lzma.LZMADecompressor(lzma.FORMAT_XZ).decompress(data)
    except lzma.LZMAError:
        return b""


def unzstd(data):
    # The frame is followed by the bzImage's trailer: zstd writes the
    # frame's content, then complains about the rest (exit status 1).
    try:
        return subprocess.run(["zstd", "-dcq"], input=data, capture_output=True,
                              check=False).stdout
    except FileNotFoundError:
        return b""


MAGICS = [
    (b"\xfd7zXZ\x00", unxz),
    (b"\x28\xb5\x2f\xfd", unzstd),
]


def main():
    if len(sys.argv) != 3:
        print("usage: unpack-bzimage.py BZIMAGE OUT", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    for magic, make in MAGICS:
        pos = data.find(magic)
        while pos >= 0:
            out = make(data[pos:])
            if out.startswith(b"\x7fELF"):
                with open(sys.argv[2], "wb") as f:
                    f.write(out)
                return 0
            pos = data.find(magic, pos + 1)
    print("unpack-bzimage: no xz- or zstd-compressed ELF kernel found in %s" % sys.argv[1],
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
