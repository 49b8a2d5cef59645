#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make style: the layout rules of the C sources (src/, tests/, fuzz/,
bench/), as .editorconfig states them for editors:

  - UTF-8 text with LF line ends and a final newline
  - no white space at the end of a line
  - indentation by tabs; spaces only after them, fewer than 8, to align a
    continued line (and the ' * ' of a block comment); no space before a tab
  - every function definition has its contract comment right above it
    (a comment ending on the line before, or on the line before a
    prototype or attribute line that precedes the definition)

Prints FILE:LINE: what is wrong for each finding and exits 1 if any.
Line length (80 columns) is left to the editor and .clang-format: the
tree does not meet it everywhere yet.
"""
import glob
import re
import sys

FILES = sorted(set(glob.glob('src/*/*.[ch]') + glob.glob('tests/*.c') +
                   glob.glob('tests/*/*.c') + glob.glob('fuzz/*.[ch]') +
                   glob.glob('bench/*.c')))
# A line that opens a function definition at column 0: a return type, a
# name and '(' (continued lines may follow), not ending in ';'.
DEF = re.compile(r'^(?!typedef|return|else|#)[A-Za-z_][\w \*]*?\b\w+\s*\(')

problems = 0


def report(path, line, msg):
    global problems
    problems += 1
    print('%s:%d: %s' % (path, line, msg))


def check_function_comments(path, lines):
    i = 0
    while i < len(lines):
        line = lines[i]
        if not DEF.match(line) or line.rstrip().endswith(';') or \
                line.startswith((' ', '\t')) or '=' in line.split('(')[0]:
            i += 1
            continue
        # find the end of the declarator: the line with the closing ')'
        j = i
        while j < len(lines) and not re.search(r'\)\s*$', lines[j]) and \
                not lines[j].rstrip().endswith(';') and j - i < 8:
            j += 1
        if j + 1 >= len(lines) or lines[j + 1].strip() != '{':
            i = j + 1
            continue
        k = i - 1
        # skip a prototype (with its attribute) written just above: from
        # its ';' up to the line where it starts
        if k >= 0 and lines[k].rstrip().endswith(';'):
            while k >= 0 and not DEF.match(lines[k]) and \
                    lines[k].startswith((' ', '\t', '__attribute__')):
                k -= 1
            k -= 1
        while k >= 0 and lines[k].startswith('__attribute__'):
            k -= 1
        if k < 0 or not lines[k].rstrip().endswith('*/'):
            report(path, i + 1, 'function without a comment above it')
        i = j + 2


def main():
    for path in FILES:
        data = open(path, 'rb').read()
        try:
            text = data.decode('utf-8')
        except UnicodeDecodeError as e:
            report(path, data[:e.start].count(b'\n') + 1, 'not UTF-8')
            continue
        if '\r' in text:
            report(path, text[:text.index('\r')].count('\n') + 1,
                   'carriage return (use LF line ends)')
        if text and not text.endswith('\n'):
            report(path, text.count('\n') + 1, 'no newline at the end')
        lines = text.split('\n')
        for n, line in enumerate(lines, 1):
            if line != line.rstrip():
                report(path, n, 'white space at the end of the line')
            indent = re.match(r'[ \t]*', line).group(0)
            if ' \t' in indent:
                report(path, n, 'space before a tab in the indentation')
            elif re.match(r'\t* {8,}', indent):
                report(path, n, 'indentation by spaces (use tabs)')
        check_function_comments(path, lines)
    if problems:
        print('style: %d problem%s' % (problems, '' if problems == 1
                                       else 's'), file=sys.stderr)
        sys.exit(1)
    print('style: %d files clean' % len(FILES))


if __name__ == '__main__':
    main()
