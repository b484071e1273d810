#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# summary: harness self-test: a task blocked past hung_task's limit fails the case and is not retried
# timeout: 60
# expect: ^guest reported a blocked task \(hung_task: deadlock\)$
# expect-detail: blocked for more than
# A writer blocks uninterruptibly on a frozen ext4 (sb_start_write), the
# kernel's hung-task detector reports it after 2 s: the way a driver
# deadlock shows. The runner must fail the case at once, never retry it.
. "$SRC/selftests/lib/ktap.sh"
ktap_plan 1
modprobe -q loop && modprobe -q ext4 || die "loop or ext4 module missing"
truncate -s 16M "$SCRATCH/fs.img"
mkfs.ext4 -q -F "$SCRATCH/fs.img" || die "mkfs.ext4 failed"
mkdir -p "$SCRATCH/mnt"
mount -o loop "$SCRATCH/fs.img" "$SCRATCH/mnt" || die "mount failed"
fsfreeze -f "$SCRATCH/mnt" || die "fsfreeze failed"
sh -c "echo x >$SCRATCH/mnt/blocked" &
ktap_ok "writer started on a frozen filesystem"
echo 2 >/proc/sys/kernel/hung_task_timeout_secs
sleep 50
ktap_finish
