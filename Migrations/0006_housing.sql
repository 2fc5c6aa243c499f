-- 0006: housing-company figures for Boverket's support-need model (SOU 2015:58, appendix 3;
-- domain.md, "Support need on very weak markets"; `hallbar import housing`, `report support`).
--
-- housing_company_years            one borrower's figures for one year (revision 1), with its
--                                  municipality's population, forecast and taxes and grants, as
--                                  the columns of `import housing` give them. Amounts in öre, the
--                                  operating costs in öre per m² and year, areas in whole m².
-- housing_company_year_revisions   corrections (revision 2, 3 …: `import housing --amend`,
--                                  `hallbar amend housing`), each with its reason, who, when and
--                                  the date it takes effect, like the revisions of 0004.
-- housing_company_year_versions    every revision with valid_from / valid_until (0004's pattern).
-- housing_company_years_current    the revision in force now.
--
-- Both tables are links of the one chain of 0004 (seq first, chain_hash last; docs/chain.md) and
-- append-only. The CHECKs repeat the rules of the import (HousingCompanyYear): at least one
-- apartment, vacancies within the stock, a floor area, no negative count or amount except equity,
-- a forecast year not before the year. This migration depends on 0004 only.

CREATE TABLE housing_company_years (
    seq                   INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    borrower_org_no       TEXT NOT NULL REFERENCES borrowers (org_no),
    year                  INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    apartments            INTEGER NOT NULL CHECK (apartments >= 1),
    vacant_apartments     INTEGER NOT NULL CHECK (vacant_apartments >= 0),
    area_m2               INTEGER NOT NULL CHECK (area_m2 > 0),
    book_value_ore        INTEGER NOT NULL CHECK (book_value_ore >= 0),
    equity_ore            INTEGER NOT NULL,
    untaxed_reserves_ore  INTEGER NOT NULL CHECK (untaxed_reserves_ore >= 0),
    total_assets_ore      INTEGER NOT NULL CHECK (total_assets_ore >= 0),
    om_cost_ore_per_m2    INTEGER NOT NULL CHECK (om_cost_ore_per_m2 >= 0),
    om_norm_ore_per_m2    INTEGER NOT NULL CHECK (om_norm_ore_per_m2 >= 0),
    rent_income_ore       INTEGER NOT NULL CHECK (rent_income_ore >= 0),
    population            INTEGER NOT NULL CHECK (population >= 0),
    population_forecast   INTEGER NOT NULL CHECK (population_forecast >= 0),
    forecast_year         INTEGER NOT NULL CHECK (forecast_year BETWEEN 1900 AND 2200),
    taxes_and_grants_ore  INTEGER NOT NULL CHECK (taxes_and_grants_ore >= 0),
    recorded_at           TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by           TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id              INTEGER REFERENCES import_batches (batch_id),
    chain_hash            BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (borrower_org_no, year),
    CHECK (vacant_apartments <= apartments),
    CHECK (forecast_year >= year)
) STRICT;
CREATE INDEX housing_company_years_by_year ON housing_company_years (year, borrower_org_no);

CREATE TABLE housing_company_year_revisions (
    seq                   INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    borrower_org_no       TEXT NOT NULL,
    year                  INTEGER NOT NULL,
    revision              INTEGER NOT NULL CHECK (revision >= 2),
    effective_date        TEXT NOT NULL CHECK (effective_date = date(effective_date, '+0 days')),
    apartments            INTEGER NOT NULL CHECK (apartments >= 1),
    vacant_apartments     INTEGER NOT NULL CHECK (vacant_apartments >= 0),
    area_m2               INTEGER NOT NULL CHECK (area_m2 > 0),
    book_value_ore        INTEGER NOT NULL CHECK (book_value_ore >= 0),
    equity_ore            INTEGER NOT NULL,
    untaxed_reserves_ore  INTEGER NOT NULL CHECK (untaxed_reserves_ore >= 0),
    total_assets_ore      INTEGER NOT NULL CHECK (total_assets_ore >= 0),
    om_cost_ore_per_m2    INTEGER NOT NULL CHECK (om_cost_ore_per_m2 >= 0),
    om_norm_ore_per_m2    INTEGER NOT NULL CHECK (om_norm_ore_per_m2 >= 0),
    rent_income_ore       INTEGER NOT NULL CHECK (rent_income_ore >= 0),
    population            INTEGER NOT NULL CHECK (population >= 0),
    population_forecast   INTEGER NOT NULL CHECK (population_forecast >= 0),
    forecast_year         INTEGER NOT NULL CHECK (forecast_year BETWEEN 1900 AND 2200),
    taxes_and_grants_ore  INTEGER NOT NULL CHECK (taxes_and_grants_ore >= 0),
    reason                TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at           TEXT NOT NULL CHECK (julianday(recorded_at) IS NOT NULL),
    recorded_by           TEXT NOT NULL CHECK (length(recorded_by) > 0),
    batch_id              INTEGER REFERENCES import_batches (batch_id),
    chain_hash            BLOB NOT NULL CHECK (length(chain_hash) = 32),
    PRIMARY KEY (borrower_org_no, year, revision),
    FOREIGN KEY (borrower_org_no, year) REFERENCES housing_company_years (borrower_org_no, year),
    CHECK (vacant_apartments <= apartments),
    CHECK (forecast_year >= year)
) STRICT;

CREATE TRIGGER housing_company_year_revisions_in_order BEFORE INSERT ON housing_company_year_revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are numbered in order and take effect in order')
    WHERE NEW.revision <> 1 + coalesce((SELECT max(revision) FROM housing_company_year_revisions
                                        WHERE borrower_org_no = NEW.borrower_org_no AND year = NEW.year), 1)
       OR NEW.effective_date < coalesce((SELECT max(effective_date) FROM housing_company_year_revisions
                                         WHERE borrower_org_no = NEW.borrower_org_no AND year = NEW.year), '0000-01-01');
END;

CREATE TRIGGER housing_company_years_no_update BEFORE UPDATE ON housing_company_years
BEGIN SELECT RAISE(ABORT, 'housing figures are append-only: amend with ''hallbar import housing --amend'' or ''hallbar amend housing'''); END;
CREATE TRIGGER housing_company_years_no_delete BEFORE DELETE ON housing_company_years
BEGIN SELECT RAISE(ABORT, 'housing figures are append-only: amend with ''hallbar import housing --amend'' or ''hallbar amend housing'''); END;
CREATE TRIGGER housing_company_year_revisions_no_update BEFORE UPDATE ON housing_company_year_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;
CREATE TRIGGER housing_company_year_revisions_no_delete BEFORE DELETE ON housing_company_year_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are append-only: record a new revision'); END;

CREATE VIEW housing_company_year_versions AS
SELECT h.borrower_org_no, h.year, 1 AS revision, '0000-01-01' AS valid_from,
       (SELECT n.effective_date FROM housing_company_year_revisions n
        WHERE n.borrower_org_no = h.borrower_org_no AND n.year = h.year AND n.revision = 2) AS valid_until,
       h.apartments, h.vacant_apartments, h.area_m2, h.book_value_ore, h.equity_ore, h.untaxed_reserves_ore,
       h.total_assets_ore, h.om_cost_ore_per_m2, h.om_norm_ore_per_m2, h.rent_income_ore, h.population,
       h.population_forecast, h.forecast_year, h.taxes_and_grants_ore,
       NULL AS reason, h.recorded_at, h.recorded_by, h.batch_id, h.seq
FROM housing_company_years h
UNION ALL
SELECT r.borrower_org_no, r.year, r.revision, r.effective_date,
       (SELECT n.effective_date FROM housing_company_year_revisions n
        WHERE n.borrower_org_no = r.borrower_org_no AND n.year = r.year AND n.revision = r.revision + 1),
       r.apartments, r.vacant_apartments, r.area_m2, r.book_value_ore, r.equity_ore, r.untaxed_reserves_ore,
       r.total_assets_ore, r.om_cost_ore_per_m2, r.om_norm_ore_per_m2, r.rent_income_ore, r.population,
       r.population_forecast, r.forecast_year, r.taxes_and_grants_ore,
       r.reason, r.recorded_at, r.recorded_by, r.batch_id, r.seq
FROM housing_company_year_revisions r;

CREATE VIEW housing_company_years_current AS SELECT * FROM housing_company_year_versions WHERE valid_until IS NULL;

INSERT INTO import_kinds (kind, description) VALUES
    ('housing', 'housing-company figures for the support-need model (SOU 2015:58, appendix 3)');

-- The chain view of 0005 with the two tables above (a later migration that adds chained
-- tables recreates it the same way).
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
          chain_hash FROM emission_factor_revisions
UNION ALL SELECT seq, 'housing_company_years', borrower_org_no || ' ' || year, recorded_at, recorded_by, chain_hash
          FROM housing_company_years
UNION ALL SELECT seq, 'housing_company_year_revisions', borrower_org_no || ' ' || year || ' r' || revision, recorded_at,
          recorded_by, chain_hash FROM housing_company_year_revisions;
