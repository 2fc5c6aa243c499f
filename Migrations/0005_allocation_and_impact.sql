-- 0005: allocation and impact (domain.md, "Allocation and impact"; cli.md, "Second round").
--
-- Three kinds of record join the one chain of 0004, each amendable by revision like the
-- records of 0004 (base table = revision 1, *_revisions = revisions 2, 3 …, views
-- *_versions with valid_from inclusive and valid_until exclusive, *_current):
-- * bonds: a green or social bond (ISIN, programme, issue and maturity date, nominal in
--   SEK öre; a foreign-currency bond keeps its currency and original nominal). Outstanding
--   on D: issued on or before D and maturing after D. `report allocation` sets the bonds
--   outstanding against the eligible pool.
-- * impact_metrics: a green project's annual effect for a year, expected or actual, in the
--   fixed vocabulary of domain.md. `report impact` attributes them by share financed.
-- * emission_factors: the electricity factor in g CO2e per kWh from a date on (the import
--   column `valid_from` is stored as `applies_from`, because `valid_from` in the versions
--   views is the date a revision takes effect).
-- Decimal values (metric values, factors) are exact decimal text in canonical form
-- ("41250.5"), as indicator values are; no REAL anywhere.

INSERT INTO import_kinds (kind, description) VALUES
    ('bonds', 'green and social bonds'),
    ('metrics', 'annual impact metrics of green projects'),
    ('factors', 'emission factors (electricity, g CO2e per kWh)');

-- Bonds (revision 1). amount_original_minor: the nominal in hundredths of `currency`
-- (cents for USD) for a bond not issued in SEK; both NULL for a SEK bond.
CREATE TABLE bonds (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    isin              TEXT PRIMARY KEY
                      CHECK (isin GLOB '[A-Z][A-Z][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][0-9]'),
    programme         TEXT NOT NULL CHECK (programme = 'green' OR programme = 'social'),
    issue_date        TEXT NOT NULL CHECK (issue_date = date(issue_date, '+0 days')),
    maturity_date     TEXT NOT NULL CHECK (maturity_date = date(maturity_date, '+0 days')),
    amount_ore        INTEGER NOT NULL CHECK (amount_ore > 0),
    currency          TEXT CHECK (currency IS NULL OR currency GLOB '[A-Z][A-Z][A-Z]'),
    amount_original_minor INTEGER CHECK (amount_original_minor IS NULL OR amount_original_minor > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    CHECK (maturity_date > issue_date),
    CHECK ((currency IS NULL) = (amount_original_minor IS NULL))
) STRICT;

-- A bond's later revisions (a corrected date or amount, a partial buy-back, a tap): the
-- programme never changes.
CREATE TABLE bond_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    isin              TEXT NOT NULL REFERENCES bonds (isin),
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    issue_date        TEXT NOT NULL CHECK (issue_date = date(issue_date, '+0 days')),
    maturity_date     TEXT NOT NULL CHECK (maturity_date = date(maturity_date, '+0 days')),
    amount_ore        INTEGER NOT NULL CHECK (amount_ore > 0),
    currency          TEXT CHECK (currency IS NULL OR currency GLOB '[A-Z][A-Z][A-Z]'),
    amount_original_minor INTEGER CHECK (amount_original_minor IS NULL OR amount_original_minor > 0),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (isin, revision),
    CHECK (maturity_date > issue_date),
    CHECK ((currency IS NULL) = (amount_original_minor IS NULL))
) STRICT;

-- A green project's annual effect for a year (revision 1): the metric's value in its unit
-- (domain.md's vocabulary), expected (ex ante) or actual (ex post), exact decimal text.
CREATE TABLE impact_metrics (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    project_number    INTEGER NOT NULL REFERENCES projects (project_number),
    year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    metric            TEXT NOT NULL CHECK (metric IN ('ghg_avoided_tco2e', 'ghg_reduced_tco2e', 'energy_saved_mwh',
                                           'renewable_generation_mwh', 'renewable_capacity_mw', 'certified_floor_area_m2',
                                           'water_treated_m3', 'waste_recycled_t')),
    basis             TEXT NOT NULL CHECK (basis = 'expected' OR basis = 'actual'),
    value             TEXT NOT NULL CHECK (length(value) > 0 AND value NOT GLOB '*[^0-9.]*'),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (project_number, year, metric, basis)
) STRICT;
CREATE INDEX impact_metrics_by_year ON impact_metrics (year, project_number);

CREATE TABLE impact_metric_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    project_number    INTEGER NOT NULL,
    year              INTEGER NOT NULL,
    metric            TEXT NOT NULL,
    basis             TEXT NOT NULL,
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    value             TEXT NOT NULL CHECK (length(value) > 0 AND value NOT GLOB '*[^0-9.]*'),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (project_number, year, metric, basis, revision),
    FOREIGN KEY (project_number, year, metric, basis) REFERENCES impact_metrics (project_number, year, metric, basis)
) STRICT;

-- An emission factor from a date on (revision 1): grams of CO2e per kWh (exact decimal
-- text) and where the figure comes from.
CREATE TABLE emission_factors (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    name              TEXT NOT NULL CHECK (name = 'electricity'),
    applies_from      TEXT NOT NULL CHECK (applies_from = date(applies_from, '+0 days')),
    g_per_kwh         TEXT NOT NULL CHECK (length(g_per_kwh) > 0 AND g_per_kwh NOT GLOB '*[^0-9.]*'),
    source            TEXT NOT NULL CHECK (length(trim(source)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (name, applies_from)
) STRICT;

CREATE TABLE emission_factor_revisions (
    seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    name              TEXT NOT NULL,
    applies_from      TEXT NOT NULL,
    revision          INTEGER NOT NULL CHECK (revision >= 2),
    effective_date    TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    g_per_kwh         TEXT NOT NULL CHECK (length(g_per_kwh) > 0 AND g_per_kwh NOT GLOB '*[^0-9.]*'),
    source            TEXT NOT NULL CHECK (length(trim(source)) > 0),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at       TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by       TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id          INTEGER REFERENCES import_batches (batch_id),
    chain_hash        BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (name, applies_from, revision),
    FOREIGN KEY (name, applies_from) REFERENCES emission_factors (name, applies_from)
) STRICT;

-- Impact metrics belong to green projects.
CREATE TRIGGER impact_metrics_on_green_projects BEFORE INSERT ON impact_metrics
WHEN (SELECT programme FROM projects WHERE project_number = NEW.project_number) IS NOT 'green'
BEGIN
    SELECT RAISE(ABORT, 'impact metrics belong to green projects');
END;

-- Revisions are numbered 2, 3 … without gaps, each taking effect no earlier than the one before.
CREATE TRIGGER bond_revisions_in_order BEFORE INSERT ON bond_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM bond_revisions WHERE isin = NEW.isin), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM bond_revisions WHERE isin = NEW.isin), '0000-01-01');
END;
CREATE TRIGGER impact_metric_revisions_in_order BEFORE INSERT ON impact_metric_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM impact_metric_revisions
                                        WHERE project_number = NEW.project_number AND year = NEW.year
                                          AND metric = NEW.metric AND basis = NEW.basis), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM impact_metric_revisions
                                         WHERE project_number = NEW.project_number AND year = NEW.year
                                           AND metric = NEW.metric AND basis = NEW.basis), '0000-01-01');
END;
CREATE TRIGGER emission_factor_revisions_in_order BEFORE INSERT ON emission_factor_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM emission_factor_revisions
                                        WHERE name = NEW.name AND applies_from = NEW.applies_from), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM emission_factor_revisions
                                         WHERE name = NEW.name AND applies_from = NEW.applies_from), '0000-01-01');
END;

-- Append-only: no UPDATE or DELETE, whoever asks.
CREATE TRIGGER bonds_no_update BEFORE UPDATE ON bonds
BEGIN SELECT RAISE(ABORT, 'bonds are append-only: amend with ''hallbar amend bond'''); END;
CREATE TRIGGER bonds_no_delete BEFORE DELETE ON bonds
BEGIN SELECT RAISE(ABORT, 'bonds are append-only: amend with ''hallbar amend bond'''); END;
CREATE TRIGGER bond_revisions_no_update BEFORE UPDATE ON bond_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER bond_revisions_no_delete BEFORE DELETE ON bond_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER impact_metrics_no_update BEFORE UPDATE ON impact_metrics
BEGIN SELECT RAISE(ABORT, 'impact metrics are append-only: amend with ''hallbar amend metric'''); END;
CREATE TRIGGER impact_metrics_no_delete BEFORE DELETE ON impact_metrics
BEGIN SELECT RAISE(ABORT, 'impact metrics are append-only: amend with ''hallbar amend metric'''); END;
CREATE TRIGGER impact_metric_revisions_no_update BEFORE UPDATE ON impact_metric_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER impact_metric_revisions_no_delete BEFORE DELETE ON impact_metric_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER emission_factors_no_update BEFORE UPDATE ON emission_factors
BEGIN SELECT RAISE(ABORT, 'emission factors are append-only: amend with ''hallbar amend factor'''); END;
CREATE TRIGGER emission_factors_no_delete BEFORE DELETE ON emission_factors
BEGIN SELECT RAISE(ABORT, 'emission factors are append-only: amend with ''hallbar amend factor'''); END;
CREATE TRIGGER emission_factor_revisions_no_update BEFORE UPDATE ON emission_factor_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER emission_factor_revisions_no_delete BEFORE DELETE ON emission_factor_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;

-- Every revision with the dates it is in force (valid_from inclusive, valid_until
-- exclusive, NULL: in force now); revision 1 is in force from the beginning.
CREATE VIEW bond_versions AS
SELECT b.isin, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM bond_revisions n WHERE n.isin = b.isin AND n.revision = 2) AS valid_until,
       b.programme, b.issue_date, b.maturity_date, b.amount_ore, b.currency, b.amount_original_minor,
       NULL AS reason, b.recorded_at, b.recorded_by, b.batch_id, b.seq
FROM bonds b
UNION ALL
SELECT r.isin, r.revision, r.effective_date,
       (SELECT n.effective_date FROM bond_revisions n WHERE n.isin = r.isin AND n.revision = r.revision + 1),
       b.programme, r.issue_date, r.maturity_date, r.amount_ore, r.currency, r.amount_original_minor,
       r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM bond_revisions r JOIN bonds b ON b.isin = r.isin;

CREATE VIEW impact_metric_versions AS
SELECT m.project_number, m.year, m.metric, m.basis, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM impact_metric_revisions n
        WHERE n.project_number = m.project_number AND n.year = m.year AND n.metric = m.metric AND n.basis = m.basis
          AND n.revision = 2) AS valid_until,
       m.value, NULL AS reason, m.recorded_at, m.recorded_by, m.batch_id, m.seq
FROM impact_metrics m
UNION ALL
SELECT r.project_number, r.year, r.metric, r.basis, r.revision, r.effective_date,
       (SELECT n.effective_date FROM impact_metric_revisions n
        WHERE n.project_number = r.project_number AND n.year = r.year AND n.metric = r.metric AND n.basis = r.basis
          AND n.revision = r.revision + 1),
       r.value, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM impact_metric_revisions r;

CREATE VIEW emission_factor_versions AS
SELECT f.name, f.applies_from, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM emission_factor_revisions n
        WHERE n.name = f.name AND n.applies_from = f.applies_from AND n.revision = 2) AS valid_until,
       f.g_per_kwh, f.source, NULL AS reason, f.recorded_at, f.recorded_by, f.batch_id, f.seq
FROM emission_factors f
UNION ALL
SELECT r.name, r.applies_from, r.revision, r.effective_date,
       (SELECT n.effective_date FROM emission_factor_revisions n
        WHERE n.name = r.name AND n.applies_from = r.applies_from AND n.revision = r.revision + 1),
       r.g_per_kwh, r.source, r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM emission_factor_revisions r;

CREATE VIEW bonds_current AS SELECT * FROM bond_versions WHERE valid_until IS NULL;
CREATE VIEW impact_metrics_current AS SELECT * FROM impact_metric_versions WHERE valid_until IS NULL;
CREATE VIEW emission_factors_current AS SELECT * FROM emission_factor_versions WHERE valid_until IS NULL;

-- The chain in the order hallbar wrote it (0004's view with the new tables).
DROP VIEW ledger_chain;
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
          FROM market_readings
UNION ALL SELECT seq, 'bonds', isin, recorded_at, recorded_by, chain_hash FROM bonds
UNION ALL SELECT seq, 'bond_revisions', isin || ' r' || revision, recorded_at, recorded_by, chain_hash FROM bond_revisions
UNION ALL SELECT seq, 'impact_metrics', project_number || ' ' || year || ' ' || metric || ' ' || basis, recorded_at, recorded_by,
          chain_hash FROM impact_metrics
UNION ALL SELECT seq, 'impact_metric_revisions', project_number || ' ' || year || ' ' || metric || ' ' || basis || ' r' || revision,
          recorded_at, recorded_by, chain_hash FROM impact_metric_revisions
UNION ALL SELECT seq, 'emission_factors', name || ' ' || applies_from, recorded_at, recorded_by, chain_hash FROM emission_factors
UNION ALL SELECT seq, 'emission_factor_revisions', name || ' ' || applies_from || ' r' || revision, recorded_at, recorded_by,
          chain_hash FROM emission_factor_revisions;
