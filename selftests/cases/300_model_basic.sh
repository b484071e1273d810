#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: NETA model alone: ports appear, registers behave as silicon (MAC, link, read-only, clear-on-read MIB), generator without a driver counts overruns, 0 violations, clean unload
# timeout: 90
. "$SRC/selftests/lib/model.sh"

# wait_for FILE VALUE: poll (5 s) until FILE reads VALUE
wait_for() {
	for _ in $(seq 50); do
		[ "$(cat "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	return 1
}

ktap_plan 17
mark=$(dmesg_mark)
[ -d /sys/kernel/debug/tracing ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null

check "insert neta_model" kmod_insmod neta_model
check "two platform devices" test -e /sys/bus/platform/devices/neta-model.0 -a \
	-e /sys/bus/platform/devices/neta-model.1
check "debugfs interface" test -f $D/violations -a -f $P0/viol_own -a -f $P1/gen_start

assert_eq "port 0 MAC high (02:4e:45:54)" 0x024e4554 "$(reg 0 0x2418)"
assert_eq "port 1 MAC low (41:01)" 0x00004101 "$(reg 1 0x2414)"
assert_eq "link down before the port is enabled" 0x00000000 "$(reg 0 0x2c10)"
reg 0 0x2c00 1
status=$(reg 0 0x2c10)
# shellcheck disable=SC2046 # word splitting wanted: a list of numbers
assert_eq "link up 1000/full once enabled" 0xb $(printf '%#x' $((status & 0xf)))
assert_eq "enabling the port raises the link change misc cause" 0x00000002 "$(reg 0 0x25b0)"
reg 0 0x2c00 0

reg 0 0x2c10 0x1
assert_eq "write to read-only GMAC status counted" 1 "$(cat $P0/viol_ro)"
echo 1 >$P0/violations
assert_eq "violations reset" 0 "$(cat $D/violations)"

# Generator into a port no driver owns: every frame overruns.
echo 200 >$P1/gen_count
echo 64 >$P1/gen_size
echo 100000 >$P1/gen_rate
echo 4 >$P1/gen_flows
echo 1 >$P1/gen_start
check "generator run ends" wait_for $P1/gen_start 0
assert_eq "generator overruns without a driver" "0 200" \
	"$(cat $P1/gen_sent) $(cat $P1/gen_overrun)"
assert_eq "MIB rx_overrun counts them" "rx_overrun 200" "$(grep rx_overrun $P1/mib)"
assert_eq "overrun register clears on read" "200 0" \
	"$(($(reg 1 0x2488))) $(($(reg 1 0x2488)))"

assert_eq "0 violations after the model-only run" 0 "$(cat $D/violations)"
check "remove neta_model" kmod_rmmod neta_model
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
