# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the xdpctl guest cases (selftests/cases/2*_xdpctl_*.sh);
# sources case.sh.

# sourced once, whatever sources it too
[ -z "${LIB_XDPCTL_SH:-}" ] || return 0
LIB_XDPCTL_SH=1
. "$SRC/selftests/lib/case.sh"

# xc ARGS...: run xdpctl; sets OUT, ERR and RC
xc() {
	local e
	e=$(mktemp)
	# shellcheck disable=SC2034 # read by the cases that source this
	OUT=$("$XDPCTL" "$@" 2>"$e")
	# shellcheck disable=SC2034 # read by the cases that source this
	RC=$?
	# shellcheck disable=SC2034 # read by the cases that source this
	ERR=$(cat "$e")
	rm -f "$e"
}
