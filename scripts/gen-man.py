#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a man page (roff) from its Markdown source in docs/man/.

usage: gen-man.py EXAMGEN SOURCE.md OUT

The source is plain Markdown (readable as documentation on its own) in a
small subset: a first line "% NAME(SECTION) | title", "# HEADING",
"## subheading", paragraphs, "- " bullets, ``` blocks, `code`, **bold** and
*italic*, and tables as rows "| a | b |".  A line "@synopsis" becomes the
usage lines of 'EXAMGEN help'; a line "@commands" becomes, for
every command that 'EXAMGEN help' lists, its usage, description and every
option exactly as 'EXAMGEN help COMMAND' prints them, so the page and
--help cannot drift.  Python standard library only.
"""
import os
import re
import subprocess
import sys


def esc(text):
    """Escape roff specials in running text."""
    text = text.replace("\\", "\\e")
    text = re.sub(r"^([.'])", r"\\&\1", text)
    return text.replace("-", "\\-")


def inline(text):
    """Markdown emphasis and code spans to roff fonts."""
    out = []
    for part in re.split(r"(`[^`]+`|\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if part.startswith("`") or part.startswith("**"):
            out.append("\\fB" + esc(part.strip("`*")) + "\\fR")
        elif part.startswith("*") and len(part) > 2:
            out.append("\\fI" + esc(part.strip("*")) + "\\fR")
        else:
            out.append(esc(part))
    line = "".join(out)
    return "\\&" + line if line.startswith((".", "'")) else line


def help_text(examgen, *args):
    """What 'examgen help ...' prints (exit status 0 required)."""
    res = subprocess.run([examgen, "help", *args], capture_output=True,
                         text=True, check=False)
    if res.returncode != 0:
        sys.exit("gen-man: '%s help %s' failed: %s" %
                 (examgen, " ".join(args), res.stderr.strip()))
    return res.stdout


def usage_lines(examgen):
    """The usage lines of 'examgen help', without the leading blanks."""
    out, inside = [], False
    for line in help_text(examgen).splitlines():
        if line.startswith("usage:"):
            inside = True
        elif inside and line.startswith("  examgen "):
            out.append(line.strip())
        elif inside:
            break
    return out


def commands(examgen):
    """The commands listed in the usage block of 'examgen help'."""
    names = []
    for line in help_text(examgen).splitlines():
        m = re.match(r"^  examgen ([a-z]+)\b", line)
        if m and m.group(1) not in names:
            names.append(m.group(1))
    return names


def command_section(examgen, name):
    """A command's help as roff: usage, paragraphs, option list."""
    lines = help_text(examgen, name).rstrip("\n").split("\n")
    out = [".SS " + esc(name)]
    usage = lines[0]
    if usage.startswith("usage: "):
        usage = usage[len("usage: "):]
        out += [".nf", "\\fB" + esc(usage) + "\\fR", ".fi"]
        lines = lines[1:]
    for run in runs(lines):
        if run[0].startswith("  ") and ENTRY.match(run[0]):
            out += options(run)
        elif run[0].startswith("  "):
            out += [".PP", ".nf"] + [esc(x) for x in run] + [".fi"]
        else:
            out += [".PP", esc(join(run))]
    return out


# An entry of an indented list: "  --opt ARG   text" or "  NAME   text".
ENTRY = re.compile(r"^  (\S+)((?: [^ ]+)?)(?:\s{2,}(.*))?$")


def join(lines):
    """Wrapped lines as one text (a line ending in '-' joins without a
    space, as in 'byte-' + 'identical')."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and not text.endswith("-"):
            text += " "
        text += line
    return text


def runs(lines):
    """Blank-line paragraphs, each split where indentation starts or ends
    (a text paragraph followed by an indented listing)."""
    out, cur, indented = [], [], None
    for line in lines + [""]:
        if not line.strip():
            if cur:
                out.append(cur)
            cur, indented = [], None
            continue
        ind = line.startswith("  ")
        if cur and indented is not None and ind != indented and \
                not (indented and line.startswith("    ")):
            out.append(cur)
            cur = []
        cur.append(line)
        indented = ind if len(cur) == 1 else indented
    return out


def options(para):
    """An indented option list ('  --opt ARG   text' + continuations)."""
    out, desc = [], []
    for line in para:
        m = None if line.startswith("   ") else ENTRY.match(line)
        if m:
            if desc:
                out.append(esc(join(desc)))
            desc = [m.group(3)] if m.group(3) else []
            arg = m.group(2).strip()
            out += [".TP", "\\fB" + esc(m.group(1)) + "\\fR" +
                    (" \\fI" + esc(arg) + "\\fR" if arg else "")]
        else:
            desc.append(line.strip())
    if desc:
        out.append(esc(join(desc)))
    return out


def table(rows):
    """Markdown table rows to a tbl table."""
    cells = [[c.strip() for c in r.strip().strip("|").split("|")]
             for r in rows if not re.match(r"^\|[\s:|-]+\|$", r.strip())]
    # the last column takes the rest of the line, its cells as text blocks
    out = [".TS", "tab(\t);", " ".join(["l"] * (len(cells[0]) - 1) + ["lx"]) + "."]
    for i, row in enumerate(cells):
        out.append("\t".join(("\\fB%s\\fR" if i == 0 else "T{\n%s\nT}") % inline(c)
                             for c in row))
    return out + [".TE"]


def convert(examgen, src):
    """The whole page."""
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    m = re.match(r"^% ([\w-]+)\((\d)\) \| (.*)$", lines[0])
    if not m:
        sys.exit("gen-man: %s:1: first line must be '%% NAME(N) | title'" % src)
    version = subprocess.run([examgen, "--version"], capture_output=True,
                             text=True, check=True).stdout.strip()
    out = ['.TH "%s" "%s" "" "%s" "%s"' % (m.group(1).upper(), m.group(2),
                                           version, m.group(3))]
    i, para = 1, []

    def flush():
        if para:
            out.extend([".PP", inline(" ".join(para))])
            para.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            out += [".PP", ".nf", ".RS 4"]
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                out.append(esc(lines[i]))
                i += 1
            out += [".RE", ".fi"]
        elif line.startswith("# "):
            flush()
            out.append(".SH " + esc(line[2:].upper()))
        elif line.startswith("## "):
            flush()
            out.append(".SS " + inline(line[3:]))
        elif line.strip() == "@synopsis":
            flush()
            out += [".nf"] + ["\\fB" + esc(u) + "\\fR" for u in
                              usage_lines(examgen)] + [".fi"]
        elif line.strip() == "@commands":
            flush()
            for name in commands(examgen):
                out += command_section(examgen, name)
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            out += table(rows)
            continue
        elif line.startswith("- "):
            flush()
            item = [line[2:]]
            while i + 1 < len(lines) and lines[i + 1].startswith("  ") \
                    and lines[i + 1].strip():
                i += 1
                item.append(lines[i].strip())
            out += [".IP \\(bu 2", inline(" ".join(item))]
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen-man.py EXAMGEN SOURCE.md OUT")
    page = convert(sys.argv[1], sys.argv[2])
    tmp = sys.argv[3] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, sys.argv[3])


if __name__ == "__main__":
    main()
