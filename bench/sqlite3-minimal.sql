-- The second baseline of `make bench` (quality.md, second round): the cost of storing the
-- entries at all. sqlite3's .import into a staging table, then INSERT … SELECT converting
-- to öre into a minimal table (id, external_id UNIQUE, loan_number, value_date, amount_ore,
-- kind, one index on (loan_number, value_date)), in one transaction, with the settings
-- every hallbar connection applies (WAL, synchronous=FULL).
-- Run as: sqlite3 DB < sqlite3-minimal.sql  (in the directory holding entries.csv; DB new)
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS minimal_entries (
    id          INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    loan_number TEXT NOT NULL,
    value_date  TEXT NOT NULL,
    amount_ore  INTEGER NOT NULL,
    kind        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS minimal_entries_by_loan_date ON minimal_entries (loan_number, value_date);
CREATE TEMP TABLE staging (external_id TEXT, loan_number TEXT, value_date TEXT, amount_sek TEXT, kind TEXT);
.import --csv --skip 1 --schema temp entries.csv staging
BEGIN IMMEDIATE;
INSERT INTO minimal_entries (external_id, loan_number, value_date, amount_ore, kind)
SELECT external_id, loan_number, value_date, CAST(round(CAST(amount_sek AS REAL) * 100) AS INTEGER), kind
FROM staging ORDER BY rowid;
COMMIT;
