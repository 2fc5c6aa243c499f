-- The reliability probe (never shipped): a migration that reads and writes every ledger
-- entry, so that `make reliability` can kill `hallbar migrate` in the middle of real work
-- on a database with data. reliability/run.py adds it, numbered after the project's last
-- migration, to a private copy of the sources and builds a probe hallbar from that copy.
CREATE TABLE reliability_probe (
    entry_id  INTEGER PRIMARY KEY REFERENCES ledger_entries (entry_id),
    loan_id   INTEGER NOT NULL REFERENCES loans (loan_id),
    doubled   INTEGER NOT NULL
) STRICT;
INSERT INTO reliability_probe (entry_id, loan_id, doubled)
    SELECT entry_id, loan_id, 2 * amount_ore FROM ledger_entries;
CREATE INDEX reliability_probe_by_loan ON reliability_probe (loan_id, doubled);
