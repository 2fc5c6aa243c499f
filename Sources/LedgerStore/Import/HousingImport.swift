import Ledger
import SQLite

extension HousingCompanyYear.Field {
    /// The column of `housing_company_years` that stores the field: amounts in öre
    /// (`book_value_sek` → `book_value_ore`, `om_cost_per_m2` → `om_cost_ore_per_m2`).
    public var column: String {
        switch self {
        case .omCostPerM2: return "om_cost_ore_per_m2"
        case .omNormPerM2: return "om_norm_ore_per_m2"
        default:
            guard kind == .amount, rawValue.hasSuffix("_sek") else { return rawValue }
            return String(rawValue.dropLast(4)) + "_ore"
        }
    }

    /// The `hallbar amend housing` option that changes the field: `--vacant-apartments`.
    public var option: String { String(rawValue.map { $0 == "_" ? "-" : $0 }) }

    /// The fields a revision can change: every one but the year, which names the record.
    public static var figures: [HousingCompanyYear.Field] { allCases.filter { $0 != .year } }
}

/// One row of `housing_company_years` (revision 1 of a borrower's figures for a year).
struct HousingRow: ChainRow {
    static let table = ChainedTable.housingCompanyYears
    let borrower: String
    let input: HousingCompanyYear
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(borrower)
        sink.integer(Int64(input.year))
        for field in HousingCompanyYear.Field.figures { sink.integer(input.value(field)) }
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// One housing company per municipality and year. Boverket's model (SOU 2015:58, appendix
/// 3) takes one company per municipality ("96 kommuner och företag"; municipalities without
/// a company of their own were left out, footnote 1): the municipality's share of taxes and
/// grants and its population loss belong to that company. hallbar keeps the same: the
/// municipality of a borrower for year Y is the member that owns it on 31 December of Y (a
/// municipality that borrows directly is its own), and no two borrowers of one municipality
/// have housing figures for the same year. `import housing` refuses the second; a borrower's
/// new owner that would make two is refused (`Revisions`); `report support` refuses a year
/// that has two all the same (a ledger written past hallbar).
enum HousingMunicipality {
    /// What the messages say after naming the borrowers.
    static let rule = "the support-need model (SOU 2015:58, appendix 3) takes one housing company per municipality and "
        + "year, so that the municipality's share of taxes and grants and its population loss count once: put the figures "
        + "of the municipality's companies together in one row, on one borrower (docs/reports.md)"

    /// Another borrower with housing figures for `year` whose municipality on 31 December
    /// of `year` is `borrower`'s, or nil. Labels read "Åsele kommun (212000-2460)".
    static func otherCompany(of borrower: String, year: Int64, in db: Connection) throws
        -> (yearEnd: String, municipality: String, other: String)? {
        let yearEnd = Day(year: Int(year), month: 12, day: 31)?.description ?? "\(year)-12-31"
        guard let found = try db.row("""
            SELECT me.owner_org_no, coalesce(m.name, me.owner_org_no), o.org_no, o.name
            FROM \(AsOf.versions("borrower_versions", at: "?1")) AS me
                 JOIN \(AsOf.versions("borrower_versions", at: "?1")) AS o
                      ON o.owner_org_no = me.owner_org_no AND o.org_no <> me.org_no
                 JOIN housing_company_years AS h ON h.borrower_org_no = o.org_no AND h.year = ?2
                 LEFT JOIN \(AsOf.versions("member_versions", at: "?1")) AS m ON m.org_no = me.owner_org_no
            WHERE me.org_no = ?3
            ORDER BY o.org_no LIMIT 1
            """, [yearEnd, year, borrower]) else { return nil }
        let member = found[0].string ?? ""
        return (yearEnd, "\(found[1].string ?? member) (\(member))", "\(found[2].string ?? "") (\(found[3].string ?? ""))")
    }

    /// The years of `borrower`'s housing figures in which another borrower of its
    /// municipality has figures too, with that borrower: for a change of owner, checked with
    /// the new revision in place.
    static func conflicts(of borrower: String, in db: Connection) throws -> [(year: Int64, municipality: String, other: String)] {
        var found: [(year: Int64, municipality: String, other: String)] = []
        for row in try db.rows("SELECT year FROM housing_company_years WHERE borrower_org_no = ? ORDER BY year", [borrower]) {
            guard let year = row[0].int64 else { continue }
            if let other = try otherCompany(of: borrower, year: year, in: db) {
                found.append((year, other.municipality, other.other))
            }
        }
        return found
    }
}

/// `housing`: a borrower's housing-company figures for a year, with its municipality's
/// population, forecast and taxes and grants (cli.md, "Second round: support need"), for
/// `report support`. Every value is read and checked by `HousingCompanyYear` (the model's
/// own rules): a row with more vacant apartments than apartments, a negative area or
/// amount (equity excepted), a value beyond its bound, or a forecast year before the year
/// is refused with its line and column. The borrower must exist, and no other borrower of
/// its municipality may have figures for the year (`HousingMunicipality`). The key is
/// (borrower, year); a changed row is a new revision with `--amend`.
struct HousingImport: ImportKindDefinition {
    static let kind = ImportKind.housing
    static let requiredColumns = HousingCompanyYear.importColumns
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let borrower = row.required(HousingCompanyYear.borrowerColumn, FieldRules.orgNumber)
        var input: HousingCompanyYear?
        do {
            input = try HousingCompanyYear(fields: { row.text($0.rawValue) }, decimalComma: context.decimalComma)
        } catch {
            for problem in error.problems {
                let empty = row.text(problem.field.rawValue).isEmpty
                row.problem(problem.field.rawValue, empty ? "is empty; a value is required" : problem.message)
            }
        }
        guard let borrower, let input else { return .refused }
        guard try context.db.scalarInt("SELECT count(*) FROM borrowers WHERE org_no = ?", [borrower]) == 1 else {
            row.problem(HousingCompanyYear.borrowerColumn, "no borrower \(borrower): import the borrower first (borrowers.csv)")
            return .refused
        }
        if let shared = try HousingMunicipality.otherCompany(of: borrower, year: Int64(input.year), in: context.db) {
            row.problem(HousingCompanyYear.borrowerColumn, "the municipality of \(borrower) on \(shared.yearEnd), \(shared.municipality), "
                + "already has housing figures for \(input.year) on borrower \(shared.other); " + HousingMunicipality.rule)
            return .refused
        }
        return try context.store(HousingRow(borrower: borrower, input: input, stamp: context.stamp, batchID: context.batchID),
                                 kind: .housing, key: borrower, year: Int64(input.year),
                                 label: "the housing record of \(borrower) for \(input.year)", line: row.line)
    }
}

/// The housing figures of a stored revision as the model's input, and amendments of them
/// by option (`hallbar amend housing ORG --year Y --vacant-apartments 64 …`).
enum HousingFigures {
    /// The model's input from a revision's values (`RecordState.values` or a report row);
    /// nil values read as 0 and are then refused by the model's checks.
    ///
    /// - Throws: `HousingInputError` when the values break a rule of the model.
    static func input(year: Int64, value: (HousingCompanyYear.Field) -> Int64) throws(HousingInputError) -> HousingCompanyYear {
        try HousingCompanyYear(
            year: Int(year), apartments: value(.apartments), vacantApartments: value(.vacantApartments),
            areaM2: value(.areaM2), bookValue: value(.bookValue), equity: value(.equity),
            untaxedReserves: value(.untaxedReserves), totalAssets: value(.totalAssets), omCostPerM2: value(.omCostPerM2),
            omNormPerM2: value(.omNormPerM2), rentIncome: value(.rentIncome), population: value(.population),
            populationForecast: value(.populationForecast), forecastYear: Int(value(.forecastYear)),
            taxesAndGrants: value(.taxesAndGrants))
    }

    /// The field an `amend housing` option changes, or nil for an option that is none.
    static func field(option: String) -> HousingCompanyYear.Field? {
        HousingCompanyYear.Field.figures.first { $0.option == option }
    }

    /// Sets the field of option `--name` in `state` from `text`: a whole number for counts
    /// and years ("26 000"), SEK for amounts ("1 250 000,50" or "1250000.50"; equity may be
    /// negative). The whole record is checked afterwards (`check`).
    ///
    /// - Throws: `ImportFailure` naming the option when the text is not such a value.
    static func apply(option name: String, text: String, to state: inout RecordState) throws {
        guard let field = field(option: name) else {
            throw Options.refusal(name, "cannot be amended for housing figures")
        }
        let value: Int64
        switch field.kind {
        case .amount:
            let comma = text.contains(",")
            if comma && text.contains(".") {
                throw Options.refusal(name, "\"\(text)\" is not an amount: it has both \",\" and \".\"; "
                    + "write the decimals with one separator and group thousands with spaces (\"1 234,56\")")
            }
            do { value = try AmountParser.parse(text, decimalComma: comma, allowNegative: field == .equity) } catch {
                throw Options.refusal(name, error.description)
            }
        case .year:
            value = try Options.parse(name, text, FieldRules.year)
        case .count:
            let whole: Hundredths
            do { whole = try Hundredths.parse(text, allowPercent: false) } catch {
                throw Options.refusal(name, "\"\(text)\" is not a whole number: \(error.explanation)")
            }
            guard whole.units % 100 == 0 else { throw Options.refusal(name, "\"\(text)\" is not a whole number") }
            value = whole.units / 100
        }
        state.values[field.column] = .integer(value)
    }

    /// The rules of the model for a revision about to be recorded: vacancies within the
    /// stock, a forecast year not before the year, no negative count or amount but equity.
    ///
    /// - Throws: `ImportFailure` naming the option of the first field refused.
    static func check(_ state: RecordState, key: [SQLValue]) throws {
        guard let year = key.last?.int64 else { return }
        do {
            _ = try input(year: year) { state[$0.column].int64 ?? 0 }
        } catch {
            let problem = error.problems[0]
            throw Options.refusal(problem.field == .year ? "year" : problem.field.option, problem.message)
        }
    }
}
