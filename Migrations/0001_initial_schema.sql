-- 0001: the ledger's tables.
--
-- Conventions (see docs/schema.md):
-- * Money is INTEGER öre (1 krona = 100 öre), in columns ending in _ore.
-- * Dates are TEXT 'YYYY-MM-DD' and must be real dates: CHECK (x = date(x, '+0 days')).
--   (the modifier makes SQLite normalise '2024-02-30' to '2024-03-01', so a date that does not exist fails).
-- * Timestamps are TEXT UTC 'YYYY-MM-DDTHH:MM:SS.SSSZ' (recorded_at).
-- * Every row a user writes carries who (recorded_by) and when (recorded_at), and the
--   import batch it came with (NULL for single records typed at the command line).
-- * Exact decimals that are not money (indicator values, targets) are TEXT in a
--   canonical form ('86.5', '-3', '0.25'): never floating point.
-- * Ledger entries, readings, project decisions and follow-up approvals are
--   append-only: triggers refuse UPDATE and DELETE, also from the sqlite3 shell.
--   Each such row carries chain_hash = SHA-256(previous row's chain_hash || the row's
--   canonical encoding), documented in docs/chain.md, so a quiet change is visible.
-- * A CHECK on a list of three or more values is written as an OR-chain of equalities
--   (x = 'a' OR x = 'b' OR x = 'c'), never x IN ('a', 'b', 'c'): the same meaning (NULL
--   passes either way), but SQLite codes an IN list of three or more constants as a
--   temporary b-tree built and dropped on every statement execution and every trigger
--   run, a cost paid per inserted row (docs/performance.md). Lists of two stay IN
--   (SQLite compares those directly).

-- One row per imported file (or per seed file): what came in, and what it did.
CREATE TABLE import_batches (
    batch_id          INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind = 'members' OR kind = 'borrowers' OR kind = 'projects'
                                           OR kind = 'loans' OR kind = 'entries' OR kind = 'indicators'
                                           OR kind = 'readings' OR kind = 'references' OR kind = 'market'),
    file_name         TEXT NOT NULL CHECK (length(file_name) > 0),
    file_sha256       TEXT NOT NULL CHECK (length(file_sha256) = 64 AND file_sha256 NOT GLOB '*[^0-9a-f]*'),
    rows_in_file      INTEGER NOT NULL CHECK (rows_in_file >= 0),
    rows_new          INTEGER NOT NULL CHECK (rows_new >= 0),
    rows_already_present INTEGER NOT NULL CHECK (rows_already_present >= 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    CHECK (rows_new + rows_already_present = rows_in_file)
) STRICT;

-- Members of the cooperative: municipalities and regions.
CREATE TABLE members (
    org_no            TEXT PRIMARY KEY
                      CHECK (org_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    municipality_code TEXT CHECK (municipality_code IS NULL OR municipality_code GLOB '[0-2][0-9][0-9][0-9]'),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id)
) STRICT;

-- Borrowers: a member itself (owner_org_no = org_no) or a company a member owns.
CREATE TABLE borrowers (
    org_no            TEXT PRIMARY KEY
                      CHECK (org_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    owner_org_no      TEXT NOT NULL REFERENCES members (org_no),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id)
) STRICT;
CREATE INDEX borrowers_by_owner ON borrowers (owner_org_no);

-- Projects and the committee's decision on each (append-only, chained).
-- Social: category is one of the three social categories; investment_type 1 = a physical
-- investment with a linked social intervention, 2 = a physical investment that itself
-- qualifies as the social intervention; the five basic requirements (grundkrav) are
-- recorded as assessed (1) or not assessed (0).
-- Green: category is one of the eight categories of the green bond framework, and
-- framework_version names the criteria the Green Bonds Environmental Committee applied.
CREATE TABLE projects (
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

-- Loan agreements. Green and social loans finance a project of the same programme;
-- other (standard) lending finances none. green_bond_eligible: 1 when a green loan is
-- in the green bond eligible pool, 0 when it is not (compliance measures in progress).
CREATE TABLE loans (
    loan_id           INTEGER PRIMARY KEY,
    loan_number       TEXT NOT NULL UNIQUE CHECK (length(trim(loan_number)) > 0),
    borrower_org_no   TEXT NOT NULL REFERENCES borrowers (org_no),
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'),
    project_number    INTEGER REFERENCES projects (project_number),
    green_bond_eligible INTEGER,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    CHECK ((programme = 'other') = (project_number IS NULL)),
    CHECK ((programme = 'green' AND green_bond_eligible IN (0, 1))
        OR (programme <> 'green' AND green_bond_eligible IS NULL))
) STRICT;
CREATE INDEX loans_by_borrower ON loans (borrower_org_no);
CREATE INDEX loans_by_project ON loans (project_number);

CREATE TRIGGER loans_programme_matches_project
BEFORE INSERT ON loans
WHEN NEW.project_number IS NOT NULL
 AND NEW.programme IS NOT (SELECT programme FROM projects WHERE project_number = NEW.project_number)
BEGIN
    SELECT RAISE(ABORT, 'a loan''s programme must match its project''s programme');
END;

-- Disbursements and repayments (append-only, chained). A mistake is corrected by a
-- reversal: an entry of kind 'reversal' that points at the entry it cancels, on the
-- same loan, with the same value date and amount and the opposite balance effect, so
-- that a sum of balance_effect_ore up to any date leaves reversed entries out.
CREATE TABLE ledger_entries (
    entry_id          INTEGER PRIMARY KEY,
    external_id       TEXT NOT NULL UNIQUE CHECK (length(trim(external_id)) > 0),
    loan_id           INTEGER NOT NULL REFERENCES loans (loan_id),
    value_date        TEXT NOT NULL CHECK (value_date = date(value_date, '+0 days')),
    kind              TEXT NOT NULL CHECK (kind = 'disbursement' OR kind = 'repayment' OR kind = 'reversal'),
    amount_ore        INTEGER NOT NULL CHECK (amount_ore > 0),
    balance_effect_ore INTEGER NOT NULL,
    reverses_entry_id INTEGER UNIQUE REFERENCES ledger_entries (entry_id),
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
-- Covering index: a loan's balance at any date is one range scan.
CREATE INDEX ledger_entries_by_loan_date ON ledger_entries (loan_id, value_date, balance_effect_ore);

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

CREATE TRIGGER ledger_entries_no_entry_on_rejected_project
BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'disbursement'
 AND EXISTS (SELECT 1 FROM loans l JOIN projects p ON p.project_number = l.project_number
             WHERE l.loan_id = NEW.loan_id AND (p.status = 'rejected' OR p.status = 'withdrawn'))
BEGIN
    SELECT RAISE(ABORT, 'no disbursement on a loan whose project was rejected or withdrawn');
END;

-- The measured outcomes of a social project. target is the canonical expression of the
-- grammar in docs/schema.md ('>=90', '200-400', 'increasing', 'ref>=riket', 'text:...');
-- target_text is the target as written for display ('90 (2025)', '≤20%').
CREATE TABLE indicators (
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
    tolerance         TEXT NOT NULL DEFAULT '0',
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id)
) STRICT;
CREATE INDEX indicators_by_project ON indicators (project_number);

-- An indicator's value for a year (append-only, chained): value_text as reported
-- ('86,5', '97-98 %', 'Ja'); value_kind says how it is judged; value_low/value_high are
-- the canonical number (both equal) or range bounds, NULL for text.
-- met_by_decision = 1 records that the committee secretary judged a text reading as
-- meeting its target (with decision_by and decision_note).
CREATE TABLE readings (
    reading_id        INTEGER PRIMARY KEY,
    indicator_id      TEXT NOT NULL REFERENCES indicators (indicator_id),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value_text        TEXT NOT NULL CHECK (length(trim(value_text)) > 0),
    value_kind        TEXT NOT NULL CHECK (value_kind = 'number' OR value_kind = 'range' OR value_kind = 'text'),
    value_low         TEXT,
    value_high        TEXT,
    met_by_decision   INTEGER NOT NULL DEFAULT 0 CHECK (met_by_decision IN (0, 1)),
    decision_note     TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (indicator_id, year),
    CHECK ((value_kind = 'text') = (value_low IS NULL AND value_high IS NULL)),
    CHECK (met_by_decision = 0 OR value_kind = 'text')
) STRICT;

-- Named yearly series that comparative targets refer to ('riket': the national average).
CREATE TABLE reference_values (
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value             TEXT NOT NULL,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    PRIMARY KEY (name, year)
) STRICT;

-- The committee's approval of a year's follow-up (append-only, chained). A correction is
-- a new revision of the same year. ledger_head_hash is the chain head when approved, so
-- cutting rows off the end of the ledger is detectable against it.
CREATE TABLE followup_approvals (
    approval_id       INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    revision          INTEGER NOT NULL CHECK (revision >= 1),
    approved_on       TEXT NOT NULL CHECK (approved_on = date(approved_on, '+0 days')),
    rule_version      TEXT NOT NULL,
    ledger_head_hash  TEXT NOT NULL,
    note              TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (year, revision)
) STRICT;

-- The statuses frozen by an approval: one row per indicator, as the report showed them.
CREATE TABLE followup_approved_statuses (
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
    PRIMARY KEY (approval_id, indicator_id)
) STRICT;

-- Expected balances (from an annual report, the core system): verify checks each.
CREATE TABLE balance_assertions (
    assertion_id      INTEGER PRIMARY KEY,
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social' OR programme = 'other'
                                           OR programme = 'sustainable' OR programme = 'all'),
    as_of             TEXT NOT NULL CHECK (as_of = date(as_of, '+0 days')),
    expected_ore      INTEGER NOT NULL CHECK (expected_ore >= 0),
    tolerance_ore     INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_ore >= 0),
    note              TEXT,
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0)
) STRICT;

-- Append-only: no UPDATE or DELETE, whoever asks (the sqlite3 shell included).
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with a reversal'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with a reversal'); END;
CREATE TRIGGER readings_no_update BEFORE UPDATE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER readings_no_delete BEFORE DELETE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are append-only'); END;
CREATE TRIGGER projects_no_update BEFORE UPDATE ON projects
BEGIN SELECT RAISE(ABORT, 'project decisions are append-only'); END;
CREATE TRIGGER projects_no_delete BEFORE DELETE ON projects
BEGIN SELECT RAISE(ABORT, 'project decisions are append-only'); END;
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
CREATE TRIGGER import_batches_no_update BEFORE UPDATE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
CREATE TRIGGER import_batches_no_delete BEFORE DELETE ON import_batches
BEGIN SELECT RAISE(ABORT, 'import batches are append-only'); END;
