#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job on the bundled bank and template: build the 60/60/60 manager
# paper (two forms, a sheet per candidate of the sample roster), fill in the
# sample answers, and grade them into CSV and an Excel report.
#
# usage: demo.sh [EXAMGEN [SHARE]]   SHARE holds bank/ and templates/
# (default: this source tree; /usr/share/examgen for an installed package)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
examgen=${1:-build/examgen}
share=${2:-$here}
out=out/demo
tpl=$share/templates/cs-manager-60-60-60.yaml
"$examgen" validate "$share"/templates/*.yaml
"$examgen" build "$tpl" --seed 2026 --roster "$here/docs/examples/roster.csv" \
	--format txt,md,html,pdf --out "$out" --force
python3 "$here/scripts/fill-demo.py" "$out" "$out/responses-filled.csv"
status=0
"$examgen" grade --key "$out" --xlsx "$out/report.xlsx" --json "$out/report.json" \
	--csv "$out/summary.csv" --force "$out/responses-filled.csv" || status=$?
if [ "$status" -gt 1 ]; then
	exit "$status"
fi
echo
echo "demo: the paper, guides, keys and sheets are in $out/"
ls "$out"
echo
echo "demo: scores (also in $out/summary.csv and $out/report.xlsx):"
# the CSV is made for pipelines: rank by total (column 7), keep the header
{ head -n 1 "$out/summary.csv"; tail -n +2 "$out/summary.csv" | sort -t, -k7,7nr; } |
	{ command -v column >/dev/null && column -s, -t || cat; }
