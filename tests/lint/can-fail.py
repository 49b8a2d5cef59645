#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make lint: every check of a test script is able to fail.

Reads the shell scripts of tests/ (the e2e cases' check scripts and every
*.sh) and reports, as FILE:LINE:, the checks whose failure nothing sees:

- '! cmd' as a command of its own under 'set -e': a negated command never
  stops the script (write 'if cmd; then exit 1; fi', or '! cmd || fail');
- 'check || true' (or '|| :'): a quiet check (grep -q, test, cmp -s)
  whose failure is thrown away, and any script whose last command ends so;
- in a check script without 'set -e', a grep, test, cmp or diff before the
  last command: only the last command's status is the script's.

With --self-test it runs over the planted scripts of tests/lint/cant-fail/
instead, each of which says in its first line how many findings it holds
('# expect: N'), and fails unless exactly those are found."""
import contextlib
import glob
import io
import os
import re
import sys

CHECK = re.compile(r'^(grep|egrep|fgrep|test|\[|\[\[|cmp|diff)(?=\s|$)')
# a check that prints nothing: its status is all it says
QUIET = re.compile(r'^((grep|egrep|fgrep)\s+(-\w+\s+)*-\w*q|test\b|\[|'
                   r'cmp\s+-s)')
SET_E = re.compile(r'^set\s+-[a-z]*e')
HEREDOC = re.compile(r"<<-?\s*['\"]?(\w+)['\"]?")
CONTINUES = re.compile(r'(\\|\|\||&&|\||\b(if|while|until|elif|then|do'
                       r'|else))\s*$')
SWALLOW = re.compile(r'\|\|\s*(true|:)\s*(;.*)?$')


def logical_lines(text):
    """The script's commands as (first line number, text): continued lines
    joined, comments, blank lines and here-document bodies left out."""
    out, cur, start, until = [], '', 0, None
    for no, raw in enumerate(text.splitlines(), 1):
        if until is not None:
            if raw.strip() == until:
                until = None
            continue
        line = raw.strip()
        if not cur and (not line or line.startswith('#')):
            continue
        m = HEREDOC.search(line)
        if m:
            until = m.group(1)
        if not cur:
            start = no
        cur = f'{cur} {line}' if cur else line
        if CONTINUES.search(line) and not line.startswith('#'):
            if line.endswith('\\'):
                cur = cur[:-1].rstrip()
            continue
        out.append((start, cur))
        cur = ''
    if cur:
        out.append((start, cur))
    return out


def statements(line):
    """The commands of one logical line split at ';' (roughly: quotes and
    brackets are not parsed), with control words stripped."""
    for part in re.split(r';\s*(?:then|do|else)?\s*|\b(?:then|do|else)\s+',
                         line):
        part = part.strip()
        if part:
            yield part


def check_script(path, is_check):
    """Print and count the findings in one script."""
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = logical_lines(f.read())
    set_e = any(SET_E.match(t) for _, t in lines)
    found = 0

    def report(no, why):
        nonlocal found
        print(f'{path}:{no}: error: {why}')
        found += 1

    commands = [(no, t) for no, t in lines
                if not re.match(r'^(fi|done|esac|\}|\))\b', t)]
    for i, (no, text) in enumerate(commands):
        last = i == len(commands) - 1
        for st in statements(text):
            if set_e and st.startswith('! ') and '||' not in st:
                report(no, "'! cmd' under 'set -e' never stops the script: "
                       "write 'if cmd; then exit 1; fi'")
            if SWALLOW.search(st) and (QUIET.match(st) or last):
                report(no, "'|| true' throws the check's failure away")
            if (is_check and not set_e and not last and CHECK.match(st)
                    and '||' not in st and '&&' not in st):
                report(no, "this check's status is unused (no 'set -e' "
                       "and not the last command)")
    return found


def scripts():
    """The test scripts to read."""
    paths = set(glob.glob('tests/cases/*/check'))
    paths |= set(glob.glob('tests/**/*.sh', recursive=True))
    return sorted(p for p in paths if not p.startswith('tests/lint/cant-fail/'))


def self_test():
    """Each planted script yields exactly the findings it announces."""
    bad = n = 0
    for path in sorted(glob.glob('tests/lint/cant-fail/*')):
        with open(path, encoding='utf-8') as f:
            m = re.match(r'# expect: (\d+)', f.readline())
        if not m:
            print(f"{path}:1: error: no '# expect: N' line")
            bad += 1
            continue
        n += int(m.group(1))
        said = io.StringIO()
        with contextlib.redirect_stdout(said):
            got = check_script(path, path.endswith('.check'))
        if got != int(m.group(1)):
            print(said.getvalue(), end='')
            print(f'{path}:1: error: {got} findings, expected {m.group(1)}')
            bad += 1
    print('can-fail self-test: ' + ('failed' if bad else
          f'the {n} planted findings found, none else'))
    return 1 if bad else 0


def main():
    os.chdir(os.path.join(os.path.dirname(__file__), '..', '..'))
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    paths = scripts()
    bad = sum(check_script(p, p.endswith('/check')) for p in paths)
    if bad:
        print(f'can-fail: {bad} checks that cannot fail in {len(paths)} '
              f'scripts')
        return 1
    print(f'can-fail: {len(paths)} scripts, every check able to fail')
    return 0


if __name__ == '__main__':
    sys.exit(main())
