#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: the guest suite through xdpctl selftest in one guest, in order, with a case failing on purpose among them (./lab one-guest compares each verdict with the VM runner's)
# timeout: 5400
# The cases to run: $BUILD/one-guest/filters (one FILTER per line, none: all),
# written by ./lab one-guest. Prints xdpctl selftest's TAP as it is.
. "$SRC/selftests/lib/ktap.sh"

dir=$SCRATCH/cases
mkdir -p "$dir"
# every script and the variants table (a variant runs its base's script),
# the filters picked by xdpctl selftest as the runner picks them
ln -s "$SRC"/selftests/cases/*.sh "$SRC/selftests/cases/variants.tsv" "$dir"/
mapfile -t filters < <(grep . "$BUILD/one-guest/filters" 2>/dev/null)
# After the 3xx model cases, before the driver's: dies with the model, the
# pool and the driver loaded, both ports up, XDP attached, a namespace made.
ln -s "$SRC/selftests/vm/one-guest/fails_on_purpose.inc" "$dir/399_fails_on_purpose.sh"
[ ${#filters[@]} -gt 0 ] && filters+=(399_fails_on_purpose)
"$XDPCTL" selftest --dir "$dir" "${filters[@]}"
exit 0
