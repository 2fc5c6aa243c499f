import Ledger
import SQLite

/// One row of `bonds` (revision 1 of a bond).
struct BondRow: ChainRow {
    static let table = ChainedTable.bonds
    let bond: Bond
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(bond.isin.description)
        try sink.text(bond.programme.rawValue)
        try sink.text(bond.issueDate.description)
        try sink.text(bond.maturityDate.description)
        sink.integer(bond.amount)
        try sink.text(bond.currency)
        sink.integer(bond.amountOriginal)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// One row of `impact_metrics` (revision 1 of a project's metric for a year and basis).
struct MetricRow: ChainRow {
    static let table = ChainedTable.impactMetrics
    let record: MetricRecord
    let stamp: Stamp
    let batchID: Int64?

    /// The key `RecordHistory.find` takes (with the year): "5002 energy_saved_mwh actual".
    var key: String { "\(record.projectNumber) \(record.metric.rawValue) \(record.basis.rawValue)" }

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        sink.integer(record.projectNumber)
        sink.integer(Int64(record.year))
        try sink.text(record.metric.rawValue)
        try sink.text(record.basis.rawValue)
        try sink.text(record.value.canonical)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// One row of `emission_factors` (revision 1 of a factor from a date on).
struct FactorRow: ChainRow {
    static let table = ChainedTable.emissionFactors
    let factor: EmissionFactor
    let stamp: Stamp
    let batchID: Int64?

    /// The key `RecordHistory.find` takes: "electricity 2023-01-01".
    var key: String { "\(factor.name.rawValue) \(factor.validFrom)" }

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(factor.name.rawValue)
        try sink.text(factor.validFrom.description)
        try sink.text(factor.gramsPerKWh.canonical)
        try sink.text(factor.source)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

extension FieldRules {
    /// An exact decimal that is not negative and has no per-cent sign ("41 250,5"),
    /// stored canonically ("41250.5"): a metric's value, a factor's g CO2e per kWh.
    static func nonNegativeQuantity(_ text: String) throws(FieldError) -> String {
        if text.unicodeScalars.contains("%") { throw FieldError("\"\(text)\" is not a number: no per-cent sign here") }
        let value: Quantity
        do { value = try Quantity.parse(text) } catch { throw FieldError(error.description) }
        guard value.units >= 0 else { throw FieldError("\"\(text)\" must not be negative") }
        return value.canonical
    }
}

/// The rules the allocation and impact records share between their imports and `amend`.
enum AllocationRecords {
    /// A token of a closed vocabulary as people type it: the code in any letter case with
    /// spaces around, or one of `labels` ("utfall" for actual).
    static func token<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type, labels: [T: [String]] = [:]) -> T?
    where T.RawValue == String {
        if let exact = T(rawValue: text) { return exact }
        let key = SpokenText.normalized(text)
        return T.allCases.first { $0.rawValue == key || (labels[$0] ?? []).contains(key) }
    }

    /// The Swedish words accepted for a metric's basis.
    static let basisLabels: [MetricBasis: [String]] = [.expected: ["förväntat", "förväntad"], .actual: ["utfall", "faktiskt"]]

    /// Project `number`'s revisions as status periods, oldest first (none for no such project).
    /// - Throws: `ImportFailure` for a stored status or date hallbar cannot read; `SQLiteError`.
    static func statusPeriods(project number: Int64, in db: Connection) throws -> [ProjectStatusPeriod] {
        var periods: [ProjectStatusPeriod] = []
        try db.cached("SELECT status, valid_from, valid_until FROM project_versions WHERE project_number = ? ORDER BY revision")
            .forEach([number]) { row in
                guard let status = row.text(0).flatMap(ProjectStatus.init(rawValue:)),
                      let from = row.text(1).flatMap({ try? Day.parse($0) }) else {
                    throw Options.refusal("project \(number) has a stored status or date hallbar cannot read")
                }
                periods.append(ProjectStatusPeriod(status: status, from: from, until: row.text(2).flatMap { try? Day.parse($0) }))
            }
        return periods
    }

    /// Why project `number` cannot have an impact metric for `year` (`MetricYears`), or nil.
    static func metricRefusal(project number: Int64, year: Int, in db: Connection) throws -> MetricYearRefusal? {
        MetricYears.refusal(year: year, periods: try statusPeriods(project: number, in: db))
    }

    /// After a revision of project `number`: its first recorded metric whose year the
    /// project's revisions no longer allow (a withdrawal dated before a year it has metrics
    /// for, a project corrected to rejected), as a refusal of `option`.
    /// - Throws: `ImportFailure` naming `option`.
    static func checkMetricYears(project number: Int64, option: String, in db: Connection) throws {
        let periods = try statusPeriods(project: number, in: db)
        try db.cached("SELECT DISTINCT year FROM impact_metrics WHERE project_number = ? ORDER BY year").forEach([number]) { row in
            let year = Int(row.int64(0))
            if let refusal = MetricYears.refusal(year: year, periods: periods) {
                throw Options.refusal(option, refusal.message(project: number, year: year) + "; project \(number) has impact "
                    + "metrics for \(year)")
            }
        }
    }

    /// The option `amend bond` names for a column of `import bonds`.
    static func option(forColumn column: String) -> String {
        column.split(separator: "_").joined(separator: "-")
    }

    /// A bond revision keeps the rules of a bond: maturity after issue, a positive amount,
    /// currency and original amount together (`Bond.init`).
    /// - Throws: `ImportFailure` naming the option.
    static func checkBond(_ state: RecordState, isin: String) throws {
        guard let parsedISIN = try? ISIN.parse(isin),
              let programme = state["programme"].string.flatMap(Programme.init(rawValue:)),
              let issue = state["issue_date"].string.flatMap({ try? Day.parse($0) }),
              let maturity = state["maturity_date"].string.flatMap({ try? Day.parse($0) }),
              let amount = state["amount_ore"].int64 else {
            throw Options.refusal("bond \(isin) has a stored value hallbar cannot read")
        }
        do {
            _ = try Bond(isin: parsedISIN, programme: programme, issueDate: issue, maturityDate: maturity, amount: amount,
                         currency: state["currency"].string, amountOriginal: state["amount_original_minor"].int64)
        } catch {
            throw Options.refusal(option(forColumn: error.column), error.message)
        }
    }
}

extension RowFields {
    /// The texts of `columns`, each required (a problem for each empty one); nil when any is empty.
    func requiredTexts(_ columns: [String]) -> [String]? {
        var texts: [String] = []
        var complete = true
        for column in columns {
            if let text = required(column, { text throws(FieldError) in text }) { texts.append(text) } else { complete = false }
        }
        return complete ? texts : nil
    }

    /// Records a domain parser's refusal on its column.
    func problem(_ error: ColumnError) { problem(error.column, error.message) }
}

/// `bonds`: isin, programme, issue_date, maturity_date, amount_sek (optional currency,
/// amount_original): the green and social bonds `report allocation` sets against the pool.
struct BondsImport: ImportKindDefinition {
    static let kind = ImportKind.bonds
    static let requiredColumns = Bond.requiredColumns
    static let optionalColumns = Bond.optionalColumns
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        guard let texts = row.requiredTexts(Self.requiredColumns) else { return .refused }
        // The programme as people write it (grön, Social …); the bond's own rules refuse "other".
        let programme = Programme.parse(spoken: texts[1])?.rawValue ?? texts[1]
        let bond: Bond
        do {
            // Keys, dates and numbers are written exactly, as in every import (a stray
            // U+00A0 is named, not trimmed away); codes and tokens take spaces around.
            bond = try Bond.parse(isin: texts[0], programme: programme, issueDate: texts[2],
                                  maturityDate: texts[3], amountSEK: texts[4],
                                  currency: row.text("currency").trimmingSpaces().uppercased(),
                                  amountOriginal: row.text("amount_original"), decimalComma: context.decimalComma)
        } catch {
            row.problem(error)
            return .refused
        }
        return try context.store(BondRow(bond: bond, stamp: context.stamp, batchID: context.batchID),
                                 kind: .bond, key: bond.isin.description, label: "bond \(bond.isin)", line: row.line)
    }
}

/// `metrics`: project_number, year, metric, basis, value: a green project's annual effect.
/// Optional columns: the context columns of the reporting form (`RequestForm`), ignored.
struct MetricsImport: ImportKindDefinition {
    static let kind = ImportKind.metrics
    static let requiredColumns = MetricRecord.requiredColumns
    static let optionalColumns = RequestForm.metricContextColumns
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        guard let texts = row.requiredTexts(Self.requiredColumns) else { return .refused }
        let metric = AllocationRecords.token(texts[2], ImpactMetric.self)?.rawValue ?? texts[2]
        let basis = AllocationRecords.token(texts[3], MetricBasis.self, labels: AllocationRecords.basisLabels)?.rawValue ?? texts[3]
        let record: MetricRecord
        do {
            record = try MetricRecord.parse(projectNumber: texts[0], year: texts[1],
                                            metric: metric, basis: basis, value: texts[4])
        } catch {
            row.problem(error)
            return .refused
        }
        guard let programme = try context.db.scalarText("SELECT programme FROM projects WHERE project_number = ?",
                                                        [record.projectNumber]) else {
            row.problem("project_number", "no project \(record.projectNumber): import the project first (projects.csv)")
            return .refused
        }
        guard programme == Programme.green.rawValue else {
            row.problem("project_number", "project \(record.projectNumber) is a \(programme) project: impact metrics belong to green projects")
            return .refused
        }
        if let refusal = try AllocationRecords.metricRefusal(project: record.projectNumber, year: record.year, in: context.db) {
            row.problem(refusal.column, refusal.message(project: record.projectNumber, year: record.year))
            return .refused
        }
        let stored = MetricRow(record: record, stamp: context.stamp, batchID: context.batchID)
        return try context.store(stored, kind: .metric, key: stored.key, year: Int64(record.year),
                                 label: "the \(record.basis.rawValue) \(record.metric.rawValue) of project \(record.projectNumber) for \(record.year)",
                                 line: row.line)
    }
}

/// `factors`: name, valid_from, g_per_kwh, source: the electricity emission factor from a date on.
struct FactorsImport: ImportKindDefinition {
    static let kind = ImportKind.factors
    static let requiredColumns = EmissionFactor.requiredColumns
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        guard let texts = row.requiredTexts(Self.requiredColumns) else { return .refused }
        let name = AllocationRecords.token(texts[0], EmissionFactorName.self)?.rawValue ?? texts[0]
        let factor: EmissionFactor
        do {
            factor = try EmissionFactor.parse(name: name, validFrom: texts[1], gPerKWh: texts[2], source: texts[3])
        } catch {
            row.problem(error)
            return .refused
        }
        let stored = FactorRow(factor: factor, stamp: context.stamp, batchID: context.batchID)
        return try context.store(stored, kind: .factor, key: stored.key,
                                 label: "the \(factor.name.rawValue) factor from \(factor.validFrom)", line: row.line)
    }
}
