#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make check: run the test stages, time each, and say which passed,
failed or were skipped.

usage: run-check.py [--build TARGET...] [--] STAGE...

The targets after --build (what every stage uses: the program, the unit
test binaries, the scanner simulator) are made first, once, with make -j;
then the stages (make targets) run CHECK_JOBS at a time (default 2), each
with its output in a log of its own: a stage that fails has its log's end
printed.  A stage that cannot run here (not root, a tool missing) records
why in the file CHECK_SKIP names (tests/lib/skip.sh) and is reported as
SKIPPED, never as passed.  The stages are started longest first, so that
the short ones fill the gaps; every stage runs even after one fails.  At
the end: one line per stage with its result and wall time, and the total.
Exits 1 if a stage failed."""
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import threading
import time

# Lines of a failed stage's log printed.
TAIL = 60


def clock(secs):
    """m:ss."""
    secs = int(round(secs))
    return f'{secs // 60}:{secs % 60:02d}'


def main():
    args = sys.argv[1:]
    build = []
    if args and args[0] == '--build':
        args = args[1:]
        while args and args[0] != '--':
            build.append(args.pop(0))
    if args and args[0] == '--':
        args = args[1:]
    stages = args
    jobs = int(os.environ.get('CHECK_JOBS', '2'))
    make = os.environ.get('MAKE', 'make')
    results = {}
    lock = threading.Lock()
    start = time.monotonic()
    logdir = tempfile.mkdtemp(prefix='examgen-check-')

    def run(stage, cmd):
        log = os.path.join(logdir, stage + '.log')
        skip = os.path.join(logdir, stage + '.skip')
        env = dict(os.environ, CHECK_SKIP=skip)
        t0 = time.monotonic()
        with open(log, 'wb') as f:
            rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT,
                                env=env).returncode
        secs = time.monotonic() - t0
        if rc != 0:
            result, why = 'FAILED', ''
        elif os.path.exists(skip):
            with open(skip, encoding='utf-8', errors='replace') as f:
                result, why = 'SKIPPED', f.read().strip()
        else:
            result, why = 'passed', ''
        with lock:
            results[stage] = (result, secs, why)
            print(f'check: {stage} {result} in {clock(secs)}'
                  + (f' ({why})' if why else ''), flush=True)
            if rc != 0:
                with open(log, encoding='utf-8', errors='replace') as f:
                    lines = f.read().splitlines()
                print(f'--- the last {min(TAIL, len(lines))} lines of '
                      f'{stage}:')
                print('\n'.join(lines[-TAIL:]), flush=True)
        return rc

    order = []
    if build:
        order.append('build')
        run('build', [make, '--no-print-directory', f'-j{jobs}'] + build)
    if results.get('build', ('passed',))[0] == 'FAILED':
        stages = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for s in stages:
            pool.submit(run, s, [make, '--no-print-directory', s])
    order += stages
    total = time.monotonic() - start
    for name in os.listdir(logdir):
        os.unlink(os.path.join(logdir, name))
    os.rmdir(logdir)
    print('check: stage          result     time')
    for s in order:
        result, secs, why = results.get(s, ('not run', 0, ''))
        print(f'check: {s:<14} {result:<10} {clock(secs):>5}'
              + (f'  {why}' if why else ''))
    count = {r: sum(1 for v in results.values() if v[0] == r)
             for r in ('passed', 'SKIPPED', 'FAILED')}
    print(f"check: total {clock(total)} wall, {jobs} stages at a time: "
          f"{count['passed']} passed, {count['SKIPPED']} skipped, "
          f"{count['FAILED']} failed"
          + (', ' + str(len(order) - len(results)) + ' not run'
             if len(results) < len(order) else ''))
    return 1 if count['FAILED'] or len(results) < len(order) else 0


if __name__ == '__main__':
    sys.exit(main())
