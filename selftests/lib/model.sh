# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the NETA model's own guest cases (selftests/cases/30*_model_*.sh,
# the model without the driver); sources case.sh.

# sourced once, whatever sources it too
[ -z "${LIB_MODEL_SH:-}" ] || return 0
LIB_MODEL_SH=1
. "$SRC/selftests/lib/case.sh"

D=/sys/kernel/debug/neta_model
# shellcheck disable=SC2034 # read by the cases that source this
P0=$D/port0
# shellcheck disable=SC2034 # read by the cases that source this
P1=$D/port1

# The registers the cases write through reg (offsets of the driver's
# mvneta_regs.h): TX queues enable (bits 0..7) / disable (bits 8..15); the
# RX queue of each VLAN priority (3 bits per priority)
# shellcheck disable=SC2034 # read by the cases that source this
MVNETA_TXQ_CMD=0x2448
# shellcheck disable=SC2034 # read by the cases that source this
MVNETA_VLAN_PRIO_TO_RXQ=0x2440

# reg PORT OFFSET [VALUE]: read or write a register as the driver would
reg() {
	echo "$2" >"$D/port$1/reg_addr"
	if [ $# -gt 2 ]; then
		echo "$3" >"$D/port$1/reg_val"
	else
		cat "$D/port$1/reg_val"
	fi
}
