#!/usr/bin/env bash
# Builds and runs the libFuzzer harnesses of Fuzz/ (see docs/reliability.md).
#   Fuzz/fuzz.sh [SECONDS] [TARGET…]     TARGET: csv amount day decimal target text workbook (default: all)
# Each target runs SECONDS (default 30) from its seed corpus Fuzz/corpus/<target>/; new
# inputs go to .build-fuzz/corpus/<target>/ (not committed), crashes to .build-fuzz/crashes/.
# Prints one line per target: runs, execs/s, corpus size, and whether it crashed.
set -u
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-30}
shift || true
TARGETS=${*:-csv amount day decimal target text workbook}
SWIFTC=${SWIFTC:-swiftc}
OUT=.build-fuzz
mkdir -p "$OUT/crashes"
failed=0
for t in $TARGETS; do
  case $t in
    csv) src=FuzzCSV ;; amount) src=FuzzAmount ;; day) src=FuzzDay ;;
    decimal) src=FuzzDecimal ;; target) src=FuzzTarget ;; text) src=FuzzText ;; workbook) src=FuzzWorkbook ;;
    *) echo "fuzz: unknown target $t" >&2; exit 64 ;;
  esac
  # The Ledger harnesses are built with the Ledger sources; the workbook reader with XLSX's.
  # Ledger's SHA-256 uses the C target CSHA256 (the processor's SHA instructions): its object
  # and module map go along.
  if [ "$t" = workbook ]; then module=XLSX; sources="Sources/XLSX/*.swift"; extra=""; else
    module=Ledger; sources="Sources/Ledger/*.swift Sources/Ledger/*/*.swift"
    mkdir -p "$OUT"
    clang -c -O2 -fsanitize=address -I Sources/CSHA256/include Sources/CSHA256/sha256_blocks.c -o "$OUT/sha256_blocks.o" || failed=1
    extra="-I Sources/CSHA256/include $OUT/sha256_blocks.o"
  fi
  bin="$OUT/fuzz-$t"
  # Rebuild when a Ledger or Fuzz source is newer than the binary.
  if [ ! -x "$bin" ] || [ -n "$(find Sources/Ledger Sources/XLSX Fuzz -name '*.swift' -newer "$bin" | head -1)" ]; then
    # shellcheck disable=SC2086
    "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -module-name $module \
      $sources $extra Fuzz/FuzzSupport.swift "Fuzz/$src.swift" \
      -o "$bin" 2>&1 | grep -v -e 'Cannot export local symbol' -e '^$' >&2
    [ -x "$bin" ] || { echo "fuzz: building $t failed" >&2; failed=1; continue; }
  fi
  mkdir -p "$OUT/corpus/$t" "Fuzz/corpus/$t"
  log="$OUT/fuzz-$t.log"
  SWIFT_BACKTRACE=enable=no "$bin" -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 \
    -timeout=10 -rss_limit_mb=1024 -artifact_prefix="$OUT/crashes/$t-" -print_final_stats=1 \
    "$OUT/corpus/$t" "Fuzz/corpus/$t" >"$log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
  corpus=$(ls "$OUT/corpus/$t" | wc -l)
  if [ $status -eq 0 ]; then
    echo "fuzz $t: ok, ${runs:-?} runs in ${SECONDS_PER_TARGET} s (${speed:-?} exec/s), corpus $corpus"
  else
    failed=1
    echo "fuzz $t: FAILED (exit $status), ${runs:-?} runs; see $log and $OUT/crashes/"
    grep -m3 -e 'FUZZ PROPERTY FAILED' -e 'ERROR: AddressSanitizer' -e 'Fatal error' "$log"
  fi
done
exit $failed
