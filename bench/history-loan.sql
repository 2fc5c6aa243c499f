-- The SQL of `hallbar history loan ?2` (RecordHistory: the loan's id, its revisions, its first
-- project's decision date, the batches' files); bench/bench.py binds ?2 (number), ?3 (its id)
-- and ?4 (its first project).
-- Written by ListQueryTests (HALLBAR_WRITE_BENCH_SQL=1); a test checks it is what hallbar runs.
SELECT loan_id FROM loans WHERE loan_number = ?2;
SELECT revision, valid_from, reason, recorded_at, recorded_by, batch_id, borrower_org_no, programme, project_number, green_bond_eligible FROM loan_versions WHERE loan_id = ?3 ORDER BY revision;
SELECT decision_date FROM projects WHERE project_number = ?4;
SELECT batch_id, file_name FROM import_batches;
