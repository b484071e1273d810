#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: AF_XDP sockets on mvneta_xdp (NETA model) with userspace/tools/xsk_tool in copy mode: rxdrop receives exactly N, l2fwd sends back out all the socket received (port B receives them; what it could not take is a drop counted by the driver and the socket alike), txonly sends N that port B receives (or overruns: its rx_fifo_errors); a queue that does not exist is refused with the kernel's error in copy and in zero-copy mode (zero-copy itself: 606); 0 pages in flight, 0 model violations
# timeout: 600
. "$SRC/selftests/lib/xsk.sh"

N=${XDP_FRAMES:-5000}

ktap_plan 22
mark=$(dmesg_mark)
xdp_up

# --- rxdrop: every generated frame reaches the socket, none is lost
check "rxdrop: attach xdp_redirect_xsk" xdp_attach "$H" xdp_redirect_xsk xdp
xsk_rxdrop -c rxdrop

# --- l2fwd: what the socket receives goes back out of port A to port B
xsk_l2fwd -c
check "l2fwd: detach" xdp_detach "$H"

# --- txonly: N frames out of port A (no XDP program needed to send)
xsk_txonly -c

# --- refusals: the kernel's error, not a socket in another mode
check "refused: zero-copy on queue 7 of a port with one RX queue (Invalid argument)" \
	refused "Invalid argument" "$XSK" txonly "$H" 7 -z -n 1
check "refused: queue 7 of a port with one RX queue (Invalid argument)" \
	refused "Invalid argument" "$XSK" txonly "$H" 7 -c -n 1

neta_finish
ktap_finish
