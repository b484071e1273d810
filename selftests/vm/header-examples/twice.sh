#!/bin/bash
# summary: first
# timeout: 10
# summary: second
