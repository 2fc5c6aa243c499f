# hallbar: the two commands a new machine needs are `make demo` and `make test`.
# Both run `setup` first, which installs what is missing.

SHELL      := /bin/bash
SWIFT      ?= swift
CONFIG     ?= debug
PREFIX     ?= /usr/local
BIN        := .build/$(CONFIG)/hallbar
DEMO_DB    ?= demo.db
OUT        ?= out
APT_GET    := DEBIAN_FRONTEND=noninteractive apt-get
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup bench-setup embed build release test demo report-preview install clean help reliability libreoffice-check fuzz bench bench-growth

all: build

help:
	@echo "make demo     set up, build, create $(DEMO_DB) from Seeds/ and print the reports"
	@echo "make test     set up, build and run the whole test suite"
	@echo "make build    debug build (.build/debug/hallbar); CONFIG=release for an optimised one"
	@echo "make report-preview  the 2023 follow-up (approved) in sv and en, printed at A4 by headless chromium to PDF and PNG pages in $(OUT)/"
	@echo "make install  release build installed to PREFIX/bin, manual page to PREFIX/share/man/man1 (PREFIX=$(PREFIX))"
	@echo "make reliability  fault suite (kills, concurrency, disk full, hostile files, CSV corpus)"
	@echo "make libreoffice-check  open the xlsx and csv-excel reports with LibreOffice headless (installed when missing)"
	@echo "make fuzz     libFuzzer harnesses, SECONDS=$(SECONDS) per target"
	@echo "make bench    release build, generated data in bench-data/, one table of medians and ratios"
	@echo "              (BENCH_N=\"100000 1000000\" BENCH_RUNS=3; see docs/performance.md)"
	@echo "make bench-growth  import time and peak memory for N = 10^5, 10^6, 10^7"
	@echo "make clean    remove build output and demo files"

# Installs what is missing: the SQLite headers and library (libsqlite3-dev), the
# sqlite3 shell the tests and auditors use, and Python's openpyxl (from PyPI), the real
# xlsx reader the tests open the workbooks with. Swift itself must be on PATH.
setup:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "setup: '$(SWIFT)' not found: install Swift 6 (https://swift.org) and put it on PATH" >&2; exit 1; }
	@missing=""; \
	 [ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	 command -v sqlite3 >/dev/null 2>&1 || missing="$$missing sqlite3"; \
	 if [ -n "$$missing" ]; then \
	   echo "setup: installing$$missing"; \
	   $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq $$missing; \
	 fi
	@command -v python3 >/dev/null 2>&1 || { echo "setup: installing python3"; \
	   $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq python3 python3-pip; }
	@python3 -c 'import openpyxl' 2>/dev/null || { echo "setup: installing openpyxl (the tests read the xlsx reports with it)"; \
	   python3 -m pip install --quiet openpyxl 2>/dev/null || python3 -m pip install --quiet --break-system-packages openpyxl \
	   || { $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq python3-openpyxl; }; }

build: setup embed
	$(SWIFT) build -c $(CONFIG)

# SwiftPM reruns its prebuild step (the EmbedMigrations plugin) only when it plans a build
# anew, not when a Migrations/*.sql file changes: refresh the embedded copies that exist, so
# an edited migration is always what the binary carries. (A new checkout has none yet; the
# first build writes them.)
embed:
	@for f in .build*/plugins/outputs/*/LedgerStore/destination/EmbedMigrations/GeneratedSources/EmbeddedMigrations.swift; do \
	  if [ -e "$$f" ]; then sh Plugins/EmbedMigrations/embed-migrations.sh Migrations "$$f"; fi; done

release:
	$(MAKE) build CONFIG=release

# Ends with one plain summary line ("test: N passed, 0 failed") taken from XCTest's own
# total, after Swift Testing's line (which counts only Swift Testing tests, none here).
test: setup embed
	$(SWIFT) build
	@set -o pipefail; HALLBAR_BIN=$(CURDIR)/.build/debug/hallbar $(SWIFT) test 2>&1 | tee .build/test-output.log
	@grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' .build/test-output.log | tail -1 \
	  | sed -E 's/.*Executed ([0-9]+) tests?, with ([0-9]+) failures?.*/test: \1 passed, \2 failed/'

demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@mkdir -p $(OUT)
	$(BIN) seed --db $(DEMO_DB) --dir Seeds
	@echo
	$(BIN) report shares --db $(DEMO_DB) --as-of 2024-12-31 --compare 2023-12-31 --format table
	@echo
	$(BIN) report social --db $(DEMO_DB) --as-of 2025-03-18 --format table
	@echo
	$(BIN) report allocation --db $(DEMO_DB) --as-of 2024-12-31 --format table
	@echo
	$(BIN) report impact --db $(DEMO_DB) --year 2024 --format table
	@echo
	$(BIN) report followup --db $(DEMO_DB) --year 2023 --format html --out $(OUT)/followup-2023.html
	@echo "The 2023 follow-up report is in $(OUT)/followup-2023.html"

# Renders the 2023 follow-up of the demo data, approved by the committee with its reference,
# in Swedish and English as the committee receives it: headless chromium prints each HTML file
# at A4 to PDF (the page numbers come from the report's @page rules), pdftoppm turns every
# page into a PNG (out/followup-2023-sv-1.png …) to look at. Installs chromium and
# poppler-utils when missing.
report-preview: build
	@command -v chromium >/dev/null 2>&1 || { echo "report-preview: installing chromium"; \
	  $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq chromium; }
	@command -v pdftoppm >/dev/null 2>&1 || { echo "report-preview: installing poppler-utils"; \
	  $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq poppler-utils; }
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@mkdir -p $(OUT)
	$(BIN) seed --db $(DEMO_DB) --dir Seeds >/dev/null
	$(BIN) followup approve --db $(DEMO_DB) --year 2023 --date 2024-03-20 --by "Sara Lind" --note "Protokoll 2024:3 §5" >/dev/null
	@set -e; for lang in sv en; do \
	  $(BIN) report followup --db $(DEMO_DB) --year 2023 --lang $$lang --format html --out $(OUT)/followup-2023-$$lang.html; \
	  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --run-all-compositor-stages-before-draw \
	    --print-to-pdf=$(OUT)/followup-2023-$$lang.pdf file://$(CURDIR)/$(OUT)/followup-2023-$$lang.html 2>/dev/null; \
	  rm -f $(OUT)/followup-2023-$$lang-*.png; \
	  pdftoppm -png -r 60 $(OUT)/followup-2023-$$lang.pdf $(OUT)/followup-2023-$$lang; \
	  echo "$(OUT)/followup-2023-$$lang.pdf: $$(ls $(OUT)/followup-2023-$$lang-*.png | wc -l) A4 pages as $(OUT)/followup-2023-$$lang-N.png"; \
	done

install: setup
	$(SWIFT) build -c release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 .build/release/hallbar $(DESTDIR)$(PREFIX)/bin/hallbar
	.build/release/hallbar help --man > .build/hallbar.1
	install -m 0644 .build/hallbar.1 $(DESTDIR)$(PREFIX)/share/man/man1/hallbar.1

# Speed and memory against quality.md's targets: bench/bench.py (Python 3 standard library)
# builds the release binaries, generates the data and prints one table.
# GNU time measures each process's peak memory (bench.py's own wait4 figure would include
# the memory of the Python process it forks from).
bench-setup: setup
	@[ -x /usr/bin/time ] || { echo "setup: installing time (GNU time, for peak memory)"; \
	   $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq time; }

bench: bench-setup
	@command -v python3 >/dev/null 2>&1 || { echo "bench: python3 is needed" >&2; exit 1; }
	SWIFT=$(SWIFT) python3 bench/bench.py

bench-growth: bench-setup
	SWIFT=$(SWIFT) BENCH_N="$${BENCH_N:-100000 1000000 10000000}" BENCH_RUNS="$${BENCH_RUNS:-1}" BENCH_ONLY=import BENCH_NOCHAIN=0 python3 bench/bench.py

clean:
	rm -rf .build .build-bench-nochain .build-asan .build-fuzz .build-reliability bench-data $(OUT) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# The fault suite of quality.md (Reliability 1-11): builds hallbar and BenchGenerator
# (debug), then runs reliability/run.py, which ends with "reliability: N passed, M failed".
# RELIABILITY_FLAGS=--quick for a smoke run; see docs/reliability.md for the options.
reliability: setup
	$(SWIFT) build --product hallbar
	$(SWIFT) build --product BenchGenerator
	$(SWIFT) build --product hallbar -Xswiftc -sanitize=address --scratch-path .build-asan
	python3 reliability/run.py --bin $(CURDIR)/.build/debug/hallbar --generator $(CURDIR)/.build/debug/BenchGenerator \
	  --asan-bin $(CURDIR)/.build-asan/debug/hallbar $(RELIABILITY_FLAGS)

# The reports' workbooks read by a second real reader (openpyxl is the first, in make test):
# LibreOffice headless converts each xlsx back to CSV and imports the csv-excel form with
# Swedish settings; reliability/libreoffice_check.py compares the figures with the JSON.
# Not part of make test (LibreOffice is a large install); CI may run it on its own.
libreoffice-check: build
	@command -v soffice >/dev/null 2>&1 || { echo "libreoffice-check: installing libreoffice-calc-nogui"; \
	  $(SUDO) $(APT_GET) update -qq && $(SUDO) $(APT_GET) install -y -qq libreoffice-calc-nogui; }
	python3 reliability/libreoffice_check.py --bin $(CURDIR)/$(BIN) --seeds Seeds

# libFuzzer over the CSV reader, amount, date, decimal and target parsers: SECONDS per target.
SECONDS ?= 30
fuzz:
	Fuzz/fuzz.sh $(SECONDS)
