-- 0002: views for auditors (docs/schema.md). Views only: no table changes, no data.
--
-- "Today" is date('now', 'localtime'): the figures of the day the view is read.
-- Money stays INTEGER öre; share_financed_percent is a rounded figure for reading, not
-- for arithmetic.

-- Each loan's outstanding amount as of today: disbursements minus repayments with value
-- date up to today; a reversal carries its original's date and the opposite effect.
CREATE VIEW outstanding_per_loan AS
SELECT l.loan_id, l.loan_number, l.programme, l.project_number, l.borrower_org_no, l.green_bond_eligible,
       coalesce(sum(e.balance_effect_ore), 0) AS outstanding_ore,
       date('now', 'localtime') AS as_of
FROM loans l
LEFT JOIN ledger_entries e ON e.loan_id = l.loan_id AND e.value_date <= date('now', 'localtime')
GROUP BY l.loan_id;

-- Outstanding per programme (green, social, other) as of today.
CREATE VIEW outstanding_per_programme AS
SELECT programme, count(*) AS loans, sum(outstanding_ore) AS outstanding_ore, date('now', 'localtime') AS as_of
FROM outstanding_per_loan
GROUP BY programme;

-- Every ledger entry with its loan and reversal state: 'standing', 'reversed' (a later
-- reversal cancels it; who, when and why) or 'reversal' (it cancels reverses_external_id).
CREATE VIEW ledger_entries_with_reversal_state AS
SELECT e.entry_id, e.external_id, l.loan_number, e.loan_id, l.programme, e.value_date, e.kind,
       e.amount_ore, e.balance_effect_ore,
       CASE WHEN e.kind = 'reversal' THEN 'reversal'
            WHEN r.entry_id IS NOT NULL THEN 'reversed'
            ELSE 'standing' END AS reversal_state,
       o.external_id AS reverses_external_id,
       r.external_id AS reversed_by_external_id,
       r.reason AS reversal_reason, r.recorded_by AS reversal_recorded_by, r.recorded_at AS reversal_recorded_at,
       e.reason, e.recorded_at, e.recorded_by, e.batch_id
FROM ledger_entries e
JOIN loans l ON l.loan_id = e.loan_id
LEFT JOIN ledger_entries r ON r.reverses_entry_id = e.entry_id
LEFT JOIN ledger_entries o ON o.entry_id = e.reverses_entry_id;

-- Approved against disbursed per project as of today, with the share of the total project
-- cost financed where the cost is known. disbursed_ore counts disbursements less reversed
-- disbursements; outstanding_ore also subtracts repayments.
CREATE VIEW project_financing AS
SELECT p.project_number, p.programme, p.title, p.category, p.status, p.decision_date,
       p.borrower_org_no, b.name AS borrower_name, b.owner_org_no,
       p.approved_ore,
       coalesce(f.disbursed_ore, 0) AS disbursed_ore,
       coalesce(f.disbursed_ore, 0) - p.approved_ore AS disbursed_minus_approved_ore,
       coalesce(f.outstanding_ore, 0) AS outstanding_ore,
       p.total_cost_ore,
       CASE WHEN p.total_cost_ore IS NULL THEN NULL
            ELSE round(100.0 * coalesce(f.disbursed_ore, 0) / p.total_cost_ore, 1) END AS share_financed_percent,
       date('now', 'localtime') AS as_of
FROM projects p
JOIN borrowers b ON b.org_no = p.borrower_org_no
LEFT JOIN (
    SELECT l.project_number,
           sum(CASE WHEN e.kind = 'disbursement' THEN e.amount_ore
                    WHEN e.kind = 'reversal' AND e.balance_effect_ore < 0 THEN -e.amount_ore
                    ELSE 0 END) AS disbursed_ore,
           sum(e.balance_effect_ore) AS outstanding_ore
    FROM loans l JOIN ledger_entries e ON e.loan_id = l.loan_id
    WHERE l.project_number IS NOT NULL AND e.value_date <= date('now', 'localtime')
    GROUP BY l.project_number
) f ON f.project_number = p.project_number;

-- The statuses of each year's approved follow-up, latest revision only.
CREATE VIEW approved_followup_statuses AS
SELECT a.year, a.revision, a.approval_id, a.approved_on, a.recorded_by AS approved_by, a.ledger_head_hash,
       s.project_number, s.indicator_id, i.name AS indicator_name, i.area,
       s.baseline_text, s.previous_text, s.value_text, s.target_text, s.status, s.target_year_passed_unmet
FROM followup_approvals a
JOIN followup_approved_statuses s ON s.approval_id = a.approval_id
LEFT JOIN indicators i ON i.indicator_id = s.indicator_id
WHERE a.revision = (SELECT max(x.revision) FROM followup_approvals x WHERE x.year = a.year);

-- Every balance assertion with the ledger's figure for the same lending and date, the
-- difference (actual − expected) and whether it holds within the tolerance.
CREATE VIEW balance_assertion_results AS
SELECT r.assertion_id, r.programme, r.as_of, r.expected_ore, r.tolerance_ore, r.actual_ore,
       r.actual_ore - r.expected_ore AS difference_ore,
       abs(r.actual_ore - r.expected_ore) <= r.tolerance_ore AS holds,
       r.note, r.recorded_at, r.recorded_by
FROM (
    SELECT a.*,
           (SELECT coalesce(sum(e.balance_effect_ore), 0)
            FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id
            WHERE e.value_date <= a.as_of
              AND (a.programme = 'all' OR l.programme = a.programme
                   OR (a.programme = 'sustainable' AND l.programme IN ('green', 'social')))) AS actual_ore
    FROM balance_assertions a
) r;
