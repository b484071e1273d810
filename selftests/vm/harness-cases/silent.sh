#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a case that prints nothing and exits 0 must fail
# timeout: 30
# expect: ^no KTAP plan printed$
exit 0
