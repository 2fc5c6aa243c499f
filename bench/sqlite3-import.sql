-- The sqlite3 baseline of `make bench`: what an auditor would do with the shell.
-- The same settings every hallbar connection applies (WAL, synchronous=FULL,
-- foreign keys on); no PRAGMA cache_size in either (both run at SQLite's default).
-- Run as: sqlite3 DB < sqlite3-import.sql  (in the directory holding entries.csv)
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TEMP TABLE staging (external_id TEXT, loan_number TEXT, value_date TEXT, amount_sek TEXT, kind TEXT);
.import --csv --skip 1 --schema temp entries.csv staging
BEGIN IMMEDIATE;
-- The same rows hallbar writes: the entries (entry_id is their place in the chain), and
-- the batch row whose seq follows theirs; random bytes stand in for the links.
INSERT INTO import_batches (seq, batch_id, kind, file_name, file_sha256, rows_in_file, rows_new, rows_amended,
    rows_already_present, amend, effective_date, reason, recorded_at, recorded_by, chain_hash)
SELECT coalesce((SELECT max(entry_id) FROM ledger_entries), 0) + 1000001 + (SELECT count(*) FROM staging),
       coalesce(max(batch_id), 0) + 1, 'entries', 'entries.csv', printf('%064d', 0),
       (SELECT count(*) FROM staging), (SELECT count(*) FROM staging), 0, 0, 0, NULL, NULL,
       '2025-11-23T12:00:00.000Z', 'bench', randomblob(32)
FROM import_batches;
INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
    reverses_entry_id, reason, recorded_at, recorded_by, batch_id, chain_hash)
SELECT s.rowid + coalesce((SELECT max(entry_id) FROM ledger_entries), 0) + 1000000, s.external_id, l.loan_id, s.value_date, s.kind,
       CAST(round(CAST(s.amount_sek AS REAL) * 100) AS INTEGER),
       CASE s.kind WHEN 'repayment' THEN -1 ELSE 1 END * CAST(round(CAST(s.amount_sek AS REAL) * 100) AS INTEGER),
       NULL, NULL, '2025-11-23T12:00:00.000Z', 'bench', (SELECT max(batch_id) FROM import_batches), randomblob(32)
FROM staging AS s JOIN loans AS l ON l.loan_number = s.loan_number
ORDER BY s.rowid;
COMMIT;
