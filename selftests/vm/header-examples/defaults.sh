#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: only a summary: the rest defaults
# A free comment line of the header (no key) is ignored.
. "$SRC/selftests/lib/ktap.sh"
# timeout: 5
