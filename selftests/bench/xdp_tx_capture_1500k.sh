#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: the seed's XDP_TX recipe at full size (long run, not in ./lab test): selftests/cases/601_xdp_tx_capture.sh with 1,500,000 frames, the capture must hold exactly 1,500,000 reflected frames
# timeout: 2400
XDP_TX_FRAMES=1500000
XDP_TX_WINDOW=448
. "$SRC/selftests/cases/601_xdp_tx_capture.sh"
