#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install the Debian packages examgen needs (as root, with apt-get).
#   install-deps.sh build   what building and running need: the compiler,
#                           pkg-config, the -dev packages and the fonts
#                           (make, make demo, make install)
#   install-deps.sh test    all of that, and what the tests use: Check,
#                           valgrind, clang/libFuzzer, LibreOffice, Chromium,
#                           Python modules, the Debian packaging tools
#                           (make check)
# Quiet and quick when everything is there.
set -eu
# one package a line, so that adding one is a one-line change
build="
gcc
make
pkg-config
libyaml-dev
libxlsxwriter-dev
libminizip-dev
libexpat1-dev
libcairo2-dev
libpango1.0-dev
libqrencode-dev
libleptonica-dev
libzbar-dev
libpoppler-glib-dev
libopencc-dev
libsqlite3-dev
libmicrohttpd-dev
zlib1g-dev
libopencc-data
fonts-noto-cjk
python3
"
test="
check
libsubunit-dev
valgrind
python3-yaml
python3-jsonschema
python3-numpy
python3-scipy
opencc
poppler-utils
qpdf
libreoffice-calc-nogui
unzip
clang
libclang-rt-14-dev
clang-tools
cppcheck
time
hyperfine
chromium
chromium-driver
python3-selenium
python3-scipy
build-essential
debhelper
dpkg-dev
lintian
man-db
bash-completion
"
case "${1:-}" in
build) need=$build ;;
test) need="$build $test" ;;
*)
	echo "usage: install-deps.sh build|test" >&2
	exit 2 ;;
esac
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
