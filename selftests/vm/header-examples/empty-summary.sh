#!/bin/bash
# summary:
