import Ledger

/// What an import file holds: one kind per file, named as on the command line.
public enum ImportKind: String, CaseIterable, Sendable {
    case members, borrowers, projects, loans, entries, indicators, readings, references, market
    /// Migration 0005: bonds, impact metrics, emission factors.
    case bonds, metrics, factors
    /// Migration 0006: housing companies' figures (the support-need model).
    case housing

    /// The definitions this hallbar can import, one file each (`MembersImport.swift` …).
    /// Adding a kind is a new definition file, one line here and a row of `import_kinds`.
    static var definitions: [any ImportKindDefinition.Type] {
        [MembersImport.self, BorrowersImport.self, ProjectsImport.self, LoansImport.self,
         EntriesImport.self, IndicatorsImport.self, ReadingsImport.self, ReferencesImport.self, MarketImport.self,
         BondsImport.self, MetricsImport.self, FactorsImport.self,
         HousingImport.self]
    }

    var definition: any ImportKindDefinition.Type {
        ImportKind.definitions.first { $0.kind == self }!
    }

    /// The columns a file of this kind must have (cli.md).
    public var requiredColumns: [String] { definition.requiredColumns }
    /// The columns a file of this kind may have besides the required ones.
    public var optionalColumns: [String] { definition.optionalColumns }
    /// True when `import --amend` can turn changed rows into revisions.
    public var amendable: Bool { definition.amendable }
}

/// One importable kind: its columns and how it turns a row into stored rows.
///
/// The driver (`Importer`) owns the file, the transaction, the batch and the counting;
/// a definition only reads fields, validates them against the database (which already
/// holds the file's earlier rows) and stores them through the chain.
protocol ImportKindDefinition {
    static var kind: ImportKind { get }
    static var requiredColumns: [String] { get }
    static var optionalColumns: [String] { get }
    /// True when valid rows are loaded by one streaming statement (entries): the statement
    /// journal then stays in a file instead of memory.
    static var streamsRows: Bool { get }
    /// True when the records change by revision (`import --amend`).
    static var amendable: Bool { get }
    /// Prepares statements and look-ups, inside the file's transaction.
    init(context: ImportContext) throws
    /// Validates and stores one row; problems go to the row's context.
    mutating func importRow(_ row: RowFields) throws -> RowOutcome
    /// Stores the rows held back (`.deferred`) and says how they came out; called before
    /// the driver records a problem of its own and after the last row.
    mutating func flushPending() throws -> (new: Int, alreadyPresent: Int)
    /// Stores what is still held after the last row and says how it came out (by default
    /// `flushPending()`).
    mutating func endOfFile() throws -> (new: Int, alreadyPresent: Int)
    /// Checks that need the whole file (a loan's balance over time); records problems.
    mutating func finish(_ context: ImportContext) throws
    /// Waits for any work still running on another thread, before the transaction is
    /// abandoned because of an error (nothing is stored by then).
    mutating func abandonPending()
}

extension ImportKindDefinition {
    static var optionalColumns: [String] { [] }
    static var streamsRows: Bool { false }
    static var amendable: Bool { true }
    mutating func flushPending() throws -> (new: Int, alreadyPresent: Int) { (0, 0) }
    mutating func endOfFile() throws -> (new: Int, alreadyPresent: Int) { try flushPending() }
    mutating func finish(_ context: ImportContext) throws {}
    mutating func abandonPending() {}
}

/// The seed files in dependency order: `hallbar seed` imports each through the importer,
/// one transaction per file. Extend this list to seed another kind.
public enum SeedFiles {
    /// (kind, file name inside the seed folder), in the order they must load.
    public static let all: [(kind: ImportKind, file: String)] = [
        (.members, "members.csv"), (.borrowers, "borrowers.csv"), (.projects, "projects.csv"),
        (.loans, "loans.csv"), (.entries, "entries.csv"), (.indicators, "indicators.csv"),
        (.readings, "readings.csv"), (.references, "references.csv"), (.market, "market/market.csv"),
        (.bonds, "bonds.csv"), (.factors, "factors.csv"), (.metrics, "metrics.csv"),
        (.housing, "housing.csv"),
    ]
}
