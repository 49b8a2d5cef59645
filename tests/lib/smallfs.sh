#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# smallfs.sh MODE -- COMMAND...: run COMMAND (examgen, maybe under
# valgrind) with a 64 KiB tmpfs (MODE full) or a read-only tmpfs (MODE ro)
# mounted at ./fs, recording its exit code, stderr and the folder's files
# in ./result/ before unmounting.  Prints "skipped" when mount fails (not
# root).
mode=$1
shift 2
mkdir -p fs result
if ! mount -t tmpfs -o size=64k tmpfs fs 2>/dev/null; then
	echo skipped >result/skipped
	echo "smallfs: cannot mount a tmpfs (not root?): skipped"
	exit 0
fi
# earlier outputs that must survive
printf 'keep me\n' >fs/earlier.csv
mkdir -p fs/out && printf 'old report\n' >fs/out/summary.csv
[ "$mode" = ro ] && mount -o remount,ro fs
sh -c "$*" >result/stdout 2>result/stderr
echo $? >result/status
ls -A fs fs/out >result/files 2>&1
find fs -name ".*" -type f >result/leftovers 2>&1
cat fs/earlier.csv fs/out/summary.csv >result/kept 2>&1
find fs -type f -exec wc -c {} + >result/sizes 2>&1
umount fs
exit 0
