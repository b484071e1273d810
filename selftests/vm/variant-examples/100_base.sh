#!/bin/bash
# summary: the base case
# timeout: 300
# cmdline: quiet
# smp: 1
echo base
