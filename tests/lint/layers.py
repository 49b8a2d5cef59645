#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make lint: the source tree keeps its layers (docs/architecture.md).

Every include of a project header is written from src/ ("base/diag.h");
a folder includes only the folders below it in LAYERS; and no two modules
call each other, directly or round a loop (module X uses module Y when
X.c includes Y.h; a header that includes another for its types makes no
such use).  Given the folder of the built objects (build/obj), the link
graph keeps the same rules: an object whose undefined symbols another
object defines uses that object, which must be in its layer or one below,
and no two objects use each other round a loop; and no exported function
is named for another file (its prefix is the longest file name, '-' read
as '_', that it starts with: 'render_pdf' in pdf/ named render.c).
Prints each breach as FILE:LINE: and exits 1 if there is one."""
import glob
import os
import re
import subprocess
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
    'scan': ['base', 'yaml', 'bank', 'paper'],
    'mark': ['base', 'yaml', 'bank', 'paper', 'render', 'grade'],
    'report': ['base', 'yaml', 'bank', 'paper', 'grade', 'mark'],
    'cmd': ['base', 'yaml', 'bank', 'paper', 'render', 'pdf', 'grade',
            'scan', 'report', 'mark'],
}
INCLUDE = re.compile(r'\s*#\s*include\s+"([^"]+)"')


def loops(edges, what):
    """Print each loop of edges (depth-first search for a back edge);
    return how many."""
    state = {}
    found = 0

    def visit(m, stack):
        nonlocal found
        state[m] = 1
        stack.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                loop = stack[stack.index(n):] + [n]
                print(f"src/{m}.c:1: error: {what}: " + ' -> '.join(loop))
                found += 1
            elif not state.get(n):
                visit(n, stack)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if not state.get(m):
            visit(m, [])
    return found


def link_graph(objdir):
    """Check which object's undefined symbols which object defines (nm);
    return the number of uses and of breaches."""
    defs, undefs, funcs, bad = {}, {}, {}, 0
    for path in sorted(glob.glob(os.path.join(objdir, '*', '*.o'))):
        module = os.path.relpath(path, objdir)[:-2]
        if not os.path.exists(f'src/{module}.c'):
            continue    # left over from a file since removed
        out = subprocess.run(['nm', '-P', path], capture_output=True,
                             text=True, check=True).stdout
        undefs[module] = set()
        for line in out.splitlines():
            f = line.split()
            if len(f) < 2:
                continue
            if f[1] == 'U':
                undefs[module].add(f[0])
            elif f[1] in 'TDBRCVW':
                defs.setdefault(f[0], module)
                if f[1] == 'T':
                    funcs[f[0]] = module
    missing = [c[4:-2] for c in glob.glob('src/*/*.c')
               if c[4:-2] not in undefs]
    for m in sorted(missing):
        print(f"src/{m}.c:1: error: no object {objdir}/{m}.o to check "
              f"(build it first)")
        bad += 1
    edges, n = {}, 0
    for m in sorted(undefs):
        layer = m.split('/')[0]
        for sym in sorted(undefs[m]):
            to = defs.get(sym)
            if not to or to == m:
                continue
            n += 1
            tl = to.split('/')[0]
            if tl != layer and tl not in LAYERS.get(layer, ()):
                print(f"src/{m}.c:1: error: layer '{layer}' calls "
                      f"'{sym}' of {to}.o in layer '{tl}' above it")
                bad += 1
            edges.setdefault(m, set()).add(to)
    bad += loops(edges, 'objects call each other')
    names = {os.path.basename(m).replace('-', '_'): m for m in undefs}
    for sym, m in sorted(funcs.items()):
        named = max((p for p in names
                     if sym == p or sym.startswith(p + '_')),
                    key=len, default=None)
        if named and names[named] != m:
            print(f"src/{m}.c:1: error: '{sym}' is named for "
                  f"src/{names[named]}.c (prefix an exported function "
                  f"with its own file's name)")
            bad += 1
    return n, bad


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
    bad += loops(edges, 'modules use each other')
    links = 0
    if len(sys.argv) > 1:
        links, nbad = link_graph(sys.argv[1])
        bad += nbad
    n = len(glob.glob('src/*/*.[ch]'))
    if bad:
        print(f"layers: {bad} breaches in {n} files")
        return 1
    print(f"layers: {n} files in {len(LAYERS)} layers, no include upward, "
          f"no loop" + (f"; {links} calls between objects, none upward, "
                        f"no loop" if links else ""))
    return 0


if __name__ == '__main__':
    sys.exit(main())
