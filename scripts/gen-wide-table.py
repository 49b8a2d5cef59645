#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Print the table of East Asian Wide (W) and Fullwidth (F) code points of
# src/base/utf8.c from Python's Unicode database: assigned W and F code
# points as ranges, a gap of unassigned code points inside a range joined
# into it, and planes 2 and 3 whole (wide by default, as Unicode's
# EastAsianWidth.txt states).
import unicodedata as u

ranges = []
for cp in range(0x20000):
    c = chr(cp)
    if u.category(c) == 'Cn' or u.east_asian_width(c) not in 'WF':
        continue
    if ranges and all(u.category(chr(x)) == 'Cn'
                      for x in range(ranges[-1][1] + 1, cp)):
        ranges[-1][1] = cp
    else:
        ranges.append([cp, cp])
ranges += [[0x20000, 0x2FFFD], [0x30000, 0x3FFFD]]
print('/* East Asian Wide and Fullwidth code points, Unicode %s, written by'
      % u.unidata_version)
print(' * scripts/gen-wide-table.py. */')
print('static const struct cp_range wide[] = {')
line = '\t'
for a, b in ranges:
    item = '{ 0x%04X, 0x%04X },' % (a, b)
    if len(line.expandtabs()) + len(item) + 1 > 79:
        print(line.rstrip())
        line = '\t'
    line += item + ' '
print(line.rstrip())
print('};')
