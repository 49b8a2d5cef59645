#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make lint: the source tree keeps its layers (docs/architecture.md).

Every include of a project header is written from src/ ("base/diag.h");
a folder includes only the folders below it in LAYERS; and no two modules
call each other, directly or round a loop (module X uses module Y when
X.c includes Y.h; a header that includes another for its types makes no
such use).  Prints each breach as FILE:LINE: and exits 1 if there is one."""
import glob
import os
import re
import sys

# Each layer and the layers it may include, lowest first.
LAYERS = {
    'base': [],
    'yaml': ['base'],
    'bank': ['base', 'yaml'],
    'paper': ['base', 'yaml', 'bank'],
    'render': ['base', 'yaml', 'bank', 'paper'],
    'pdf': ['base', 'yaml', 'bank', 'paper', 'render'],
    'grade': ['base', 'yaml', 'bank', 'paper'],
    'scan': ['base', 'yaml', 'bank', 'paper', 'grade'],
    'report': ['base', 'yaml', 'bank', 'paper', 'grade'],
    'cmd': ['base', 'yaml', 'bank', 'paper', 'render', 'pdf', 'grade',
            'scan', 'report'],
}
INCLUDE = re.compile(r'\s*#\s*include\s+"([^"]+)"')


def main():
    os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
    bad = 0
    edges = {}
    for path in sorted(glob.glob('src/*/*.[ch]')):
        layer = path.split('/')[1]
        module = path[4:-2]
        if layer not in LAYERS:
            print(f"{path}:1: error: folder '{layer}' is not a layer "
                  f"(add it to tests/lint/layers.py and docs/architecture.md)")
            bad += 1
            continue
        with open(path, encoding='utf-8') as f:
            for no, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                inc = m.group(1)
                if '/' not in inc or not os.path.exists('src/' + inc):
                    print(f"{path}:{no}: error: include '{inc}' is not "
                          f"a header under src/ written from src/")
                    bad += 1
                    continue
                to = inc.split('/')[0]
                if to != layer and to not in LAYERS[layer]:
                    print(f"{path}:{no}: error: layer '{layer}' includes "
                          f"'{inc}' of layer '{to}' above it")
                    bad += 1
                if path.endswith('.c') and inc[:-2] != module:
                    edges.setdefault(module, set()).add(inc[:-2])
    # a loop of modules: depth-first search for a back edge
    state = {}

    def visit(m, stack):
        nonlocal bad
        state[m] = 1
        stack.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                loop = stack[stack.index(n):] + [n]
                print(f"src/{m}.c:1: error: modules use each other: "
                      + ' -> '.join(loop))
                bad += 1
            elif not state.get(n):
                visit(n, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if not state.get(m):
            visit(m, [])
    n = len(glob.glob('src/*/*.[ch]'))
    if bad:
        print(f"layers: {bad} breaches in {n} files")
        return 1
    print(f"layers: {n} files in {len(LAYERS)} layers, no include upward, "
          f"no loop")
    return 0


if __name__ == '__main__':
    sys.exit(main())
