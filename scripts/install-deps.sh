#!/bin/sh
# Install the Debian packages examgen needs to build, test and run the demo.
# Quiet and quick when everything is there; uses apt-get when run as root.
set -eu
need="gcc make pkg-config libyaml-dev libxlsxwriter-dev check libsubunit-dev
libcairo2-dev libpango1.0-dev fonts-noto-cjk valgrind python3 python3-yaml
python3-jsonschema poppler-utils libreoffice-calc-nogui unzip clang
libclang-rt-14-dev time hyperfine chromium"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: error: run as root, or: sudo apt-get install$missing" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
