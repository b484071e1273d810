#!/bin/bash
# summary: an architecture nobody builds
# arch: riscv64
