#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make install into a scratch DESTDIR with PREFIX=/usr, then check: the
# layout (bin, man1, man5, share/examgen, bash completion); the installed
# program validating the installed templates from another folder; every
# option of every command in the man page; bash completion of commands,
# options, file names and installed template names; make uninstall.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail() {
	echo "FAIL installcheck: $*"
	exit 1
}
make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr >/dev/null
for f in usr/bin/examgen usr/share/man/man1/examgen.1 \
	usr/share/man/man5/examgen-bank.5 usr/share/man/man5/examgen-template.5 \
	usr/share/bash-completion/completions/examgen; do
	[ -f "$dest/$f" ] || fail "'$f' not installed"
done
[ -x "$dest/usr/bin/examgen" ] || fail "usr/bin/examgen is not executable"
for d in bank templates; do
	n=$(ls "$dest/usr/share/examgen/$d"/*.yaml | wc -l)
	m=$(ls "$top/$d"/*.yaml | wc -l)
	[ "$n" = "$m" ] || fail "share/examgen/$d has $n files, the tree $m"
done

# the installed program on the installed templates, from another folder
exe=$dest/usr/bin/examgen
(cd "$dest" && "$exe" validate usr/share/examgen/templates/*.yaml 2>/dev/null) ||
	fail "the installed examgen does not validate the installed templates"

# every option of every command is in the man page
page=$(MANWIDTH=200 man -l "$dest/usr/share/man/man1/examgen.1" 2>/dev/null)
cmds=$("$exe" help | sed -n 's/^  examgen \([a-z][a-z]*\).*/\1/p' | sort -u)
[ -n "$cmds" ] || fail "'examgen help' lists no command"
for c in $cmds; do
	echo "$page" | grep -q "^   $c\$" || fail "no section for '$c' in examgen(1)"
	for o in $("$exe" help "$c" | grep -oE '^ +--[a-z][a-z-]*'); do
		echo "$page" | grep -qe "$o" ||
			fail "option '$o' of '$c' is not in examgen(1)"
	done
done
for p in examgen-bank.5 examgen-template.5; do
	MANWIDTH=100 man -l "$dest/usr/share/man/man5/$p" >/dev/null 2>&1 ||
		fail "man cannot format $p"
done

# bash completion, with the installed examgen first in PATH
comp=/usr/share/bash-completion/bash_completion
if [ -f "$comp" ] && command -v bash >/dev/null; then
	complete() {
		PATH="$dest/usr/bin:$PATH" bash -c '
			. "$1"; . "$2"; shift 2
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
			_examgen examgen; printf "%s\n" "${COMPREPLY[@]}"' \
			sh "$comp" "$dest/usr/share/bash-completion/completions/examgen" "$@" 2>/dev/null
	}
	[ "$(complete examgen bu)" = build ] || fail "completion of 'bu'"
	complete examgen build --se | grep -qx -- --seed ||
		fail "completion of 'build --se'"
	complete examgen grade --x | grep -qx -- --xlsx ||
		fail "completion of 'grade --x'"
	complete examgen build cs-man | grep -qx \
		"$dest/usr/share/examgen/templates/cs-manager-60-60-60.yaml" ||
		fail "completion of an installed template name"
	complete examgen build tpl --format txt,p | grep -qx "txt,pdf" ||
		fail "completion of '--format txt,p'"
else
	echo "installcheck: bash-completion not installed: completion not checked"
fi

make -s -C "$top" uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null
left=$(find "$dest" -type f)
[ -z "$left" ] || fail "uninstall left: $left"
echo "installcheck: 1 passed, 0 failed"
