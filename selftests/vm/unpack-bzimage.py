#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the uncompressed ELF vmlinux held inside an x86 bzImage.

QEMU boots the ELF directly through PVH, which skips the ~3.5 s TCG spends
decompressing Debian's xz kernel. Usage: unpack-bzimage.py BZIMAGE OUT
"""

import lzma
import sys

MAGICS = [
    (b"\xfd7zXZ\x00", lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ)),
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
            try:
                out = make().decompress(data[pos:])
            except lzma.LZMAError:
                out = b""
            if out.startswith(b"\x7fELF"):
                with open(sys.argv[2], "wb") as f:
                    f.write(out)
                return 0
            pos = data.find(magic, pos + 1)
    print("unpack-bzimage: no xz-compressed ELF kernel found in %s" % sys.argv[1],
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
