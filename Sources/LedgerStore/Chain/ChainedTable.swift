import Ledger
import SQLite

/// Every table whose rows are links of the ledger's one hash chain, with exactly which
/// columns each link covers. This is the one place that lists a chained table's columns:
/// the writers (`ChainAppender`), the migration step that links old ledgers (`Rechain`)
/// and `verify` (`ChainWalk`) all derive their SQL from it, and a test compares it with
/// the schema the migrations create.
///
/// A chained table's first column is its place in the chain (`seq`; in `ledger_entries`
/// `entry_id`, which is the entry's seq) and its last column is `chain_hash`. A row's link
/// is `SHA-256(link of the row with seq − 1 ‖ ChainEncoding(table, every column but
/// chain_hash, in table order))`, format 2; seq runs 1, 2, 3 … over all tables together
/// (docs/chain.md).
public enum ChainedTable: String, CaseIterable, Sendable {
    case importBatches = "import_batches"
    case members
    case memberRevisions = "member_revisions"
    case borrowers
    case borrowerRevisions = "borrower_revisions"
    case projects
    case projectRevisions = "project_revisions"
    case loans
    case loanRevisions = "loan_revisions"
    case ledgerEntries = "ledger_entries"
    case indicators
    case indicatorRevisions = "indicator_revisions"
    case readings
    case readingRevisions = "reading_revisions"
    case referenceValues = "reference_values"
    case referenceValueRevisions = "reference_value_revisions"
    case indicatorDecisions = "indicator_decisions"
    case followupApprovals = "followup_approvals"
    case followupApprovedStatuses = "followup_approved_statuses"
    case balanceAssertions = "balance_assertions"
    case periodCloses = "period_closes"
    case marketReadings = "market_readings"
    // Migration 0005 (allocation and impact).
    case bonds
    case bondRevisions = "bond_revisions"
    case impactMetrics = "impact_metrics"
    case impactMetricRevisions = "impact_metric_revisions"
    case emissionFactors = "emission_factors"
    case emissionFactorRevisions = "emission_factor_revisions"
    // Migration 0006 (housing companies, the support-need model).
    case housingCompanyYears = "housing_company_years"
    case housingCompanyYearRevisions = "housing_company_year_revisions"

    /// The table's name in SQL, which is also the table tag in the encoding.
    public var name: String { rawValue }

    /// The migration that creates the table: 4 for the tables of the one chain's first
    /// schema, later numbers for tables added since. Migration 0004's step that links an
    /// old ledger (`Rechain`) reads only the tables that exist at that point.
    public var migration: Int {
        switch self {
        case .bonds, .bondRevisions, .impactMetrics, .impactMetricRevisions, .emissionFactors, .emissionFactorRevisions: return 5
        case .housingCompanyYears, .housingCompanyYearRevisions: return 6
        default: return 4
        }
    }

    /// The column that holds the row's place in the chain.
    public var seqColumn: String { self == .ledgerEntries ? "entry_id" : "seq" }

    /// Every column the link covers, in table order: all but `chain_hash`. The first is
    /// `seqColumn`.
    public var columns: [String] {
        switch self {
        case .importBatches:
            return ["seq", "batch_id", "kind", "file_name", "file_sha256", "rows_in_file", "rows_new", "rows_amended",
                    "rows_already_present", "amend", "effective_date", "reason", "recorded_at", "recorded_by"]
        case .members:
            return ["seq", "org_no", "name", "municipality_code", "recorded_at", "recorded_by", "batch_id"]
        case .memberRevisions:
            return ["seq", "org_no", "revision", "effective_date", "name", "municipality_code", "reason",
                    "recorded_at", "recorded_by", "batch_id"]
        case .borrowers:
            return ["seq", "org_no", "name", "owner_org_no", "recorded_at", "recorded_by", "batch_id"]
        case .borrowerRevisions:
            return ["seq", "org_no", "revision", "effective_date", "name", "owner_org_no", "reason",
                    "recorded_at", "recorded_by", "batch_id"]
        case .projects:
            return ["seq", "project_number", "programme", "borrower_org_no", "title", "category", "investment_type",
                    "approved_ore", "decision_date", "status", "framework_version", "total_cost_ore",
                    "req_practice_innovation_quality", "req_systematic_work", "req_defined_target_group",
                    "req_long_term", "req_goals_and_evaluation", "physical_investment", "social_intervention",
                    "social_goals", "recorded_at", "recorded_by", "batch_id"]
        case .projectRevisions:
            return ["seq", "project_number", "revision", "effective_date", "title", "category", "status", "approved_ore",
                    "total_cost_ore", "framework_version", "reason", "recorded_at", "recorded_by", "batch_id"]
        case .loans:
            return ["seq", "loan_id", "loan_number", "borrower_org_no", "programme", "project_number", "green_bond_eligible",
                    "recorded_at", "recorded_by", "batch_id"]
        case .loanRevisions:
            return ["seq", "loan_id", "revision", "effective_date", "borrower_org_no", "programme", "project_number",
                    "green_bond_eligible", "reason", "recorded_at", "recorded_by", "batch_id"]
        case .ledgerEntries:
            return ["entry_id", "external_id", "loan_id", "value_date", "kind", "amount_ore", "balance_effect_ore",
                    "reverses_entry_id", "reason", "recorded_at", "recorded_by", "batch_id"]
        case .indicators:
            return ["seq", "indicator_id", "project_number", "area", "goal", "name", "unit", "direction", "baseline_value",
                    "baseline_year", "target", "target_text", "target_year", "tolerance", "recorded_at", "recorded_by",
                    "batch_id"]
        case .indicatorRevisions:
            return ["seq", "indicator_id", "revision", "effective_date", "area", "goal", "name", "unit", "direction",
                    "baseline_value", "baseline_year", "target", "target_text", "target_year", "tolerance", "reason",
                    "recorded_at", "recorded_by", "batch_id"]
        case .readings:
            return ["seq", "reading_id", "indicator_id", "year", "value_text", "value_kind", "value_low", "value_high",
                    "reason", "recorded_at", "recorded_by", "batch_id"]
        case .readingRevisions:
            return ["seq", "reading_id", "revision", "effective_date", "value_text", "value_kind", "value_low",
                    "value_high", "reason", "recorded_at", "recorded_by", "batch_id"]
        case .referenceValues:
            return ["seq", "name", "year", "value", "recorded_at", "recorded_by", "batch_id"]
        case .referenceValueRevisions:
            return ["seq", "name", "year", "revision", "effective_date", "value", "reason", "recorded_at",
                    "recorded_by", "batch_id"]
        case .indicatorDecisions:
            return ["seq", "decision_id", "indicator_id", "year", "met", "decided_on", "reason", "recorded_at",
                    "recorded_by"]
        case .followupApprovals:
            return ["seq", "approval_id", "year", "revision", "approved_on", "rule_version", "ledger_head_hash",
                    "ledger_head_seq", "note", "recorded_at", "recorded_by"]
        case .followupApprovedStatuses:
            return ["seq", "approval_id", "indicator_id", "project_number", "baseline_text", "previous_text",
                    "value_text", "target_text", "status", "target_year_passed_unmet", "met_by_decision"]
        case .balanceAssertions:
            return ["seq", "assertion_id", "programme", "as_of", "expected_ore", "tolerance_ore", "note",
                    "recorded_at", "recorded_by"]
        case .periodCloses:
            return ["seq", "close_id", "action", "through", "closed_through", "reason", "recorded_at", "recorded_by"]
        case .marketReadings:
            return ["seq", "municipality_code", "municipality", "year", "basis", "index_value", "model_index",
                    "trend_index", "level_index", "labour_market_population_k", "job_accessibility_k", "source",
                    "recorded_at", "recorded_by", "batch_id"]
        case .bonds:
            return ["seq", "isin", "programme", "issue_date", "maturity_date", "amount_ore", "currency", "amount_original_minor",
                    "recorded_at", "recorded_by", "batch_id"]
        case .bondRevisions:
            return ["seq", "isin", "revision", "effective_date", "issue_date", "maturity_date", "amount_ore", "currency",
                    "amount_original_minor", "reason", "recorded_at", "recorded_by", "batch_id"]
        case .impactMetrics:
            return ["seq", "project_number", "year", "metric", "basis", "value", "recorded_at", "recorded_by", "batch_id"]
        case .impactMetricRevisions:
            return ["seq", "project_number", "year", "metric", "basis", "revision", "effective_date", "value", "reason",
                    "recorded_at", "recorded_by", "batch_id"]
        case .emissionFactors:
            return ["seq", "name", "applies_from", "g_per_kwh", "source", "recorded_at", "recorded_by", "batch_id"]
        case .emissionFactorRevisions:
            return ["seq", "name", "applies_from", "revision", "effective_date", "g_per_kwh", "source", "reason",
                    "recorded_at", "recorded_by", "batch_id"]
        case .housingCompanyYears:
            return ["seq", "borrower_org_no", "year"] + Self.housingFigures + ["recorded_at", "recorded_by", "batch_id"]
        case .housingCompanyYearRevisions:
            return ["seq", "borrower_org_no", "year", "revision", "effective_date"] + Self.housingFigures
                + ["reason", "recorded_at", "recorded_by", "batch_id"]
        }
    }

    /// The columns that name a row to a person (its key), for findings and `history`.
    public var keyColumns: [String] {
        switch self {
        case .importBatches: return ["batch_id"]
        case .members, .borrowers: return ["org_no"]
        case .memberRevisions, .borrowerRevisions: return ["org_no", "revision"]
        case .projects: return ["project_number"]
        case .projectRevisions: return ["project_number", "revision"]
        case .loans: return ["loan_number"]
        case .loanRevisions: return ["loan_id", "revision"]
        case .ledgerEntries: return ["external_id"]
        case .indicators: return ["indicator_id"]
        case .indicatorRevisions: return ["indicator_id", "revision"]
        case .readings: return ["indicator_id", "year"]
        case .readingRevisions: return ["reading_id", "revision"]
        case .referenceValues: return ["name", "year"]
        case .referenceValueRevisions: return ["name", "year", "revision"]
        case .indicatorDecisions: return ["decision_id"]
        case .followupApprovals: return ["approval_id"]
        case .followupApprovedStatuses: return ["approval_id", "indicator_id"]
        case .balanceAssertions: return ["assertion_id"]
        case .periodCloses: return ["close_id"]
        case .marketReadings: return ["municipality_code", "year", "basis"]
        case .bonds: return ["isin"]
        case .bondRevisions: return ["isin", "revision"]
        case .impactMetrics: return ["project_number", "year", "metric", "basis"]
        case .impactMetricRevisions: return ["project_number", "year", "metric", "basis", "revision"]
        case .emissionFactors: return ["name", "applies_from"]
        case .emissionFactorRevisions: return ["name", "applies_from", "revision"]
        case .housingCompanyYears: return ["borrower_org_no", "year"]
        case .housingCompanyYearRevisions: return ["borrower_org_no", "year", "revision"]
        }
    }

    /// The figures of a housing company's year (migration 0006), in table order: the
    /// columns of `import housing` after borrower and year, amounts in öre.
    static let housingFigures = [
        "apartments", "vacant_apartments", "area_m2", "book_value_ore", "equity_ore", "untaxed_reserves_ore",
        "total_assets_ore", "om_cost_ore_per_m2", "om_norm_ore_per_m2", "rent_income_ore", "population",
        "population_forecast", "forecast_year", "taxes_and_grants_ore",
    ]

    /// The columns a writer gives: every chained column but the seq, which the chain assigns.
    var valueColumns: ArraySlice<String> { columns.dropFirst() }

    /// `INSERT INTO table (columns…, chain_hash) VALUES (?, …)`: the seq first, the link last.
    var insertSQL: String {
        let names = columns + ["chain_hash"]
        return "INSERT INTO \(name) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }

    /// `SELECT columns…, chain_hash FROM table` in chain order, optionally for a range of seqs.
    func selectSQL(range: Bool = false) -> String {
        let rangeClause = range ? " WHERE \(seqColumn) BETWEEN ?1 AND ?2" : ""
        return "SELECT \((columns + ["chain_hash"]).joined(separator: ", ")) FROM \(name)\(rangeClause) ORDER BY \(seqColumn)"
    }

    /// The table that holds `name`, if it is chained.
    public static func named(_ name: String) -> ChainedTable? { ChainedTable(rawValue: name) }

    /// The field a stored value is hashed as. No chained column is REAL; a REAL smuggled
    /// in is hashed as its text, so that it still changes the link rather than vanishing.
    static func field(_ value: SQLValue) -> ChainField {
        switch value {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .text(let v): return .text(v)
        case .blob(let v): return .blob(v)
        case .real(let v): return .text(String(v))
        }
    }

    /// The link of a row whose column values (in `columns` order, seq first) are `values`.
    public static func link(previous: [UInt8], table: ChainedTable, values: [SQLValue]) throws -> [UInt8] {
        try ChainLink.next(previous: previous, table: table.name, fields: values.map(ChainedTable.field))
    }
}
