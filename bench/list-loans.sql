-- The SQL of `hallbar list loans --as-of ?1` (ListQuery.loans); bench/bench.py binds ?1.
-- Written by ListQueryTests (HALLBAR_WRITE_BENCH_SQL=1); a test checks it is what hallbar runs.
WITH l AS (SELECT v.loan_id, v.loan_number, v.borrower_org_no, b.owner_org_no, v.programme, v.project_number,
                  v.green_bond_eligible
           FROM (SELECT * FROM loan_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS v JOIN (SELECT * FROM borrower_versions WHERE valid_from <= ?1 AND (valid_until IS NULL OR valid_until > ?1)) AS b ON b.org_no = v.borrower_org_no
           ),
     t AS (SELECT loan_id, sum(max(balance_effect_ore, 0)) AS up, -sum(min(balance_effect_ore, 0)) AS down,
       sum(balance_effect_ore) AS net
FROM ledger_entries WHERE loan_id IN (SELECT loan_id FROM l) AND value_date <= ?1 GROUP BY loan_id),
     r AS (SELECT loan_id, sum(amount_ore) AS reversed FROM ledger_entries INDEXED BY ledger_entries_reversal_of
WHERE reverses_entry_id IS NOT NULL AND value_date <= ?1 GROUP BY loan_id)
SELECT l.loan_number AS loan_number, l.borrower_org_no AS borrower_org_no, l.owner_org_no AS member_org_no, l.programme AS programme, l.project_number AS project_number, l.green_bond_eligible AS green_bond_eligible, coalesce(t.up, 0) - coalesce(r.reversed, 0) AS disbursed_ore, coalesce(t.down, 0) - coalesce(r.reversed, 0) AS repaid_ore, coalesce(t.net, 0) AS outstanding_ore
FROM l LEFT JOIN t ON t.loan_id = l.loan_id LEFT JOIN r ON r.loan_id = l.loan_id
ORDER BY l.loan_number;
