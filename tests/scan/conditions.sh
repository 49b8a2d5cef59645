#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The office-conditions table (not part of make check; a minute or two):
# SHEETS simulated sheets of a two-page blank sheet (director template)
# and of the one-page specialist sheet under each condition, pen and
# 40-60% pencil with some light and faint marks; prints per condition
# the sheets with a silent misread, the share of ordinary fills (dark
# pen, 40-60% pencil) decided right, and the faint marks sent to review.
#   EXAMGEN=... SCANSIM=... sh tests/scan/conditions.sh ROOT [SHEETS]
set -eu
root=$1
sheets=${2:-10}
: "${EXAMGEN:?}" "${SCANSIM:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common="marks=office rotate=2 noise=5 jpeg=80 tone=0.1 offset=2 scale=0.02"
conditions="flat:
cut-corner-fill:cut=1
margin-doodle:doodle=1
shadow-0.45:shadow=0.45
circled:circle=1
quarter-turned:turn=1 flip=mixed
reversed-order:
missing-page:
harsh:cut=1 doodle=1 shadow=0.35 circle=1 rotate=3 noise=8 blur=1 dpi=150"
printf '| condition | sheets | silent misread sheets | ordinary fills decided right | faint to review | pages not read |\n'
printf '|---|---|---|---|---|---|\n'
seed=300
echo "$conditions" | while IFS=: read -r cond set; do
	tot_sheets=0 bad=0 ord=0 ordok=0 faint=0 faintrev=0 unread=0
	for tpl in cs-director-interview cs-specialist-written; do
		seed=$((seed + 1))
		[ -d "$work/$tpl" ] || "$EXAMGEN" build \
			"$root/templates/$tpl.yaml" --seed 5 --forms 1 \
			--format pdf --out "$work/$tpl" >/dev/null 2>&1
		key=$(ls "$work/$tpl"/*-A.key.yaml)
		dir="$work/$tpl-$cond"
		mkdir "$dir"
		# shellcheck disable=SC2086
		"$SCANSIM" "$key" "$dir" seed=$seed sheets="$sheets" \
			$common $set
		pages=$(ls "$dir"/page-*)
		case $cond in
		reversed-order) pages=$(ls -r "$dir"/page-*) ;;
		missing-page) rm "$dir/page-0002.png"
			pages=$(ls "$dir"/page-*) ;;
		esac
		# shellcheck disable=SC2086
		"$EXAMGEN" scan --key "$work/$tpl" $pages >"$dir/scan.csv" \
			2>"$dir/scan.err" || true
		python3 "$here/evaluate.py" "$dir" "$dir/scan.csv" "$cond" \
			>"$dir/eval" 2>"$dir/eval.err" || true
		b=$(sed -n 's/^\([0-9]*\) sheets with a silent misread/\1/p' \
			"$dir/eval.err")
		u=$(sed -n 's/.*, \([0-9]*\) pages not read$/\1/p' \
			"$dir/scan.err")
		tot_sheets=$((tot_sheets + $(tail -n +2 "$dir/truth.csv" | wc -l)))
		bad=$((bad + ${b:-0}))
		unread=$((unread + ${u:-0}))
		eval "$(awk -F, '$2=="dark"||$2=="medium"{o+=$3;k+=$4}
			$2=="faint"{f+=$3;r+=$5}
			END{printf "o=%d k=%d f=%d r=%d", o, k, f, r}' "$dir/eval")"
		ord=$((ord + o)) ordok=$((ordok + k))
		faint=$((faint + f)) faintrev=$((faintrev + r))
	done
	printf '| %s | %d | %d | %s | %s | %d |\n' "$cond" "$tot_sheets" "$bad" \
		"$(python3 -c "print(f'{100*$ordok/max($ord,1):.1f}% of $ord')")" \
		"$faintrev of $faint" "$unread"
done
