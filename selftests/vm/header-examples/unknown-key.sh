#!/bin/bash
# summary: a misspelt key
# timout: 5
