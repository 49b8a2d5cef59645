# SPDX-License-Identifier: GPL-3.0-or-later
# examgen - build, test, demo, fuzz and benchmark.
#
#   make demo     install missing packages, build, build the 60/60/60 paper
#                 from the bundled bank and grade a sample
#   make check    install missing packages, then every test: unit (Check),
#                 end-to-end (tests/cases), schema, HTML printed by
#                 headless Chromium, ASan+UBSan, valgrind,
#                 and a short run of each fuzz target; two stages at a
#                 time (CHECK_JOBS), each one's time printed, a stage that
#                 cannot run here reported as SKIPPED
#   make fuzz     libFuzzer targets, FUZZ_SECONDS each (clang)
#   make bench    the benchmark table (bench/)
#   make script   every bundled paper, seeds 1..100, checked with OpenCC's
#                 own converter for text left in the other script
#
# Warnings: the full set below; WERROR=1 (set by CI) turns them into errors.

CC ?= cc
BUILD ?= build
PKGS = yaml-0.1 xlsxwriter pangocairo cairo-pdf fontconfig libqrencode lept \
       zbar poppler-glib minizip expat zlib
# script conversion (src/paper/script.c)
PKGS += opencc
# the marks store and the marking server (src/mark/)
PKGS += sqlite3 libmicrohttpd
CHECK_PKGS = check
# The user's CFLAGS, CPPFLAGS and LDFLAGS are honoured (as a Debian build
# passes them); CFLAGS defaults to an optimised build with debug symbols.
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions
INSTALL ?= install
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wconversion -Wformat=2 -Wundef -Wpointer-arith -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer
PKG_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CHECK_CFLAGS := $(shell pkg-config --cflags $(CHECK_PKGS) 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs $(CHECK_PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
	     $(WARN) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# The sources by layer, one folder each (docs/architecture.md); every
# include is written from src/ ("base/diag.h").
SRC := $(sort $(wildcard src/*/*.c))
LIB_SRC := $(filter-out src/cmd/main.c,$(SRC))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(sort $(wildcard tests/check_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
EXAMGEN := $(BUILD)/examgen
# A python3 with Debian's python3-yaml and python3-jsonschema (another
# python3 earlier in PATH may lack them).
PYTHON := $(shell python3 -c 'import yaml, jsonschema' 2>/dev/null && \
	    echo python3 || echo /usr/bin/python3)

.PHONY: all man install uninstall installcheck oom lint deb deps test-deps demo check check-run unit e2e schema html browser asan valgrind reliability fuzz \
	fuzz-smoke bench clean examples style analyze
.DEFAULT_GOAL := all

all: $(EXAMGEN) man

# Man pages from their Markdown sources in docs/man/, with every command's
# usage and options taken from the built program's help (they cannot drift).
MAN_SRC := $(wildcard docs/man/*.md)
MAN_PAGES := $(MAN_SRC:docs/man/%.md=$(BUILD)/man/%)
man: $(MAN_PAGES)

$(BUILD)/man/%: docs/man/%.md scripts/gen-man.py $(EXAMGEN)
	@mkdir -p $(BUILD)/man
	python3 scripts/gen-man.py $(EXAMGEN) $< $@

# the marking page is embedded whole (.incbin in mark-page.c)
$(BUILD)/obj/mark/mark-page.o: src/mark/marking.html

$(BUILD)/obj/%.o: src/%.c | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BUILD)/libexamgen.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(EXAMGEN): $(BUILD)/obj/cmd/main.o $(BUILD)/libexamgen.a
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libexamgen.a | $(BUILD)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/libexamgen.a $(PKG_LIBS) $(CHECK_LIBS)

# The scanner simulator of the scan tests and benchmark.
$(BUILD)/scansim: tests/scan/scansim.c $(BUILD)/libexamgen.a | $(BUILD)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/libexamgen.a $(PKG_LIBS)

# The answers folders of the marking tests (as scan --answers writes them).
$(BUILD)/answersim: tests/mark/answersim.c $(BUILD)/libexamgen.a | $(BUILD)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/libexamgen.a $(PKG_LIBS)

-include $(wildcard $(BUILD)/obj/*/*.d $(BUILD)/tests/*.d)

# Install the Debian packages that building and running need (as root);
# test-deps adds what the tests use.
deps:
	@sh scripts/install-deps.sh build

test-deps:
	@sh scripts/install-deps.sh test

# Install the program, the bundled banks and templates, the man pages and the
# bash completion under PREFIX (default /usr/local), inside DESTDIR if given.
install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/examgen/bank \
		$(DESTDIR)$(DATADIR)/examgen/templates $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPLETIONDIR)
	$(INSTALL) -m 755 $(EXAMGEN) $(DESTDIR)$(BINDIR)/examgen
	$(INSTALL) -m 644 bank/*.yaml $(DESTDIR)$(DATADIR)/examgen/bank
	$(INSTALL) -m 644 templates/*.yaml $(DESTDIR)$(DATADIR)/examgen/templates
	$(INSTALL) -m 644 $(filter %.1,$(MAN_PAGES)) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 $(filter %.5,$(MAN_PAGES)) $(DESTDIR)$(MANDIR)/man5
	$(INSTALL) -m 644 completion/examgen.bash $(DESTDIR)$(COMPLETIONDIR)/examgen

# Remove what install put there (and the share/examgen folder it made).
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/examgen $(DESTDIR)$(COMPLETIONDIR)/examgen
	rm -f $(MAN_PAGES:$(BUILD)/man/%.1=$(DESTDIR)$(MANDIR)/man1/%.1)
	rm -f $(MAN_PAGES:$(BUILD)/man/%.5=$(DESTDIR)$(MANDIR)/man5/%.5)
	rm -rf $(DESTDIR)$(DATADIR)/examgen

# Install into a scratch DESTDIR and check the layout, the installed program
# on the installed templates, the man pages against --help, and completion.
installcheck: all
	@sh tests/install/check-install.sh

# Out-of-memory fault injection: every allocation of examgen's own code in a
# validate, a build, a grade, a scan --review and a reviewed-workbook grade
# run made to fail in turn (tests/oom/).
$(BUILD)/tests/failmalloc.so: tests/oom/failmalloc.c | $(BUILD)
	$(CC) -std=c17 -O1 -g -shared -fPIC -Wall -Wextra -o $@ $< -lpthread

oom: $(EXAMGEN) $(BUILD)/tests/failmalloc.so $(BUILD)/scansim
	@sh tests/oom/run.sh $(EXAMGEN) $(BUILD)/tests/failmalloc.so $(BUILD)/scansim

# Every source file carries its licence line (SPDX), the tree keeps its
# layers in its includes and in its link graph, the objects' symbols
# (tests/lint/layers.py), and every check of a test script can fail
# (tests/lint/can-fail.py, itself tested on planted checks).
lint: $(LIB_OBJ) $(BUILD)/obj/cmd/main.o
	@sh tests/lint/spdx.sh
	@python3 tests/lint/layers.py $(abspath $(BUILD)/obj)
	@python3 tests/lint/can-fail.py --self-test
	@python3 tests/lint/can-fail.py

# Build the Debian package from a clean copy of the tree, install it with
# apt-get and run the demo with /usr/bin/examgen (as root; part of check).
deb:
	@sh tests/install/check-deb.sh

# The main job: the 60/60/60 manager paper from the bundled bank, then a
# sample of filled-in sheets graded into an Excel report.
demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(EXAMGEN)

check: test-deps
	@$(MAKE) --no-print-directory check-run

# The stages of check, the longest first.  tests/check/run-check.py builds
# what they share once, then runs them CHECK_JOBS at a time (default 2;
# each stage either only reads that build or builds in a folder of its
# own: build-asan, build-fuzz, a copy for deb), and prints each stage's
# time, the skipped ones (not root, a tool missing) and the total.
CHECK_STAGES = valgrind asan fuzz-smoke oom deb script html browser e2e \
	       installcheck \
	       unit schema lint style
CHECK_BUILD = all $(TEST_BIN) $(BUILD)/scansim $(BUILD)/answersim \
	      $(BUILD)/tests/failmalloc.so \
	      $(LIB_OBJ)
check-run:
	@MAKE="$(MAKE)" $(PYTHON) tests/check/run-check.py --build $(CHECK_BUILD) -- \
		$(CHECK_STAGES)

unit: $(TEST_BIN)
	@sh tests/run-unit.sh $(TEST_BIN)

e2e: $(EXAMGEN) $(BUILD)/scansim $(BUILD)/answersim
	@EXAMGEN=$(abspath $(EXAMGEN)) SCANSIM=$(abspath $(BUILD)/scansim) \
		ANSWERSIM=$(abspath $(BUILD)/answersim) sh tests/run-e2e.sh

schema:
	@$(PYTHON) tests/schema/check-schema.py

# Print the HTML papers and guides with headless Chromium and check the PDFs.
html: $(EXAMGEN)
	@EXAMGEN=$(abspath $(EXAMGEN)) sh tests/html/render-check.sh

# Mark a small stack on the marking page in headless Chromium (two
# markers and an arbiter) and check the graded totals; says SKIPPED when
# Chromium, its driver or Selenium is missing.
SELENIUM_PY := $(shell python3 -c 'import selenium, yaml' 2>/dev/null && \
		echo python3 || echo /usr/bin/python3)
browser: $(EXAMGEN) $(BUILD)/answersim
	@EXAMGEN=$(abspath $(EXAMGEN)) ANSWERSIM=$(abspath $(BUILD)/answersim) \
		$(SELENIUM_PY) tests/mark/browser.py

# kill -9 builds at random moments in a loop, and race two builds on one
# folder (tests/reliability/; a few minutes, so outside check, which runs
# a short round of each through the e2e case reliability-quick).
RELIABILITY_KILLS ?= 100
reliability: $(EXAMGEN)
	@EXAMGEN=$(abspath $(EXAMGEN)) sh tests/reliability/kill-loop.sh $(RELIABILITY_KILLS)
	@EXAMGEN=$(abspath $(EXAMGEN)) sh tests/reliability/concurrent.sh 20

# Build every bundled template with seeds 1..100 and check with OpenCC's
# own converter that nothing is left in the other script.
.PHONY: script
script: $(EXAMGEN)
	@EXAMGEN=$(abspath $(EXAMGEN)) sh tests/script/check-bundled.sh

# Same unit and end-to-end tests with AddressSanitizer + UBSan; the
# libraries' own known leaks are in tests/asan/lsan.supp.
asan:
	@LSAN_OPTIONS=suppressions=$(abspath tests/asan/lsan.supp):print_suppressions=0 \
		$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g" \
		EXTRA_CFLAGS="$(SAN_FLAGS)" EXTRA_LDFLAGS="$(SAN_FLAGS)" \
		unit e2e

# Unit and end-to-end tests under valgrind (no forking in Check).
valgrind: $(EXAMGEN) $(TEST_BIN) $(BUILD)/scansim
	@VALGRIND=1 sh tests/run-unit.sh $(TEST_BIN)
	@EXAMGEN=$(abspath $(EXAMGEN)) SCANSIM=$(abspath $(BUILD)/scansim) \
		VALGRIND=1 sh tests/run-e2e.sh

SCAN_SHEETS ?= 10
FUZZ_SECONDS ?= 60
fuzz:
	@sh fuzz/run.sh $(FUZZ_SECONDS)

# Replay past findings and fuzz every target briefly (part of check).
fuzz-smoke:
	@FUZZ_SECONDS=15 sh fuzz/ci.sh

# The layout rules of the C sources (tests/style/check-style.py), as
# .editorconfig states them for editors.
style:
	@python3 tests/style/check-style.py

# Static analysis: cppcheck and clang's scan-build, clean or each kept
# finding listed with its reason in tests/analyze/.
analyze:
	@sh tests/analyze/run.sh

bench: all $(BUILD)/scansim
	@sh bench/run.sh $(EXAMGEN)
	@sh bench/print.sh $(EXAMGEN)
	@EXAMGEN=$(abspath $(EXAMGEN)) SCANSIM=$(abspath $(BUILD)/scansim) \
		sh tests/scan/bench.sh . $(SCAN_SHEETS)

# Regenerate docs/examples/ (a paper, guide and sheet of each template).
examples: all
	@sh scripts/make-examples.sh $(EXAMGEN)

clean:
	rm -rf build build-* out
