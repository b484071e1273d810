#!/bin/bash
# summary: not a number
# smp: two
