#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: NETA model checker alone: each misuse a register interface allows is counted under its kind, reset works, queue commands and resets behave as silicon
# timeout: 90
. "$SRC/selftests/lib/model.sh"

# kind_after KIND CMD...: run CMD, print the port 0 counter of KIND
kind_after() {
	local kind=$1
	shift
	"$@"
	cat "$P0/viol_$kind"
}

ktap_plan 14
mark=$(dmesg_mark)

check "insert neta_model (2 RX, 2 TX queues)" kmod_insmod neta_model rxqs=2 txqs=2
assert_eq "unaligned register access counted (reg)" 1 \
	"$(kind_after reg reg 0 0x2002 1)"
assert_eq "offset outside the window counted (reg)" 2 \
	"$(kind_after reg reg 0 0x4000 1)"
assert_eq "write to RXQ status counted (ro)" 1 \
	"$(kind_after ro reg 0 0x14e0 5)"
assert_eq "write to a MIB counter counted (ro)" 2 \
	"$(kind_after ro reg 0 0x3010 5)"
assert_eq "RX descriptors returned but none occupied (ring)" 1 \
	"$(kind_after ring reg 0 0x1500 3)"
assert_eq "TX descriptors released but none sent (ring)" 2 \
	"$(kind_after ring reg 0 0x3c60 0x10000)"
assert_eq "TX descriptors added to an unconfigured ring (state)" 1 \
	"$(kind_after state reg 0 0x3c60 4)"
assert_eq "doorbell of a queue the port lacks (state)" 2 \
	"$(kind_after state reg 0 0x1508 0x10000)"
assert_eq "misaligned ring base (addr)" 1 \
	"$(kind_after addr reg 0 0x1480 0x1004)"

reg 0 0x2680 0x3
assert_eq "RXQ_CMD enables two queues" 0x00000003 "$(reg 0 0x2680)"
reg 0 0x2680 0x100
assert_eq "RXQ_CMD disable bit stops queue 0 at once" 0x00000002 "$(reg 0 0x2680)"

assert_eq "port 0 total is the sum of its kinds" 9 "$(cat $P0/violations)"
echo 1 >$D/violations
check "remove neta_model" kmod_rmmod neta_model
ktap_diag "$(dmesg_since "$mark" | grep -c violation) violation lines logged (rate limited)"
ktap_finish
