#!/bin/bash
# summary: a base with a refused header
# timeout: soon
