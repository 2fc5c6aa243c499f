-- The SQL of `hallbar show loan ?2 --as-of ?1` (ShowQuery.loanQueries); bench/bench.py binds ?1 and ?2.
-- Written by ListQueryTests (HALLBAR_WRITE_BENCH_SQL=1); a test checks it is what hallbar runs.
WITH l AS (SELECT v.loan_id, v.loan_number, v.borrower_org_no, b.owner_org_no, v.programme, v.project_number,
                  v.green_bond_eligible
           FROM (SELECT * FROM loan_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS v JOIN (SELECT * FROM borrower_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS b ON b.org_no = v.borrower_org_no
           WHERE v.loan_number = ?2),
     t AS (SELECT loan_id, sum(max(balance_effect_ore, 0)) AS up, -sum(min(balance_effect_ore, 0)) AS down,
       sum(balance_effect_ore) AS net
FROM ledger_entries WHERE loan_id IN (SELECT loan_id FROM l) AND value_date <= ?1 GROUP BY loan_id),
     r AS (SELECT loan_id, sum(amount_ore) AS reversed FROM ledger_entries INDEXED BY ledger_entries_reversal_of
WHERE reverses_entry_id IS NOT NULL AND value_date <= ?1 GROUP BY loan_id)
SELECT l.loan_number AS loan_number, l.borrower_org_no AS borrower_org_no, l.owner_org_no AS member_org_no, l.programme AS programme, l.project_number AS project_number, l.green_bond_eligible AS green_bond_eligible, coalesce(t.up, 0) - coalesce(r.reversed, 0) AS disbursed_ore, coalesce(t.down, 0) - coalesce(r.reversed, 0) AS repaid_ore, coalesce(t.net, 0) AS outstanding_ore
FROM l LEFT JOIN t ON t.loan_id = l.loan_id LEFT JOIN r ON r.loan_id = l.loan_id
ORDER BY l.loan_number;
SELECT b.name AS borrower_name, m.name AS member_name, p.title AS project_title, p.status AS project_status, v.revision AS revision FROM (SELECT * FROM loan_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS v
JOIN (SELECT * FROM borrower_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS b ON b.org_no = v.borrower_org_no
JOIN (SELECT * FROM member_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS m ON m.org_no = b.owner_org_no
LEFT JOIN (SELECT * FROM project_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1) UNION ALL SELECT * FROM project_versions WHERE revision = 1 AND valid_from > ?1) AS p ON p.project_number = v.project_number
WHERE v.loan_number = ?2;
SELECT e.external_id AS external_id, e.value_date AS value_date, e.kind AS kind, e.amount_ore AS amount_ore, e.balance_effect_ore AS balance_effect_ore, o.external_id AS reverses, r.external_id AS reversed_by, e.reason AS reason, e.recorded_at AS recorded_at, e.recorded_by AS recorded_by, e.batch_id AS batch_id FROM ledger_entries AS e
LEFT JOIN ledger_entries AS o ON o.entry_id = e.reverses_entry_id
LEFT JOIN ledger_entries AS r ON r.reverses_entry_id = e.entry_id
WHERE e.loan_id = (SELECT loan_id FROM loans WHERE loan_number = ?2) AND e.value_date <= ?1
ORDER BY e.value_date, e.entry_id;
