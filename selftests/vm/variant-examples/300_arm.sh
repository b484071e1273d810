# summary: arm64 only
# arch: arm64
