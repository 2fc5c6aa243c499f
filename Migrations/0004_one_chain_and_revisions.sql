-- 0004: one hash chain over every table a report, a decision or the audit trail reads;
-- amendments as chained revisions; committee decisions on indicators; closed periods.
--
-- What changes (docs/schema.md, docs/chain.md):
-- * Every row hallbar writes has a place in ONE chain, in the order hallbar wrote it: the
--   column `seq` (ledger_entries: `entry_id`, which is its seq) numbers all chained rows of
--   all tables 1, 2, 3 … without gaps, and `chain_hash` = SHA-256(link of row seq − 1 ‖
--   encoding of this row), format 2 of docs/chain.md. The ledger head is the link of the
--   last row. In every chained table `seq` is the first column and `chain_hash` the last;
--   the encoding covers every column but `chain_hash`, in table order.
-- * A command writes its rows first and its summary row last: an import its rows, then its
--   import_batches row; an approval its frozen statuses, then its followup_approvals row.
--   The summary row's link therefore covers everything the command wrote.
-- * Nothing is updated in place: a change of a member, borrower, project, loan, indicator,
--   reading or reference value is a new row in its *_revisions table (revision 2, 3 …) with
--   the date it takes effect, who, when and why; the base table holds revision 1. The
--   views *_versions give every revision with valid_from (inclusive) and valid_until
--   (exclusive, NULL for the one in force), so "as of D" is
--   `WHERE valid_from <= D AND (valid_until IS NULL OR valid_until > D)`.
-- * indicator_decisions: the committee's "met / not met" for an indicator and year.
-- * period_closes: closing a period (no entry, reversal or amendment effective on or
--   before the date) and reopening it, each with who, when and why.
-- * Reference data supplied by migrations (import_kinds, municipalities, market bounds,
--   vacancy_2013) and the migration history are append-only too; verify compares the
--   reference data with what the migrations insert.
--
-- A ledger of schema 0003 is rebuilt table by table: each old table is renamed to legacy_*,
-- the new table is created as written below and filled in the order the old rows were
-- recorded (stamp, then batch or approval, then table, then id), and the step `rechain`
-- (LedgerStore/Migration/Rechain.swift) first checks the old per-table chains (format 1)
-- and refuses to migrate a ledger whose old chain is broken, then links every row into
-- the new chain. Old follow-up approvals keep the format-1 head they recorded
-- (ledger_head_seq NULL). Entry ids change (they become chain positions); reversals keep
-- pointing at the entries they cancel.

-- Views, triggers and indexes of 0001-0003 go first; all are created again.
DROP VIEW outstanding_per_loan;
DROP VIEW outstanding_per_programme;
DROP VIEW ledger_entries_with_reversal_state;
DROP VIEW project_financing;
DROP VIEW approved_followup_statuses;
DROP VIEW balance_assertion_results;
DROP TRIGGER loans_programme_matches_project;
DROP TRIGGER ledger_entries_reversal_matches_original;
DROP TRIGGER ledger_entries_no_entry_on_rejected_project;
DROP TRIGGER ledger_entries_no_update;
DROP TRIGGER ledger_entries_no_delete;
DROP TRIGGER readings_no_update;
DROP TRIGGER readings_no_delete;
DROP TRIGGER projects_no_update;
DROP TRIGGER projects_no_delete;
DROP TRIGGER followup_approvals_no_update;
DROP TRIGGER followup_approvals_no_delete;
DROP TRIGGER followup_approved_statuses_no_update;
DROP TRIGGER followup_approved_statuses_no_delete;
DROP TRIGGER balance_assertions_no_update;
DROP TRIGGER balance_assertions_no_delete;
DROP TRIGGER import_batches_no_update;
DROP TRIGGER import_batches_no_delete;
DROP TRIGGER market_readings_no_update;
DROP TRIGGER market_readings_no_delete;
DROP INDEX borrowers_by_owner;
DROP INDEX projects_by_borrower;
DROP INDEX loans_by_borrower;
DROP INDEX loans_by_project;
DROP INDEX ledger_entries_by_loan_date;
DROP INDEX indicators_by_project;
DROP INDEX market_readings_by_year;

ALTER TABLE import_batches RENAME TO legacy_import_batches;
ALTER TABLE members RENAME TO legacy_members;
ALTER TABLE borrowers RENAME TO legacy_borrowers;
ALTER TABLE projects RENAME TO legacy_projects;
ALTER TABLE loans RENAME TO legacy_loans;
ALTER TABLE ledger_entries RENAME TO legacy_ledger_entries;
ALTER TABLE indicators RENAME TO legacy_indicators;
ALTER TABLE readings RENAME TO legacy_readings;
ALTER TABLE reference_values RENAME TO legacy_reference_values;
ALTER TABLE followup_approvals RENAME TO legacy_followup_approvals;
ALTER TABLE followup_approved_statuses RENAME TO legacy_followup_approved_statuses;
ALTER TABLE balance_assertions RENAME TO legacy_balance_assertions;
ALTER TABLE market_readings RENAME TO legacy_market_readings;

-- The kinds of import file (reference data; a later migration adds kinds by INSERT).
CREATE TABLE import_kinds (
    kind              TEXT PRIMARY KEY CHECK (length(kind) > 0),
    description       TEXT NOT NULL
) STRICT;
INSERT INTO import_kinds (kind, description) VALUES
    ('members', 'members of the cooperative'),
    ('borrowers', 'borrowers and their owning members'),
    ('projects', 'green and social projects and the committee''s decisions'),
    ('loans', 'loan agreements'),
    ('entries', 'disbursements and repayments'),
    ('indicators', 'indicators of social projects'),
    ('readings', 'yearly indicator readings'),
    ('references', 'reference series (riket)'),
    ('market', 'housing-market indices (SOU 2015:58, appendix 2)');

-- One row per imported file that changed something: written last, after its rows.
-- amend = 1 for `import --amend`, whose changed rows became revisions (rows_amended) with
-- the batch's reason and effective_date.
CREATE TABLE import_batches (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    batch_id          INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL REFERENCES import_kinds (kind),
    file_name         TEXT NOT NULL CHECK (length(file_name) > 0),
    file_sha256       TEXT NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'),
    rows_in_file      INTEGER NOT NULL CHECK (rows_in_file >= 0),
    rows_new          INTEGER NOT NULL CHECK (rows_new >= 0),
    rows_amended      INTEGER NOT NULL CHECK (rows_amended >= 0),
    rows_already_present INTEGER NOT NULL CHECK (rows_already_present >= 0),
    amend             INTEGER NOT NULL CHECK (amend IN (0, 1)),
    effective_date    TEXT CHECK (effective_date IS NULL OR effective_date = date(effective_date, '+0 days')),
    reason            TEXT CHECK (reason IS NULL OR length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (rows_new + rows_amended + rows_already_present = rows_in_file),
    CHECK (amend = 1 OR rows_amended = 0),
    CHECK ((amend = 1) = (reason IS NOT NULL AND effective_date IS NOT NULL))
) STRICT;

-- Members of the cooperative (revision 1; later revisions in member_revisions).
CREATE TABLE members (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    org_no            TEXT PRIMARY KEY
                      CHECK (org_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    municipality_code TEXT CHECK (municipality_code IS NULL OR municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;

CREATE TABLE member_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    org_no            TEXT NOT NULL REFERENCES members (org_no),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    municipality_code TEXT CHECK (municipality_code IS NULL OR municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (org_no, revision)
) STRICT;

-- Borrowers: a member itself (owner_org_no = org_no) or a company a member owns.
CREATE TABLE borrowers (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    org_no            TEXT PRIMARY KEY
                      CHECK (org_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    owner_org_no      TEXT NOT NULL REFERENCES members (org_no),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;
CREATE INDEX borrowers_by_owner ON borrowers (owner_org_no);

CREATE TABLE borrower_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    org_no            TEXT NOT NULL REFERENCES borrowers (org_no),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    owner_org_no      TEXT NOT NULL REFERENCES members (org_no),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (org_no, revision)
) STRICT;

-- Projects and the committee's decision on each (revision 1; status, title, category,
-- amounts and framework version change by amendment in project_revisions). See 0001 for
-- the meaning of the social columns.
CREATE TABLE projects (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    project_number    INTEGER PRIMARY KEY CHECK (project_number > 0),
    programme         TEXT NOT NULL CHECK (programme IN ('green', 'social')),
    borrower_org_no   TEXT NOT NULL REFERENCES borrowers (org_no),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    category          TEXT NOT NULL,
    investment_type   INTEGER,
    approved_ore      INTEGER NOT NULL CHECK (approved_ore > 0),
    decision_date     TEXT NOT NULL CHECK (decision_date = date(decision_date, '+0 days')),
    status            TEXT NOT NULL CHECK (status = 'approved' OR status = 'rejected'
                                           OR status = 'withdrawn' OR status = 'completed'),
    framework_version TEXT,
    total_cost_ore    INTEGER CHECK (total_cost_ore IS NULL OR total_cost_ore > 0),
    req_practice_innovation_quality INTEGER CHECK (req_practice_innovation_quality IN (0, 1)),
    req_systematic_work             INTEGER CHECK (req_systematic_work IN (0, 1)),
    req_defined_target_group        INTEGER CHECK (req_defined_target_group IN (0, 1)),
    req_long_term                   INTEGER CHECK (req_long_term IN (0, 1)),
    req_goals_and_evaluation        INTEGER CHECK (req_goals_and_evaluation IN (0, 1)),
    physical_investment TEXT,
    social_intervention TEXT,
    social_goals        TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (programme <> 'social'
        OR category = 'Boende och boendemiljöer'
        OR category = 'Trygghet, säkerhet och tillgänglighet'
        OR category = 'Hälsa, utbildning, idrott och kultur'),
    CHECK (programme <> 'green'
        OR category = 'renewable_energy' OR category = 'energy_efficiency'
        OR category = 'green_buildings' OR category = 'clean_transport'
        OR category = 'waste_management' OR category = 'water_management'
        OR category = 'climate_adaptation' OR category = 'environmental_management'),
    CHECK ((programme = 'social' AND investment_type IN (1, 2))
        OR (programme = 'green' AND investment_type IS NULL)),
    CHECK (programme = 'social' OR (req_practice_innovation_quality IS NULL AND req_systematic_work IS NULL
        AND req_defined_target_group IS NULL AND req_long_term IS NULL AND req_goals_and_evaluation IS NULL)),
    CHECK (programme = 'green' OR framework_version IS NULL)
) STRICT;
CREATE INDEX projects_by_borrower ON projects (borrower_org_no);

-- A project's later revisions: the committee's amending decisions, effective_date being
-- the decision's date (a withdrawal, a completion, a raised approved amount …).
CREATE TABLE project_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    project_number    INTEGER NOT NULL REFERENCES projects (project_number),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    category          TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status = 'approved' OR status = 'rejected'
                                           OR status = 'withdrawn' OR status = 'completed'),
    approved_ore      INTEGER NOT NULL CHECK (approved_ore > 0),
    total_cost_ore    INTEGER CHECK (total_cost_ore IS NULL OR total_cost_ore > 0),
    framework_version TEXT,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (project_number, revision)
) STRICT;

-- Loan agreements (revision 1; later revisions in loan_revisions). Green and social loans
-- finance a project of the same programme; other lending finances none.
CREATE TABLE loans (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    loan_id           INTEGER PRIMARY KEY,
    loan_number       TEXT NOT NULL UNIQUE CHECK (length(trim(loan_number)) > 0),
    borrower_org_no   TEXT NOT NULL REFERENCES borrowers (org_no),
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'),
    project_number    INTEGER REFERENCES projects (project_number),
    green_bond_eligible INTEGER,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK ((programme = 'other') = (project_number IS NULL)),
    CHECK ((programme = 'green' AND green_bond_eligible IN (0, 1))
        OR (programme <> 'green' AND green_bond_eligible IS NULL))
) STRICT;
CREATE INDEX loans_by_borrower ON loans (borrower_org_no);
CREATE INDEX loans_by_project ON loans (project_number);

CREATE TABLE loan_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    loan_id           INTEGER NOT NULL REFERENCES loans (loan_id),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    borrower_org_no   TEXT NOT NULL REFERENCES borrowers (org_no),
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'),
    project_number    INTEGER REFERENCES projects (project_number),
    green_bond_eligible INTEGER,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (loan_id, revision),
    CHECK ((programme = 'other') = (project_number IS NULL)),
    CHECK ((programme = 'green' AND green_bond_eligible IN (0, 1))
        OR (programme <> 'green' AND green_bond_eligible IS NULL))
) STRICT;
CREATE INDEX loan_revisions_by_project ON loan_revisions (project_number);

-- Disbursements and repayments (see 0001). entry_id is the entry's place in the chain (its
-- seq), so ids are not consecutive: other tables' rows lie between them.
CREATE TABLE ledger_entries (
    entry_id          INTEGER PRIMARY KEY CHECK (entry_id > 0),
    external_id       TEXT NOT NULL UNIQUE CHECK (length(trim(external_id)) > 0),
    loan_id           INTEGER NOT NULL REFERENCES loans (loan_id),
    value_date        TEXT NOT NULL CHECK (value_date = date(value_date, '+0 days')),
    kind              TEXT NOT NULL CHECK (kind = 'disbursement' OR kind = 'repayment' OR kind = 'reversal'),
    amount_ore        INTEGER NOT NULL CHECK (amount_ore > 0),
    balance_effect_ore INTEGER NOT NULL,
    reverses_entry_id INTEGER REFERENCES ledger_entries (entry_id),
    reason            TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (kind <> 'disbursement' OR balance_effect_ore = amount_ore),
    CHECK (kind <> 'repayment' OR balance_effect_ore = -amount_ore),
    CHECK (kind <> 'reversal' OR abs(balance_effect_ore) = amount_ore),
    CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL)),
    CHECK ((kind = 'reversal') = (reason IS NOT NULL AND length(trim(reason)) > 0))
) STRICT;

-- The measured outcomes of a social project (revision 1; see 0001).
CREATE TABLE indicators (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    indicator_id      TEXT PRIMARY KEY CHECK (length(trim(indicator_id)) > 0),
    project_number    INTEGER NOT NULL REFERENCES projects (project_number),
    area              TEXT,
    goal              TEXT NOT NULL CHECK (length(trim(goal)) > 0),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit              TEXT,
    direction         TEXT NOT NULL CHECK (direction = 'higher' OR direction = 'lower' OR direction = 'none'),
    baseline_value    TEXT,
    baseline_year     INTEGER CHECK (baseline_year BETWEEN 1900 AND 2200),
    target            TEXT NOT NULL CHECK (length(target) > 0),
    target_text       TEXT,
    target_year       INTEGER CHECK (target_year IS NULL OR target_year BETWEEN 1900 AND 2200),
    tolerance         TEXT NOT NULL,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;
CREATE INDEX indicators_by_project ON indicators (project_number);

CREATE TABLE indicator_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    area              TEXT,
    goal              TEXT NOT NULL CHECK (length(trim(goal)) > 0),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit              TEXT,
    direction         TEXT NOT NULL CHECK (direction = 'higher' OR direction = 'lower' OR direction = 'none'),
    baseline_value    TEXT,
    baseline_year     INTEGER CHECK (baseline_year BETWEEN 1900 AND 2200),
    target            TEXT NOT NULL CHECK (length(target) > 0),
    target_text       TEXT,
    target_year       INTEGER CHECK (target_year IS NULL OR target_year BETWEEN 1900 AND 2200),
    tolerance         TEXT NOT NULL,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (indicator_id, revision)
) STRICT;

-- An indicator's value for a year (revision 1; corrections in reading_revisions). The
-- committee's judgement of a text reading is an indicator_decisions row, not a column here.
-- reason: why a reading came late, recorded for a year whose follow-up was already approved.
CREATE TABLE readings (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    reading_id        INTEGER PRIMARY KEY,
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value_text        TEXT NOT NULL CHECK (length(trim(value_text)) > 0),
    value_kind        TEXT NOT NULL CHECK (value_kind = 'number' OR value_kind = 'range' OR value_kind = 'text'),
    value_low         TEXT,
    value_high        TEXT,
    reason            TEXT CHECK (reason IS NULL OR length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (indicator_id, year),
    CHECK ((value_kind = 'text') = (value_low IS NULL AND value_high IS NULL))
) STRICT;

CREATE TABLE reading_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    reading_id        INTEGER NOT NULL REFERENCES readings (reading_id),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    value_text        TEXT NOT NULL CHECK (length(trim(value_text)) > 0),
    value_kind        TEXT NOT NULL CHECK (value_kind = 'number' OR value_kind = 'range' OR value_kind = 'text'),
    value_low         TEXT,
    value_high        TEXT,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (reading_id, revision),
    CHECK ((value_kind = 'text') = (value_low IS NULL AND value_high IS NULL))
) STRICT;

-- Named yearly series that comparative targets refer to (revision 1; see 0001).
CREATE TABLE reference_values (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value             TEXT NOT NULL,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (name, year)
) STRICT;

CREATE TABLE reference_value_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    name              TEXT NOT NULL,
    year              INTEGER NOT NULL,
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    value             TEXT NOT NULL,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (name, year, revision),
    FOREIGN KEY (name, year) REFERENCES reference_values (name, year)
) STRICT;

-- The committee's judgement of an indicator for a year: its target met (met = 1) or not
-- (met = 0), decided on decided_on, with the reason. The latest decision for an indicator
-- and year is the one that counts (indicator_decisions_in_force).
CREATE TABLE indicator_decisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    decision_id       INTEGER PRIMARY KEY,
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    met               INTEGER NOT NULL CHECK (met IN (0, 1)),
    decided_on        TEXT NOT NULL CHECK (decided_on = date(decided_on, '+0 days')),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;
CREATE INDEX indicator_decisions_by_indicator ON indicator_decisions (indicator_id, year);

-- The committee's approval of a year's follow-up (see 0001). ledger_head_hash is the head
-- the approved report was computed from: the link of row ledger_head_seq, which is the row
-- just before the approval's frozen statuses. Approvals recorded before 0004 keep their
-- format-1 head and have ledger_head_seq NULL. The approval row comes after its statuses.
CREATE TABLE followup_approvals (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    approval_id       INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    revision          INTEGER NOT NULL CHECK (revision >= 1),
    approved_on       TEXT NOT NULL CHECK (approved_on = date(approved_on, '+0 days')),
    rule_version      TEXT NOT NULL,
    ledger_head_hash  TEXT NOT NULL,
    ledger_head_seq   INTEGER CHECK (ledger_head_seq IS NULL OR ledger_head_seq >= 0),
    note              TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (year, revision)
) STRICT;

-- The statuses frozen by an approval, one row per indicator, as the report showed them.
-- met_by_decision = 1 when the status came from the committee's decision.
CREATE TABLE followup_approved_statuses (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    approval_id       INTEGER NOT NULL REFERENCES followup_approvals (approval_id),
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    project_number    INTEGER NOT NULL REFERENCES projects (project_number),
    baseline_text     TEXT,
    previous_text     TEXT,
    value_text        TEXT,
    target_text       TEXT,
    status            TEXT NOT NULL CHECK (status = 'worse_than_baseline' OR status = 'negative_trend'
                                           OR status = 'target_met' OR status = 'positive_trend'
                                           OR status = 'no_change' OR status = 'not_reported'
                                           OR status = 'not_assessed'),
    target_year_passed_unmet INTEGER NOT NULL CHECK (target_year_passed_unmet IN (0, 1)),
    met_by_decision   INTEGER NOT NULL CHECK (met_by_decision IN (0, 1)),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (approval_id, indicator_id)
) STRICT;

-- Expected balances (see 0001).
CREATE TABLE balance_assertions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    assertion_id      INTEGER PRIMARY KEY,
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'
                                           OR programme = 'sustainable' OR programme = 'all'),
    as_of             TEXT NOT NULL CHECK (as_of = date(as_of, '+0 days')),
    expected_ore      INTEGER NOT NULL CHECK (expected_ore >= 0),
    tolerance_ore     INTEGER NOT NULL CHECK (tolerance_ore >= 0),
    note              TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;

-- Closing a period: action 'close' refuses, from then on, every new entry, reversal and
-- amendment effective on or before `through`; 'reopen' lifts the closes through `through`
-- or later. closed_through is the date the ledger is closed through after this row (NULL:
-- nothing closed), so the state in force is the closed_through of the last row; verify
-- replays the rows and checks it.
CREATE TABLE period_closes (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    close_id          INTEGER PRIMARY KEY,
    action            TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    through           TEXT NOT NULL CHECK (through = date(through, '+0 days')),
    closed_through    TEXT CHECK (closed_through IS NULL OR closed_through = date(closed_through, '+0 days')),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (action = 'reopen' OR closed_through = through),
    CHECK (action = 'close' OR closed_through IS NULL OR closed_through < through)
) STRICT;

-- Housing-market readings (see 0003).
CREATE TABLE market_readings (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    municipality_code TEXT NOT NULL CHECK (municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    municipality      TEXT NOT NULL CHECK (length(trim(municipality)) > 0),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    basis             TEXT NOT NULL CHECK (basis = 'observed' OR basis = 'forecast' OR basis = 'model'),
    index_value       INTEGER NOT NULL CHECK (index_value >= 0),
    model_index       TEXT,
    trend_index       TEXT,
    level_index       TEXT,
    labour_market_population_k TEXT,
    job_accessibility_k TEXT,
    source            TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (municipality_code, year, basis),
    CHECK ((trend_index IS NULL) = (level_index IS NULL)
       AND (trend_index IS NULL) = (labour_market_population_k IS NULL)
       AND (trend_index IS NULL) = (job_accessibility_k IS NULL)
       AND (trend_index IS NULL) = (model_index IS NULL)),
    CHECK (basis <> 'model' OR model_index IS NOT NULL)
) STRICT;
CREATE INDEX market_readings_by_year ON market_readings (year, municipality_code);

-- The order of the old rows in the new chain: by stamp (one command, one stamp), then the
-- batch or approval they came with, then table (an import's batch row and an approval's
-- row after their rows), then old id.
CREATE TEMP TABLE hallbar_chain_order (
    seq               INTEGER PRIMARY KEY,
    tbl               TEXT NOT NULL,
    old_rowid         INTEGER NOT NULL,
    UNIQUE (tbl, old_rowid)
) STRICT;
INSERT INTO temp.hallbar_chain_order (seq, tbl, old_rowid)
SELECT row_number() OVER (ORDER BY recorded_at, group_kind, group_id, rank, old_rowid), tbl, old_rowid FROM (
    SELECT 'members' AS tbl, rowid AS old_rowid, recorded_at,
           CASE WHEN batch_id IS NULL THEN 0 ELSE 1 END AS group_kind, coalesce(batch_id, 0) AS group_id, 1 AS rank
      FROM legacy_members
    UNION ALL SELECT 'borrowers', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 2 FROM legacy_borrowers
    UNION ALL SELECT 'projects', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 3 FROM legacy_projects
    UNION ALL SELECT 'loans', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 4 FROM legacy_loans
    UNION ALL SELECT 'ledger_entries', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 5 FROM legacy_ledger_entries
    UNION ALL SELECT 'indicators', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 6 FROM legacy_indicators
    UNION ALL SELECT 'readings', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 7 FROM legacy_readings
    UNION ALL SELECT 'indicator_decisions', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 8
      FROM legacy_readings WHERE met_by_decision = 1
    UNION ALL SELECT 'reference_values', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 9 FROM legacy_reference_values
    UNION ALL SELECT 'market_readings', rowid, recorded_at, batch_id IS NOT NULL, coalesce(batch_id, 0), 10 FROM legacy_market_readings
    UNION ALL SELECT 'balance_assertions', rowid, recorded_at, 0, 0, 11 FROM legacy_balance_assertions
    UNION ALL SELECT 'import_batches', rowid, recorded_at, 1, batch_id, 12 FROM legacy_import_batches
    UNION ALL SELECT 'followup_approved_statuses', s.rowid, a.recorded_at, 2, a.approval_id, 13
      FROM legacy_followup_approved_statuses AS s JOIN legacy_followup_approvals AS a ON a.approval_id = s.approval_id
    UNION ALL SELECT 'followup_approvals', rowid, recorded_at, 2, approval_id, 14 FROM legacy_followup_approvals
);

-- The rows, in chain order, with placeholder links (the step below computes them).
INSERT INTO import_batches (seq, batch_id, kind, file_name, file_sha256, rows_in_file, rows_new, rows_amended,
    rows_already_present, amend, effective_date, reason, recorded_at, recorded_by, chain_hash)
SELECT o.seq, b.batch_id, b.kind, b.file_name, b.file_sha256, b.rows_in_file, b.rows_new, 0,
       b.rows_already_present, 0, NULL, NULL, b.recorded_at, b.recorded_by, zeroblob(32)
FROM legacy_import_batches AS b JOIN temp.hallbar_chain_order AS o ON o.tbl = 'import_batches' AND o.old_rowid = b.rowid;

INSERT INTO members (seq, org_no, name, municipality_code, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, m.org_no, m.name, m.municipality_code, m.recorded_at, m.recorded_by, m.batch_id, zeroblob(32)
FROM legacy_members AS m JOIN temp.hallbar_chain_order AS o ON o.tbl = 'members' AND o.old_rowid = m.rowid;

INSERT INTO borrowers (seq, org_no, name, owner_org_no, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, b.org_no, b.name, b.owner_org_no, b.recorded_at, b.recorded_by, b.batch_id, zeroblob(32)
FROM legacy_borrowers AS b JOIN temp.hallbar_chain_order AS o ON o.tbl = 'borrowers' AND o.old_rowid = b.rowid;

INSERT INTO projects (seq, project_number, programme, borrower_org_no, title, category, investment_type, approved_ore,
    decision_date, status, framework_version, total_cost_ore, req_practice_innovation_quality, req_systematic_work,
    req_defined_target_group, req_long_term, req_goals_and_evaluation, physical_investment, social_intervention,
    social_goals, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, p.project_number, p.programme, p.borrower_org_no, p.title, p.category, p.investment_type, p.approved_ore,
       p.decision_date, p.status, p.framework_version, p.total_cost_ore, p.req_practice_innovation_quality,
       p.req_systematic_work, p.req_defined_target_group, p.req_long_term, p.req_goals_and_evaluation,
       p.physical_investment, p.social_intervention, p.social_goals, p.recorded_at, p.recorded_by, p.batch_id, zeroblob(32)
FROM legacy_projects AS p JOIN temp.hallbar_chain_order AS o ON o.tbl = 'projects' AND o.old_rowid = p.rowid;

INSERT INTO loans (seq, loan_id, loan_number, borrower_org_no, programme, project_number, green_bond_eligible,
    recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, l.loan_id, l.loan_number, l.borrower_org_no, l.programme, l.project_number, l.green_bond_eligible,
       l.recorded_at, l.recorded_by, l.batch_id, zeroblob(32)
FROM legacy_loans AS l JOIN temp.hallbar_chain_order AS o ON o.tbl = 'loans' AND o.old_rowid = l.rowid;

INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
    reverses_entry_id, reason, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, e.external_id, e.loan_id, e.value_date, e.kind, e.amount_ore, e.balance_effect_ore,
       r.seq, e.reason, e.recorded_at, e.recorded_by, e.batch_id, zeroblob(32)
FROM legacy_ledger_entries AS e
JOIN temp.hallbar_chain_order AS o ON o.tbl = 'ledger_entries' AND o.old_rowid = e.entry_id
LEFT JOIN temp.hallbar_chain_order AS r ON r.tbl = 'ledger_entries' AND r.old_rowid = e.reverses_entry_id
ORDER BY o.seq;

INSERT INTO indicators (seq, indicator_id, project_number, area, goal, name, unit, direction, baseline_value,
    baseline_year, target, target_text, target_year, tolerance, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, i.indicator_id, i.project_number, i.area, i.goal, i.name, i.unit, i.direction, i.baseline_value,
       i.baseline_year, i.target, i.target_text, i.target_year, i.tolerance, i.recorded_at, i.recorded_by, i.batch_id,
       zeroblob(32)
FROM legacy_indicators AS i JOIN temp.hallbar_chain_order AS o ON o.tbl = 'indicators' AND o.old_rowid = i.rowid;

INSERT INTO readings (seq, reading_id, indicator_id, year, value_text, value_kind, value_low, value_high,
    reason, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, r.reading_id, r.indicator_id, r.year, r.value_text, r.value_kind, r.value_low, r.value_high,
       NULL, r.recorded_at, r.recorded_by, r.batch_id, zeroblob(32)
FROM legacy_readings AS r JOIN temp.hallbar_chain_order AS o ON o.tbl = 'readings' AND o.old_rowid = r.rowid;

-- A reading that 0001 marked met_by_decision (no hallbar command wrote one) becomes a decision.
INSERT INTO indicator_decisions (seq, decision_id, indicator_id, year, met, decided_on, reason, recorded_at,
    recorded_by, chain_hash)
SELECT o.seq, r.reading_id, r.indicator_id, r.year, 1, date(r.recorded_at),
       coalesce(nullif(trim(r.decision_note), ''), 'met by decision (readings.met_by_decision before schema 0004)'),
       r.recorded_at, r.recorded_by, zeroblob(32)
FROM legacy_readings AS r JOIN temp.hallbar_chain_order AS o ON o.tbl = 'indicator_decisions' AND o.old_rowid = r.rowid;

INSERT INTO reference_values (seq, name, year, value, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, v.name, v.year, v.value, v.recorded_at, v.recorded_by, v.batch_id, zeroblob(32)
FROM legacy_reference_values AS v JOIN temp.hallbar_chain_order AS o ON o.tbl = 'reference_values' AND o.old_rowid = v.rowid;

INSERT INTO market_readings (seq, municipality_code, municipality, year, basis, index_value, model_index, trend_index,
    level_index, labour_market_population_k, job_accessibility_k, source, recorded_at, recorded_by, batch_id, chain_hash)
SELECT o.seq, m.municipality_code, m.municipality, m.year, m.basis, m.index_value, m.model_index, m.trend_index,
       m.level_index, m.labour_market_population_k, m.job_accessibility_k, m.source, m.recorded_at, m.recorded_by,
       m.batch_id, zeroblob(32)
FROM legacy_market_readings AS m JOIN temp.hallbar_chain_order AS o ON o.tbl = 'market_readings' AND o.old_rowid = m.rowid;

INSERT INTO balance_assertions (seq, assertion_id, programme, as_of, expected_ore, tolerance_ore, note, recorded_at,
    recorded_by, chain_hash)
SELECT o.seq, a.assertion_id, a.programme, a.as_of, a.expected_ore, a.tolerance_ore, a.note, a.recorded_at,
       a.recorded_by, zeroblob(32)
FROM legacy_balance_assertions AS a JOIN temp.hallbar_chain_order AS o ON o.tbl = 'balance_assertions' AND o.old_rowid = a.rowid;

INSERT INTO followup_approvals (seq, approval_id, year, revision, approved_on, rule_version, ledger_head_hash,
    ledger_head_seq, note, recorded_at, recorded_by, chain_hash)
SELECT o.seq, a.approval_id, a.year, a.revision, a.approved_on, a.rule_version, a.ledger_head_hash, NULL, a.note,
       a.recorded_at, a.recorded_by, zeroblob(32)
FROM legacy_followup_approvals AS a JOIN temp.hallbar_chain_order AS o ON o.tbl = 'followup_approvals' AND o.old_rowid = a.rowid;

INSERT INTO followup_approved_statuses (seq, approval_id, indicator_id, project_number, baseline_text, previous_text,
    value_text, target_text, status, target_year_passed_unmet, met_by_decision, chain_hash)
SELECT o.seq, s.approval_id, s.indicator_id, s.project_number, s.baseline_text, s.previous_text, s.value_text,
       s.target_text, s.status, s.target_year_passed_unmet, 0, zeroblob(32)
FROM legacy_followup_approved_statuses AS s
JOIN temp.hallbar_chain_order AS o ON o.tbl = 'followup_approved_statuses' AND o.old_rowid = s.rowid;

-- @hallbar-step: rechain

DROP TABLE temp.hallbar_chain_order;
DROP TABLE legacy_followup_approved_statuses;
DROP TABLE legacy_followup_approvals;
DROP TABLE legacy_balance_assertions;
DROP TABLE legacy_market_readings;
DROP TABLE legacy_reference_values;
DROP TABLE legacy_readings;
DROP TABLE legacy_indicators;
DROP TABLE legacy_ledger_entries;
DROP TABLE legacy_loans;
DROP TABLE legacy_projects;
DROP TABLE legacy_borrowers;
DROP TABLE legacy_members;
DROP TABLE legacy_import_batches;

-- Indexes of the large table, built once after the copy.
-- A loan's balance at any date is one range scan of this covering index.
CREATE INDEX ledger_entries_by_loan_date ON ledger_entries (loan_id, value_date, balance_effect_ore);
-- An entry is reversed at most once; imported entries (never reversals) are not in it.
CREATE UNIQUE INDEX ledger_entries_reversal_of ON ledger_entries (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;

-- Rules the schema checks on the way in.
CREATE TRIGGER loans_programme_matches_project
BEFORE INSERT ON loans
WHEN NEW.project_number IS NOT NULL
 AND NEW.programme IS NOT (SELECT programme FROM projects WHERE project_number = NEW.project_number)
BEGIN
    SELECT RAISE(ABORT, 'a loan''s programme must match its project''s programme');
END;

CREATE TRIGGER loan_revisions_programme_matches_project
BEFORE INSERT ON loan_revisions
WHEN NEW.project_number IS NOT NULL
 AND NEW.programme IS NOT (SELECT programme FROM projects WHERE project_number = NEW.project_number)
BEGIN
    SELECT RAISE(ABORT, 'a loan''s programme must match its project''s programme');
END;

CREATE TRIGGER ledger_entries_reversal_matches_original
BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'reversal'
BEGIN
    SELECT RAISE(ABORT, 'a reversal must cancel an existing disbursement or repayment')
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries o
                      WHERE o.entry_id = NEW.reverses_entry_id AND o.kind <> 'reversal');
    SELECT RAISE(ABORT, 'a reversal must match the loan, value date and amount of the entry it cancels')
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries o
                      WHERE o.entry_id = NEW.reverses_entry_id
                        AND o.loan_id = NEW.loan_id AND o.value_date = NEW.value_date
                        AND o.amount_ore = NEW.amount_ore AND o.balance_effect_ore = -NEW.balance_effect_ore);
END;

CREATE TRIGGER project_revisions_fit_programme
BEFORE INSERT ON project_revisions
BEGIN
    SELECT RAISE(ABORT, 'a project revision''s category must be one of its programme''s categories')
    WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.project_number = NEW.project_number
        AND ((p.programme = 'social' AND (NEW.category = 'Boende och boendemiljöer'
                OR NEW.category = 'Trygghet, säkerhet och tillgänglighet'
                OR NEW.category = 'Hälsa, utbildning, idrott och kultur'))
          OR (p.programme = 'green' AND (NEW.category = 'renewable_energy' OR NEW.category = 'energy_efficiency'
                OR NEW.category = 'green_buildings' OR NEW.category = 'clean_transport'
                OR NEW.category = 'waste_management' OR NEW.category = 'water_management'
                OR NEW.category = 'climate_adaptation' OR NEW.category = 'environmental_management'))));
    SELECT RAISE(ABORT, 'a social project has no framework version')
    WHERE NEW.framework_version IS NOT NULL
      AND (SELECT programme FROM projects WHERE project_number = NEW.project_number) = 'social';
END;

-- Revisions are numbered 2, 3 … without gaps, each taking effect no earlier than the one
-- before it (a project's first revision no earlier than its decision date).
CREATE TRIGGER member_revisions_in_order BEFORE INSERT ON member_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM member_revisions WHERE org_no = NEW.org_no), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM member_revisions WHERE org_no = NEW.org_no), '0000-01-01');
END;
CREATE TRIGGER borrower_revisions_in_order BEFORE INSERT ON borrower_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM borrower_revisions WHERE org_no = NEW.org_no), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM borrower_revisions WHERE org_no = NEW.org_no), '0000-01-01');
END;
CREATE TRIGGER project_revisions_in_order BEFORE INSERT ON project_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM project_revisions WHERE project_number = NEW.project_number), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM project_revisions WHERE project_number = NEW.project_number),
                                        (SELECT decision_date FROM projects WHERE project_number = NEW.project_number));
END;
CREATE TRIGGER loan_revisions_in_order BEFORE INSERT ON loan_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM loan_revisions WHERE loan_id = NEW.loan_id), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM loan_revisions WHERE loan_id = NEW.loan_id), '0000-01-01');
END;
CREATE TRIGGER indicator_revisions_in_order BEFORE INSERT ON indicator_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM indicator_revisions WHERE indicator_id = NEW.indicator_id), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM indicator_revisions WHERE indicator_id = NEW.indicator_id), '0000-01-01');
END;
CREATE TRIGGER reading_revisions_in_order BEFORE INSERT ON reading_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM reading_revisions WHERE reading_id = NEW.reading_id), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM reading_revisions WHERE reading_id = NEW.reading_id), '0000-01-01');
END;
CREATE TRIGGER reference_value_revisions_in_order BEFORE INSERT ON reference_value_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM reference_value_revisions
                                        WHERE name = NEW.name AND year = NEW.year), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM reference_value_revisions
                                         WHERE name = NEW.name AND year = NEW.year), '0000-01-01');
END;

-- Append-only: no UPDATE or DELETE, whoever asks (the sqlite3 shell included).
CREATE TRIGGER import_batches_no_update BEFORE UPDATE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE TRIGGER import_batches_no_delete BEFORE DELETE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE TRIGGER members_no_update BEFORE UPDATE ON members
BEGIN SELECT RAISE(ABORT, 'members are append-only: amend with ''hallbar amend member'''); END;
CREATE TRIGGER members_no_delete BEFORE DELETE ON members
BEGIN SELECT RAISE(ABORT, 'members are append-only: amend with ''hallbar amend member'''); END;
CREATE TRIGGER member_revisions_no_update BEFORE UPDATE ON member_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER member_revisions_no_delete BEFORE DELETE ON member_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER borrowers_no_update BEFORE UPDATE ON borrowers
BEGIN SELECT RAISE(ABORT, 'borrowers are append-only: amend with ''hallbar amend borrower'''); END;
CREATE TRIGGER borrowers_no_delete BEFORE DELETE ON borrowers
BEGIN SELECT RAISE(ABORT, 'borrowers are append-only: amend with ''hallbar amend borrower'''); END;
CREATE TRIGGER borrower_revisions_no_update BEFORE UPDATE ON borrower_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER borrower_revisions_no_delete BEFORE DELETE ON borrower_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER projects_no_update BEFORE UPDATE ON projects
BEGIN SELECT RAISE(ABORT, 'project decisions are append-only: amend with ''hallbar amend project'''); END;
CREATE TRIGGER projects_no_delete BEFORE DELETE ON projects
BEGIN SELECT RAISE(ABORT, 'project decisions are append-only: amend with ''hallbar amend project'''); END;
CREATE TRIGGER project_revisions_no_update BEFORE UPDATE ON project_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER project_revisions_no_delete BEFORE DELETE ON project_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER loans_no_update BEFORE UPDATE ON loans
BEGIN SELECT RAISE(ABORT, 'loans are append-only: amend with ''hallbar amend loan'''); END;
CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans
BEGIN SELECT RAISE(ABORT, 'loans are append-only: amend with ''hallbar amend loan'''); END;
CREATE TRIGGER loan_revisions_no_update BEFORE UPDATE ON loan_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER loan_revisions_no_delete BEFORE DELETE ON loan_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with a reversal'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with a reversal'); END;
CREATE TRIGGER indicators_no_update BEFORE UPDATE ON indicators
BEGIN SELECT RAISE(ABORT, 'indicators are append-only: amend with ''hallbar amend indicator'''); END;
CREATE TRIGGER indicators_no_delete BEFORE DELETE ON indicators
BEGIN SELECT RAISE(ABORT, 'indicators are append-only: amend with ''hallbar amend indicator'''); END;
CREATE TRIGGER indicator_revisions_no_update BEFORE UPDATE ON indicator_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER indicator_revisions_no_delete BEFORE DELETE ON indicator_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER readings_no_update BEFORE UPDATE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only: amend with ''hallbar amend reading'''); END;
CREATE TRIGGER readings_no_delete BEFORE DELETE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only: amend with ''hallbar amend reading'''); END;
CREATE TRIGGER reading_revisions_no_update BEFORE UPDATE ON reading_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER reading_revisions_no_delete BEFORE DELETE ON reading_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER reference_values_no_update BEFORE UPDATE ON reference_values
BEGIN SELECT RAISE(ABORT, 'reference values are append-only: amend with ''hallbar amend reference'''); END;
CREATE TRIGGER reference_values_no_delete BEFORE DELETE ON reference_values
BEGIN SELECT RAISE(ABORT, 'reference values are append-only: amend with ''hallbar amend reference'''); END;
CREATE TRIGGER reference_value_revisions_no_update BEFORE UPDATE ON reference_value_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER reference_value_revisions_no_delete BEFORE DELETE ON reference_value_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER indicator_decisions_no_update BEFORE UPDATE ON indicator_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision'); END;
CREATE TRIGGER indicator_decisions_no_delete BEFORE DELETE ON indicator_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision'); END;
CREATE TRIGGER followup_approvals_no_update BEFORE UPDATE ON followup_approvals
BEGIN SELECT RAISE(ABORT, 'follow-up approvals are append-only: record a new revision'); END;
CREATE TRIGGER followup_approvals_no_delete BEFORE DELETE ON followup_approvals
BEGIN SELECT RAISE(ABORT, 'follow-up approvals are append-only: record a new revision'); END;
CREATE TRIGGER followup_approved_statuses_no_update BEFORE UPDATE ON followup_approved_statuses
BEGIN SELECT RAISE(ABORT, 'approved follow-up statuses are append-only'); END;
CREATE TRIGGER followup_approved_statuses_no_delete BEFORE DELETE ON followup_approved_statuses
BEGIN SELECT RAISE(ABORT, 'approved follow-up statuses are append-only'); END;
CREATE TRIGGER balance_assertions_no_update BEFORE UPDATE ON balance_assertions
BEGIN SELECT RAISE(ABORT, 'balance assertions are append-only'); END;
CREATE TRIGGER balance_assertions_no_delete BEFORE DELETE ON balance_assertions
BEGIN SELECT RAISE(ABORT, 'balance assertions are append-only'); END;
CREATE TRIGGER period_closes_no_update BEFORE UPDATE ON period_closes
BEGIN SELECT RAISE(ABORT, 'closes are append-only: reopen with ''hallbar reopen'''); END;
CREATE TRIGGER period_closes_no_delete BEFORE DELETE ON period_closes
BEGIN SELECT RAISE(ABORT, 'closes are append-only: reopen with ''hallbar reopen'''); END;
CREATE TRIGGER market_readings_no_update BEFORE UPDATE ON market_readings
BEGIN SELECT RAISE(ABORT, 'market readings are append-only'); END;
CREATE TRIGGER market_readings_no_delete BEFORE DELETE ON market_readings
BEGIN SELECT RAISE(ABORT, 'market readings are append-only'); END;
CREATE TRIGGER import_kinds_no_update BEFORE UPDATE ON import_kinds
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER import_kinds_no_delete BEFORE DELETE ON import_kinds
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER municipalities_no_update BEFORE UPDATE ON municipalities
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER municipalities_no_delete BEFORE DELETE ON municipalities
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER market_class_bounds_no_update BEFORE UPDATE ON market_class_bounds
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER market_class_bounds_no_delete BEFORE DELETE ON market_class_bounds
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER vacancy_2013_no_update BEFORE UPDATE ON vacancy_2013
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER vacancy_2013_no_delete BEFORE DELETE ON vacancy_2013
BEGIN SELECT RAISE(ABORT, 'reference data comes from the migrations'); END;
CREATE TRIGGER schema_migrations_no_update BEFORE UPDATE ON schema_migrations
BEGIN SELECT RAISE(ABORT, 'the migration history is append-only'); END;
CREATE TRIGGER schema_migrations_no_delete BEFORE DELETE ON schema_migrations
BEGIN SELECT RAISE(ABORT, 'the migration history is append-only'); END;

-- Every revision of every record, with the dates it is in force: valid_from inclusive,
-- valid_until exclusive (NULL: in force now). Revision 1 is the base row, in force from
-- the beginning (a project: from its decision date).
CREATE VIEW member_versions AS
SELECT m.org_no, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM member_revisions n WHERE n.org_no = m.org_no AND n.revision = 2) AS valid_until,
       m.name, m.municipality_code, NULL AS reason, m.recorded_at, m.recorded_by, m.batch_id, m.seq
FROM members m
UNION ALL
SELECT r.org_no, r.revision, r.effective_date,
       (SELECT n.effective_date FROM member_revisions n WHERE n.org_no = r.org_no AND n.revision = r.revision + 1),
       r.name, r.municipality_code, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM member_revisions r;

CREATE VIEW borrower_versions AS
SELECT b.org_no, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM borrower_revisions n WHERE n.org_no = b.org_no AND n.revision = 2) AS valid_until,
       b.name, b.owner_org_no, NULL AS reason, b.recorded_at, b.recorded_by, b.batch_id, b.seq
FROM borrowers b
UNION ALL
SELECT r.org_no, r.revision, r.effective_date,
       (SELECT n.effective_date FROM borrower_revisions n WHERE n.org_no = r.org_no AND n.revision = r.revision + 1),
       r.name, r.owner_org_no, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM borrower_revisions r;

CREATE VIEW project_versions AS
SELECT p.project_number, 1 AS revision, p.decision_date AS valid_from,
       (SELECT n.effective_date FROM project_revisions n WHERE n.project_number = p.project_number AND n.revision = 2) AS valid_until,
       p.programme, p.borrower_org_no, p.title, p.category, p.investment_type, p.approved_ore, p.decision_date, p.status,
       p.framework_version, p.total_cost_ore, p.req_practice_innovation_quality, p.req_systematic_work,
       p.req_defined_target_group, p.req_long_term, p.req_goals_and_evaluation, p.physical_investment,
       p.social_intervention, p.social_goals, NULL AS reason, p.recorded_at, p.recorded_by, p.batch_id, p.seq
FROM projects p
UNION ALL
SELECT r.project_number, r.revision, r.effective_date,
       (SELECT n.effective_date FROM project_revisions n WHERE n.project_number = r.project_number AND n.revision = r.revision + 1),
       p.programme, p.borrower_org_no, r.title, r.category, p.investment_type, r.approved_ore, p.decision_date, r.status,
       r.framework_version, r.total_cost_ore, p.req_practice_innovation_quality, p.req_systematic_work,
       p.req_defined_target_group, p.req_long_term, p.req_goals_and_evaluation, p.physical_investment,
       p.social_intervention, p.social_goals, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM project_revisions r JOIN projects p ON p.project_number = r.project_number;

CREATE VIEW loan_versions AS
SELECT l.loan_id, l.loan_number, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM loan_revisions n WHERE n.loan_id = l.loan_id AND n.revision = 2) AS valid_until,
       l.borrower_org_no, l.programme, l.project_number, l.green_bond_eligible, NULL AS reason,
       l.recorded_at, l.recorded_by, l.batch_id, l.seq
FROM loans l
UNION ALL
SELECT r.loan_id, l.loan_number, r.revision, r.effective_date,
       (SELECT n.effective_date FROM loan_revisions n WHERE n.loan_id = r.loan_id AND n.revision = r.revision + 1),
       r.borrower_org_no, r.programme, r.project_number, r.green_bond_eligible, r.reason,
       r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM loan_revisions r JOIN loans l ON l.loan_id = r.loan_id;

CREATE VIEW indicator_versions AS
SELECT i.indicator_id, i.project_number, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM indicator_revisions n WHERE n.indicator_id = i.indicator_id AND n.revision = 2) AS valid_until,
       i.area, i.goal, i.name, i.unit, i.direction, i.baseline_value, i.baseline_year, i.target, i.target_text,
       i.target_year, i.tolerance, NULL AS reason, i.recorded_at, i.recorded_by, i.batch_id, i.seq
FROM indicators i
UNION ALL
SELECT r.indicator_id, i.project_number, r.revision, r.effective_date,
       (SELECT n.effective_date FROM indicator_revisions n WHERE n.indicator_id = r.indicator_id AND n.revision = r.revision + 1),
       r.area, r.goal, r.name, r.unit, r.direction, r.baseline_value, r.baseline_year, r.target, r.target_text,
       r.target_year, r.tolerance, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM indicator_revisions r JOIN indicators i ON i.indicator_id = r.indicator_id;

CREATE VIEW reading_versions AS
SELECT g.reading_id, g.indicator_id, g.year, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM reading_revisions n WHERE n.reading_id = g.reading_id AND n.revision = 2) AS valid_until,
       g.value_text, g.value_kind, g.value_low, g.value_high, g.reason, g.recorded_at, g.recorded_by, g.batch_id, g.seq
FROM readings g
UNION ALL
SELECT r.reading_id, g.indicator_id, g.year, r.revision, r.effective_date,
       (SELECT n.effective_date FROM reading_revisions n WHERE n.reading_id = r.reading_id AND n.revision = r.revision + 1),
       r.value_text, r.value_kind, r.value_low, r.value_high, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM reading_revisions r JOIN readings g ON g.reading_id = r.reading_id;

CREATE VIEW reference_value_versions AS
SELECT v.name, v.year, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM reference_value_revisions n
        WHERE n.name = v.name AND n.year = v.year AND n.revision = 2) AS valid_until,
       v.value, NULL AS reason, v.recorded_at, v.recorded_by, v.batch_id, v.seq
FROM reference_values v
UNION ALL
SELECT r.name, r.year, r.revision, r.effective_date,
       (SELECT n.effective_date FROM reference_value_revisions n
        WHERE n.name = r.name AND n.year = r.year AND n.revision = r.revision + 1),
       r.value, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM reference_value_revisions r;

-- The revision of each record in force now (the latest: amendments never take effect in
-- the future).
CREATE VIEW members_current AS SELECT * FROM member_versions WHERE valid_until IS NULL;
CREATE VIEW borrowers_current AS SELECT * FROM borrower_versions WHERE valid_until IS NULL;
CREATE VIEW projects_current AS SELECT * FROM project_versions WHERE valid_until IS NULL;
CREATE VIEW loans_current AS SELECT * FROM loan_versions WHERE valid_until IS NULL;
CREATE VIEW indicators_current AS SELECT * FROM indicator_versions WHERE valid_until IS NULL;
CREATE VIEW readings_current AS SELECT * FROM reading_versions WHERE valid_until IS NULL;
CREATE VIEW reference_values_current AS SELECT * FROM reference_value_versions WHERE valid_until IS NULL;

-- The committee's decision in force for each indicator and year: the latest recorded.
CREATE VIEW indicator_decisions_in_force AS
SELECT d.* FROM indicator_decisions d
WHERE d.decision_id = (SELECT max(x.decision_id) FROM indicator_decisions x
                       WHERE x.indicator_id = d.indicator_id AND x.year = d.year);

-- Whether a period is closed now: the date it is closed through (NULL: none), and the
-- close that set it.
CREATE VIEW period_close_state AS
SELECT s.closed_through,
       (SELECT c.recorded_by FROM period_closes c WHERE c.action = 'close' AND c.through = s.closed_through
        ORDER BY c.close_id DESC LIMIT 1) AS closed_by,
       (SELECT c.recorded_at FROM period_closes c WHERE c.action = 'close' AND c.through = s.closed_through
        ORDER BY c.close_id DESC LIMIT 1) AS closed_at,
       (SELECT c.reason FROM period_closes c WHERE c.action = 'close' AND c.through = s.closed_through
        ORDER BY c.close_id DESC LIMIT 1) AS reason
FROM (SELECT (SELECT closed_through FROM period_closes ORDER BY close_id DESC LIMIT 1) AS closed_through) s;

-- Each loan's outstanding amount as of today (revision in force today).
CREATE VIEW outstanding_per_loan AS
SELECT l.loan_id, l.loan_number, l.programme, l.project_number, l.borrower_org_no, l.green_bond_eligible,
       coalesce((SELECT sum(e.balance_effect_ore) FROM ledger_entries e
                 WHERE e.loan_id = l.loan_id AND e.value_date <= date('now', 'localtime')), 0) AS outstanding_ore,
       date('now', 'localtime') AS as_of
FROM loans_current l;

-- Outstanding per programme (green, social, other) as of today.
CREATE VIEW outstanding_per_programme AS
SELECT programme, count(*) AS loans, sum(outstanding_ore) AS outstanding_ore, date('now', 'localtime') AS as_of
FROM outstanding_per_loan
GROUP BY programme;

-- Every ledger entry with its loan and reversal state (see 0002).
CREATE VIEW ledger_entries_with_reversal_state AS
SELECT e.entry_id, e.external_id, l.loan_number, e.loan_id, e.value_date, e.kind,
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

-- Approved against disbursed per project as of today, by the revisions in force today and
-- each entry counted on the project its loan financed on the entry's value date.
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
FROM projects_current p
JOIN borrowers_current b ON b.org_no = p.borrower_org_no
LEFT JOIN (
    SELECT l.project_number,
           sum(CASE WHEN e.kind = 'disbursement' THEN e.amount_ore
                    WHEN e.kind = 'reversal' AND e.balance_effect_ore < 0 THEN -e.amount_ore
                    ELSE 0 END) AS disbursed_ore,
           sum(e.balance_effect_ore) AS outstanding_ore
    FROM ledger_entries e
    JOIN loan_versions l ON l.loan_id = e.loan_id AND l.valid_from <= e.value_date
                        AND (l.valid_until IS NULL OR l.valid_until > e.value_date)
    WHERE l.project_number IS NOT NULL AND e.value_date <= date('now', 'localtime')
    GROUP BY l.project_number
) f ON f.project_number = p.project_number;

-- The statuses of each year's approved follow-up, latest revision only.
CREATE VIEW approved_followup_statuses AS
SELECT a.year, a.revision, a.approval_id, a.approved_on, a.recorded_by AS approved_by, a.ledger_head_hash,
       a.note, s.project_number, s.indicator_id, i.name AS indicator_name, i.area,
       s.baseline_text, s.previous_text, s.value_text, s.target_text, s.status, s.target_year_passed_unmet,
       s.met_by_decision
FROM followup_approvals a
JOIN followup_approved_statuses s ON s.approval_id = a.approval_id
LEFT JOIN indicators_current i ON i.indicator_id = s.indicator_id
WHERE a.revision = (SELECT max(x.revision) FROM followup_approvals x WHERE x.year = a.year);

-- Every balance assertion with the ledger's figure for the same lending and date (each
-- loan's programme as in force on that date), the difference and whether it holds.
CREATE VIEW balance_assertion_results AS
SELECT r.assertion_id, r.programme, r.as_of, r.expected_ore, r.tolerance_ore, r.actual_ore,
       r.actual_ore - r.expected_ore AS difference_ore,
       abs(r.actual_ore - r.expected_ore) <= r.tolerance_ore AS holds,
       r.note, r.recorded_at, r.recorded_by
FROM (
    SELECT a.*,
           (SELECT coalesce(sum(e.balance_effect_ore), 0)
            FROM ledger_entries e
            JOIN loan_versions l ON l.loan_id = e.loan_id AND l.valid_from <= a.as_of
                                AND (l.valid_until IS NULL OR l.valid_until > a.as_of)
            WHERE e.value_date <= a.as_of
              AND (a.programme = 'all' OR l.programme = a.programme
                   OR (a.programme = 'sustainable' AND l.programme IN ('green', 'social')))) AS actual_ore
    FROM balance_assertions a
) r;

-- The chain in the order hallbar wrote it: every chained row with its table, its key as
-- text, who and when (a frozen status: its approval's) and its link. `hallbar verify`
-- recomputes each link from the row before; docs/chain.md shows how to do it by hand.
CREATE VIEW ledger_chain AS
SELECT seq, 'import_batches' AS table_name, CAST(batch_id AS TEXT) AS row_key, recorded_at, recorded_by, chain_hash FROM import_batches
UNION ALL SELECT seq, 'members', org_no, recorded_at, recorded_by, chain_hash FROM members
UNION ALL SELECT seq, 'member_revisions', org_no || ' r' || revision, recorded_at, recorded_by, chain_hash FROM member_revisions
UNION ALL SELECT seq, 'borrowers', org_no, recorded_at, recorded_by, chain_hash FROM borrowers
UNION ALL SELECT seq, 'borrower_revisions', org_no || ' r' || revision, recorded_at, recorded_by, chain_hash FROM borrower_revisions
UNION ALL SELECT seq, 'projects', CAST(project_number AS TEXT), recorded_at, recorded_by, chain_hash FROM projects
UNION ALL SELECT seq, 'project_revisions', project_number || ' r' || revision, recorded_at, recorded_by, chain_hash FROM project_revisions
UNION ALL SELECT seq, 'loans', loan_number, recorded_at, recorded_by, chain_hash FROM loans
UNION ALL SELECT r.seq, 'loan_revisions', l.loan_number || ' r' || r.revision, r.recorded_at, r.recorded_by, r.chain_hash
          FROM loan_revisions r JOIN loans l ON l.loan_id = r.loan_id
UNION ALL SELECT entry_id, 'ledger_entries', external_id, recorded_at, recorded_by, chain_hash FROM ledger_entries
UNION ALL SELECT seq, 'indicators', indicator_id, recorded_at, recorded_by, chain_hash FROM indicators
UNION ALL SELECT seq, 'indicator_revisions', indicator_id || ' r' || revision, recorded_at, recorded_by, chain_hash FROM indicator_revisions
UNION ALL SELECT seq, 'readings', indicator_id || ' ' || year, recorded_at, recorded_by, chain_hash FROM readings
UNION ALL SELECT r.seq, 'reading_revisions', g.indicator_id || ' ' || g.year || ' r' || r.revision, r.recorded_at, r.recorded_by,
          r.chain_hash FROM reading_revisions r JOIN readings g ON g.reading_id = r.reading_id
UNION ALL SELECT seq, 'reference_values', name || ' ' || year, recorded_at, recorded_by, chain_hash FROM reference_values
UNION ALL SELECT seq, 'reference_value_revisions', name || ' ' || year || ' r' || revision, recorded_at, recorded_by, chain_hash
          FROM reference_value_revisions
UNION ALL SELECT seq, 'indicator_decisions', CAST(decision_id AS TEXT), recorded_at, recorded_by, chain_hash FROM indicator_decisions
UNION ALL SELECT seq, 'followup_approvals', CAST(approval_id AS TEXT), recorded_at, recorded_by, chain_hash FROM followup_approvals
UNION ALL SELECT s.seq, 'followup_approved_statuses', s.approval_id || ' ' || s.indicator_id, a.recorded_at, a.recorded_by,
          s.chain_hash FROM followup_approved_statuses s JOIN followup_approvals a ON a.approval_id = s.approval_id
UNION ALL SELECT seq, 'balance_assertions', CAST(assertion_id AS TEXT), recorded_at, recorded_by, chain_hash FROM balance_assertions
UNION ALL SELECT seq, 'period_closes', CAST(close_id AS TEXT), recorded_at, recorded_by, chain_hash FROM period_closes
UNION ALL SELECT seq, 'market_readings', municipality_code || ' ' || year || ' ' || basis, recorded_at, recorded_by, chain_hash
          FROM market_readings;
