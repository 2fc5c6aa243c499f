#!/bin/sh
# Rebuilds Tests/Fixtures/ledger-0003.sql and the expected report outputs with the previous
# release of hallbar (commit 5330696, schema 0003), for Issue12MigrationTests.
#
#   git worktree add /tmp/prev 5330696 && (cd /tmp/prev && swift build)
#   cd Tests/Fixtures && ./make-ledger-0003.sh
#
# The ledger is kept as SQL text (sqlite3 .dump), never as a .db file.
set -e
P=${P:-/tmp/prev/.build/debug/hallbar}
DB=${DB:-/tmp/ledger-0003.db}
HERE=$(cd "$(dirname "$0")" && pwd)
rm -f "$DB" "$DB-wal" "$DB-shm"
$P seed --db $DB --dir /tmp/prev/Seeds
$P disburse --db $DB --loan 220026 --date 2024-11-15 --amount "10 000 000" --id OLD-D1 --by "Anna Ek"
$P disburse --db $DB --loan 220027 --date 2024-12-10 --amount "5 000 000" --id OLD-D2 --by "Anna Ek"
$P repay --db $DB --loan 220026 --date 2024-12-20 --amount "2 000 000" --id OLD-R1 --by "Anna Ek"
$P disburse --db $DB --loan 210009 --date 2025-02-03 --amount "1 000 000,50" --id OLD-D3 --by "Bo Lund"
$P reverse --db $DB --entry OLD-D2 --reason "Fel lån" --by "Bo Lund"
$P reading --db $DB --indicator ALBY-TRIVSEL-LGH --year 2024 --value 88 --by "Cecilia"
$P reading --db $DB --indicator RONNEBY-INSKRIVNA-UPPTAGNING --year 2024 --value 96-99 --by "Cecilia"
$P followup approve --db $DB --year 2023 --date 2024-03-20 --note "Protokoll 2024:3 §5" --by "Kommittén"
$P assert --db $DB --programme green --as-of 2024-12-31 --amount "91 587 654 321,09" --note "Bild 2" --by "Revisor"
$P assert --db $DB --programme social --as-of 2024-12-31 --amount "4 606 765 432,10" --by "Revisor"
# Project 30 after 5001-5009: the previous release's own verify calls this tampering (issue 12).
$P import projects "$HERE/ledger-0003-project30.csv" --db $DB --by "Anna Ek"
sqlite3 $DB .dump > "$HERE/ledger-0003.sql"
$P report shares --db $DB --as-of 2024-12-31 --format json > "$HERE/ledger-0003-shares-2024-12-31.json"
$P report shares --db $DB --as-of 2025-06-30 --format json > "$HERE/ledger-0003-shares-2025-06-30.json"
$P report social --db $DB --as-of 2025-06-30 --format json > "$HERE/ledger-0003-social-2025-06-30.json"
$P report followup --db $DB --year 2023 --format json > "$HERE/ledger-0003-followup-2023.json"
$P report followup --db $DB --year 2024 --format json > "$HERE/ledger-0003-followup-2024.json"
