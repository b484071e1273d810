#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: rmmod neta_model while mvneta_xdp is bound and the ports carry generator traffic: the driver's instances are removed cleanly, 0 violations until the end, no warning
# timeout: 120
. "$SRC/selftests/lib/case.sh"

D=/sys/kernel/debug/neta_model

[ -f "$KMOD/mvneta_xdp.ko" ] || { ktap_plan 1; ktap_skip "rmmod with the driver bound" "mvneta_xdp.ko not built"; ktap_finish; }

ktap_plan 9
mark=$(dmesg_mark)
modprobe phylink
# the driver links against our page pool module (page_pool=own)
[ -f "$KMOD/neta_page_pool.ko" ] && insmod "$KMOD/neta_page_pool.ko"
check "insert neta_model" kmod_insmod neta_model
check "insert mvneta_xdp" kmod_insmod mvneta_xdp
h=$(ls /sys/bus/platform/devices/neta-model.0/net/ 2>/dev/null)
r=$(ls /sys/bus/platform/devices/neta-model.1/net/ 2>/dev/null)
check "driver bound to both ports" test -n "$h" -a -n "$r"
for dev in $h $r; do
	quiet_port "$dev"
	ip link set dev "$dev" up
done
for p in 0 1; do
	echo 0 >$D/port$p/gen_count
	echo 20000 >$D/port$p/gen_rate
	echo 1 >$D/port$p/gen_start
done
sleep 2
sent=$(($(cat $D/port0/gen_sent) + $(cat $D/port1/gen_sent)))
assert_ge "generator frames reached the driver's rings" 1 "$sent"
assert_eq "0 violations under traffic" 0 "$(cat $D/violations)"
check "remove neta_model with the driver bound" kmod_rmmod neta_model
check "the driver's netdevs are gone" test ! -e "/sys/class/net/$h" -a ! -e "/sys/class/net/$r"
rmmod mvneta_xdp
[ -d /sys/module/neta_page_pool ] && rmmod neta_page_pool
assert_eq "no violation logged during the unbind" "" "$(dmesg_since "$mark" | grep 'violation (')"
bad=$(dmesg_bad "$mark")
if [ -z "$bad" ]; then ktap_ok "no warning, oops or leak in dmesg"; else ktap_fail "no warning, oops or leak in dmesg" "$bad"; fi
ktap_finish
