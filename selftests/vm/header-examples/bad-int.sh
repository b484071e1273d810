#!/bin/bash
# summary: zero timeout
# timeout: 0
