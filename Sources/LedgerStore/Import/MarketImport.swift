import Ledger
import SQLite

/// One row of `market_readings`.
struct MarketRow: ChainRow {
    static let table = ChainedTable.marketReadings
    let code: String
    let year: Int64
    let basis: String
    /// municipality, index_value, model_index, trend_index, level_index,
    /// labour_market_population_k, job_accessibility_k, source.
    let values: [SQLValue]
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(code)
        try sink.text(values[0].string)
        sink.integer(year)
        try sink.text(basis)
        for value in values.dropFirst() {
            switch value {
            case .integer(let v): sink.integer(v)
            case .text(let t): try sink.text(t)
            default: sink.null()
            }
        }
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// `market`: municipality_code, municipality, year, index_value; optional model inputs
/// trend_index, level_index, labour_market_population_k, job_accessibility_k (all four
/// or none), basis (observed | forecast | model) and source.
///
/// Where index_value is empty, the index is computed from the four inputs with the
/// regression of SOU 2015:58, appendix 2 (`MarketModel.sou2015_58`) and the basis is
/// `model`. Where both are given, the index is the one given and the model's result is
/// stored beside it (`model_index`), so a report can show both. The key is
/// (municipality_code, year, basis): one municipality can have an observed price and a
/// model value for the same year, as Åsele 2012 has in the appendix.
struct MarketImport: ImportKindDefinition {
    static let kind = ImportKind.market
    static let requiredColumns = ["municipality_code", "municipality", "year", "index_value"]
    static let optionalColumns = ["trend_index", "level_index", "labour_market_population_k", "job_accessibility_k",
                                  "basis", "source"]
    static let bases = ["observed", "forecast", "model"]
    static let amendable = false
    let context: ImportContext
    let comparison = StoredComparison(
        lookupSQL: """
            SELECT municipality, index_value, model_index, trend_index, level_index, labour_market_population_k,
                   job_accessibility_k, source, batch_id
            FROM market_readings WHERE municipality_code = ? AND year = ? AND basis = ?
            """,
        columnNames: ["municipality", "index_value", "model_index", "trend_index", "level_index",
                      "labour_market_population_k", "job_accessibility_k", "source"])

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let code = row.required("municipality_code", FieldRules.municipalityCode)
        let name = row.nonBlank("municipality")
        let year = row.required("year", FieldRules.year)
        let given = row.optional("index_value") { text throws(FieldError) in try MarketImport.decimal(text) }
        var inputs: MarketInputs?? = .some(nil)
        do {
            inputs = .some(try MarketReading.inputs(
                trendIndex: row.text("trend_index"), levelIndex: row.text("level_index"),
                labourMarketPopulationK: row.text("labour_market_population_k"),
                jobAccessibilityK: row.text("job_accessibility_k")))
        } catch {
            row.problem(nil, "model inputs: \(error.description) (give trend_index, level_index, "
                + "labour_market_population_k and job_accessibility_k together, or none)")
            inputs = nil
        }
        guard let code, let name, let year, let given, let inputs else { return .refused }
        if let known = try context.db.scalarText("SELECT name FROM municipalities WHERE municipality_code = ?", [code]),
           !MarketImport.sameMunicipality(known, name) {
            row.problem("municipality", "\(TextRules.quoted(name)) does not match municipality code \(code), which is \(known)")
            return .refused
        }

        var modelIndex: MarketDecimal?
        if let inputs {
            do { modelIndex = try MarketModel.sou2015_58.exactIndex(inputs) } catch {
                row.problem(nil, "cannot compute the index from the model inputs: \(error.description)")
                return .refused
            }
        }
        guard let index = given ?? modelIndex else {
            row.problem("index_value", "is empty and no model inputs are given: give the index or all four inputs")
            return .refused
        }
        let indexValue = index.roundedHalfAwayFromZero
        guard indexValue >= 0 else {
            row.problem(given == nil ? nil : "index_value", "the index \(index) kr/m² is negative")
            return .refused
        }
        let basisText = row.text("basis")
        let basis = basisText.isEmpty ? (given == nil ? "model" : "observed") : basisText
        guard MarketImport.bases.contains(basis) else {
            row.problem("basis", "\(TextRules.quoted(basisText)) is not a basis: expected observed, forecast or model")
            return .refused
        }
        if basis == "model" && modelIndex == nil {
            row.problem("basis", "is model but the four model inputs are missing")
            return .refused
        }
        guard let source = row.optional("source", { text throws(FieldError) in try FieldRules.nonBlank(text, what: "the source") })
        else { return .refused }
        func text(_ d: MarketDecimal?) -> SQLValue { d.map { .text($0.normalized.description) } ?? .null }
        let values: [SQLValue] = [
            .text(name), .integer(indexValue), text(modelIndex), text(inputs?.trendIndex), text(inputs?.levelIndex),
            text(inputs?.labourMarketPopulationK), text(inputs?.jobAccessibilityK), source.map(SQLValue.text) ?? .null,
        ]
        let key: [SQLValue] = [.text(code), .integer(year), .text(basis)]
        let reading = MarketRow(code: code, year: year, basis: basis, values: values, stamp: context.stamp, batchID: context.batchID)
        return try context.insertOrCompare(line: row.line, key: "the \(basis) index of \(code) \(name) for \(year)",
                                           comparison: comparison, key: key, values: values) {
            try context.tx.chain.append(reading)
        }
    }

    /// "Ånge", "Ånge kommun" and "ånge" name the same municipality; "Göteborg" does not name 0180.
    static func sameMunicipality(_ a: String, _ b: String) -> Bool {
        func normal(_ s: String) -> String {
            var t = s.lowercased().trimmingScalars(where: \.isSpaceOrTab)
            for suffix in [" kommun", " stad", "s kommun", "s stad"] where t.hasSuffix(suffix) {
                t = String(t.dropLast(suffix.count))
                break
            }
            return t
        }
        return normal(a) == normal(b) || a.lowercased().hasPrefix(b.lowercased()) || b.lowercased().hasPrefix(a.lowercased())
    }

    static func decimal(_ text: String) throws(FieldError) -> MarketDecimal {
        do { return try MarketDecimal(parsing: text) } catch {
            throw FieldError("\(TextRules.quoted(text)) is not an index in kr/m²: \(error.description)")
        }
    }
}
