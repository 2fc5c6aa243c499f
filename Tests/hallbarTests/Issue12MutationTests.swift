import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// Issue 12's mutation test: a ledger written only by hallbar's commands, with at least two
/// rows in every chained table, is tampered with as someone with `sqlite3` would (the
/// table's triggers dropped, the change made, the triggers put back word for word, so the
/// schema is exactly the migrations'), and `verify` must find every change, deletion,
/// insertion and exchange of rows, naming the table and the row.
///
/// The kinds of tampering, for every table of `ChainedTable.allCases`:
/// - every column but the seq of one row changed (a number by one, a text by one letter,
///   a NULL given a value);
/// - one row deleted;
/// - one row inserted: a copy with a new key, once with a seq copied from a row of another
///   table and a zero link, once with the next seq and a random link;
/// - two rows of the table exchanging places.
/// Half of the verifications run with the chain checked in chunks of a few rows on two
/// threads (`Verifier.chainPlan`), so that the parallel pass has to hand over to the walk.
final class Issue12MutationTests: CLITestCase {
    // MARK: the ledger

    /// The ledger every test copies, built once by hallbar's commands.
    nonisolated(unsafe) private static var baseLedger: String?
    private static let baseFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("hallbar-issue12-mutation-\(UUID().uuidString)")

    override class func tearDown() {
        try? FileManager.default.removeItem(at: baseFolder)
        super.tearDown()
    }

    /// Runs hallbar on `db` and fails the test unless it exits 0.
    @discardableResult
    func run(_ arguments: [String], _ db: String, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try hallbar(arguments + ["--db", db])
        XCTAssertEqual(result.status, 0, "hallbar \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    /// The demo ledger plus revisions of every kind, decisions, two approvals (each with its
    /// frozen statuses), assertions, a close and its reopening, entries and a reversal: two
    /// rows or more in every chained table, two of them one after the other in the chain.
    func base() throws -> String {
        if let base = Self.baseLedger { return base }
        try FileManager.default.createDirectory(at: Self.baseFolder, withIntermediateDirectories: true)
        let db = Self.baseFolder.appendingPathComponent("base.db").path
        try run(["seed", "--dir", CLITestCase.packageRoot.appendingPathComponent("Seeds").path], db)
        let commands: [[String]] = [
            ["amend", "member", "212000-2882", "--name", "Botkyrka kommun (KF)", "--reason", "Namnbyte"],
            ["amend", "member", "212000-3005", "--name", "Uppsala kommun (KF)", "--reason", "Namnbyte"],
            ["amend", "borrower", "556900-1018", "--name", "Botkyrkabyggen AB (publ)", "--reason", "Namnbyte"],
            ["amend", "borrower", "556900-1034", "--name", "Bostadsbolaget AB", "--reason", "Namnbyte"],
            ["amend", "project", "14", "--title", "Trygghetsinsatser", "--reason", "Rättelse", "--date", "2025-01-01"],
            ["amend", "project", "5001", "--approved-sek", "19 000 000 000", "--reason", "Utökat", "--date", "2025-01-01"],
            ["amend", "loan", "210007", "--green-bond-eligible", "true", "--reason", "Åtgärder klara", "--date", "2025-01-01"],
            ["amend", "loan", "220026", "--programme", "other", "--reason", "Fel program", "--date", "2025-01-01"],
            ["amend", "indicator", "ALBY-TRIVSEL-LGH", "--target", ">=88", "--reason", "Nytt mål", "--date", "2024-03-01"],
            ["amend", "indicator", "ALBY-TRYGGHET-TRAPPHUS", "--target", ">=85", "--reason", "Nytt mål", "--date", "2024-03-01"],
            ["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2023", "--value", "75.9", "--reason", "Rättad", "--date", "2024-03-01"],
            ["amend", "reference", "riket_ak9_godkanda_pojkar", "--year", "2023", "--value", "71", "--reason", "Rättad", "--date", "2024-03-01"],
            ["amend", "bond", "XS1968465572", "--amount-sek", "8 000 000 000", "--reason", "Återköp", "--date", "2022-06-01"],
            ["amend", "bond", "XS2259127269", "--amount-sek", "12 500 000 000", "--reason", "Utökning", "--date", "2023-06-01"],
            ["amend", "metric", "5001", "--year", "2022", "--metric", "renewable_generation_mwh", "--basis", "expected",
             "--value", "3100000", "--reason", "Rättad", "--date", "2023-02-01"],
            ["amend", "metric", "5001", "--year", "2022", "--metric", "renewable_capacity_mw", "--basis", "expected",
             "--value", "430", "--reason", "Rättad", "--date", "2023-02-01"],
            ["amend", "factor", "electricity", "--valid-from", "2017-01-01", "--g-per-kwh", "381", "--reason", "Rättad", "--date", "2018-01-01"],
            ["amend", "factor", "electricity", "--valid-from", "2019-01-01", "--g-per-kwh", "316", "--reason", "Rättad", "--date", "2020-01-01"],
            ["amend", "housing", "556900-1091", "--year", "2024", "--vacant-apartments", "70", "--reason", "Rättad", "--date", "2025-02-01"],
            ["amend", "housing", "556900-1091", "--year", "2025", "--vacant-apartments", "75", "--reason", "Rättad", "--date", "2025-03-01"],
            ["decide", "--indicator", "ALBY-UPPSAGNINGAR-ANDRAHAND", "--year", "2023", "--met", "--reason", "Beslut", "--date", "2024-02-01"],
            ["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2023", "--met", "--reason", "Beslut", "--date", "2024-02-01"],
            ["followup", "approve", "--year", "2023", "--date", "2024-03-20"],
            ["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "76", "--reason", "Felinmatat", "--date", "2024-05-01"],
            ["amend", "reading", "--indicator", "ALBY-TRYGGHET-KVALL", "--year", "2023", "--value", "65", "--reason", "Felinmatat", "--date", "2024-05-01"],
            ["followup", "approve", "--year", "2023", "--date", "2024-06-01"],
            ["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "91 587 654 321,09"],
            ["assert", "--programme", "other", "--as-of", "2024-12-31", "--amount", "448 180 000 000"],
            ["close", "--through", "2024-12-31", "--reason", "Bokslut"],
            ["reopen", "--through", "2024-12-31", "--reason", "Rättelse"],
            ["disburse", "--loan", "220001", "--date", "2025-01-10", "--amount", "1000", "--id", "Z-1"],
            ["disburse", "--loan", "220001", "--date", "2025-01-11", "--amount", "2000", "--id", "Z-2"],
            ["reverse", "--entry", "Z-2", "--reason", "Fel belopp"],
        ]
        for command in commands { try run(command, db) }
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 0, "the untouched ledger has findings: \(verify.stdout)")
        XCTAssertEqual(try sqlite3(db, "PRAGMA wal_checkpoint(TRUNCATE)").status, 0)
        Self.baseLedger = db
        return db
    }

    /// Every chained row of the base ledger, in chain order.
    func chainRows() throws -> [ChainRowValues] {
        let db = try Connection(path: try base(), mode: .readOnly)
        defer { try? db.close() }
        return try ChainRowValues.read(1...Int64.max, in: db)
    }

    /// A copy of the base ledger in this test's folder, replacing an earlier copy of that
    /// name and its `-wal` and `-shm` (a `sqlite3` that stopped at an error leaves its WAL
    /// behind, which SQLite would replay onto the new copy).
    func copy(_ name: String) throws -> String {
        let target = path(name)
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        try FileManager.default.copyItem(atPath: try base(), toPath: target)
        return target
    }

    // MARK: tampering

    /// `sqlite3` SQL text of a value.
    static func literal(_ value: SQLValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let t): return "'" + t.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let b): return "X'" + SHA256.hex(b) + "'"
        }
    }

    /// The triggers of each table in the base ledger: (name, SQL), read once.
    nonisolated(unsafe) private static var triggerCache: [String: [(name: String, sql: String)]] = [:]

    func triggers(of table: String) throws -> [(name: String, sql: String)] {
        if let known = Self.triggerCache[table] { return known }
        let text = try sqlite3(try base(), "SELECT name || char(31) || sql || char(30) FROM sqlite_master "
                               + "WHERE type = 'trigger' AND tbl_name = '\(table)' ORDER BY name").stdout
        let found = text.split(separator: "\u{1E}").compactMap { record -> (name: String, sql: String)? in
            let parts = record.trimmingCharacters(in: .newlines).split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        XCTAssertFalse(found.isEmpty, "\(table) has no triggers")
        Self.triggerCache[table] = found
        return found
    }

    /// Runs `sql` on `db` with the triggers of `table` dropped, and puts them back word for
    /// word afterwards (so the schema check sees the migrations' schema). `sqlite3` stops at
    /// the first error, so a failing `sql` leaves the triggers dropped: the caller starts
    /// over from a new copy then.
    @discardableResult
    func tamper(_ db: String, table: String, _ sql: String) throws -> Result {
        let triggers = try triggers(of: table)
        let script = "PRAGMA synchronous = OFF;\nPRAGMA ignore_check_constraints = ON;\n" + triggers.map { "DROP TRIGGER \"\($0.name)\";\n" }.joined()
            + sql + "\n" + triggers.map { $0.sql + ";\n" }.joined()
        return try sqlite3(db, script)
    }

    /// The declared type of every column of `table`.
    func columnTypes(_ db: String, _ table: String) throws -> [String: String] {
        var types: [String: String] = [:]
        for line in try sqlite3(db, "SELECT name, type FROM pragma_table_info('\(table)')").stdout.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 2 { types[String(parts[0])] = String(parts[1]).uppercased() }
        }
        return types
    }

    /// A different value of the same type: a number one more (or `big` more), a text with a
    /// letter more, a NULL given a value of the column's type.
    static func changed(_ value: SQLValue, type: String, big: Bool = false) -> SQLValue {
        switch value {
        case .integer(let v): return .integer(v + (big ? 1_000_003 : 1))
        case .text(let t): return .text(big ? t + "-tampered" : t + "x")
        case .real(let v): return .real(v + 1)
        case .blob(let b): return .blob(b.isEmpty ? [1] : [b[0] ^ 1] + b.dropFirst())
        case .null: return type.contains("INT") ? .integer(1) : .text("x")
        }
    }

    /// The columns an inserted copy changes so that its key is new (every UNIQUE constraint).
    static func keyChanges(_ table: ChainedTable) -> [String] {
        switch table {
        case .importBatches: return ["batch_id"]
        case .members, .borrowers: return ["org_no"]
        case .memberRevisions, .borrowerRevisions, .projectRevisions, .loanRevisions, .indicatorRevisions, .readingRevisions,
             .referenceValueRevisions: return ["revision"]
        case .projects: return ["project_number"]
        case .loans: return ["loan_id", "loan_number"]
        case .ledgerEntries: return ["external_id"]
        case .indicators: return ["indicator_id"]
        case .readings: return ["reading_id", "year"]
        case .referenceValues: return ["year"]
        case .indicatorDecisions: return ["decision_id"]
        case .followupApprovals: return ["approval_id", "revision"]
        case .followupApprovedStatuses: return ["approval_id"]
        case .balanceAssertions: return ["assertion_id"]
        case .periodCloses: return ["close_id"]
        case .marketReadings: return ["year"]
        case .bonds: return ["isin"]
        case .impactMetrics: return ["year"]
        case .emissionFactors: return ["applies_from"]
        case .housingCompanyYears: return ["year"]
        case .bondRevisions, .impactMetricRevisions, .emissionFactorRevisions, .housingCompanyYearRevisions: return ["revision"]
        }
    }

    // MARK: verifying

    /// Verifies `db`; `parallel` checks the chain in chunks of 7 rows on two threads.
    func verify(_ db: String, parallel: Bool, against: [UInt8]? = nil) throws -> [Finding] {
        let connection = try Verifier.open(path: db)
        defer { try? connection.close() }
        var verifier = try Verifier(db: connection, migrations: try Self.migrations(), fullIntegrityCheck: false)
        if parallel { verifier.chainPlan = ParallelChainCheck.Plan(extraWorkers: 1, chunkRows: 7, minimumRows: 1) }
        return try verifier.run(against: against).findings
    }

    /// The chain pass (every link, the approvals' heads, stamps) and the invariants alone:
    /// what finds a changed row, without the schema and file checks that take most of verify's time.
    func chainFindings(_ db: String) throws -> [Finding] {
        let connection = try Verifier.open(path: db)
        defer { try? connection.close() }
        return try Verifier(db: connection, migrations: try Self.migrations(), fullIntegrityCheck: false).chains()
            + LedgerInvariants.findings(in: connection)
    }

    /// The binary's migrations, read once.
    nonisolated(unsafe) private static var embedded: [Migration]?
    static func migrations() throws -> [Migration] {
        if let embedded { return embedded }
        embedded = try Migration.embedded()
        return embedded!
    }

    /// The seqs a finding names ("seq 42", "(seq 42)", "seqs 41–43").
    static func seqs(in message: String) -> Set<Int64> {
        var result = Set<Int64>()
        let scalars = Array(message.unicodeScalars)
        var index = 0
        func number(at start: Int) -> (Int64, Int)? {
            var end = start
            while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
            guard end > start else { return nil }
            return (Int64(String(String.UnicodeScalarView(scalars[start..<end])))!, end)
        }
        while index < scalars.count {
            let rest = String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + 5)]))
            if rest.hasPrefix("seqs ") {
                if let (low, end) = number(at: index + 5) {
                    result.insert(low)
                    if end < scalars.count, scalars[end] == "–" || scalars[end] == "-", let (high, _) = number(at: end + 1) {
                        for seq in low...max(low, high) { result.insert(seq) }
                    }
                }
            } else if rest.hasPrefix("seq "), let (seq, _) = number(at: index + 4) {
                result.insert(seq)
            }
            index += 1
        }
        return result
    }

    /// Asserts that verify found something, that a chain, head, invariant or foreign-key
    /// finding names `table`, and that one names one of `seqs` (or contains `key`).
    func assertNamed(_ findings: [Finding], table: ChainedTable, seqs: Set<Int64>, key: String? = nil, _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        let shown = findings.map(\.description).joined(separator: "\n  ")
        XCTAssertFalse(findings.isEmpty, "\(what): verify found nothing", file: file, line: line)
        let relevant = findings.filter { [.chain, .head, .invariant, .foreignKey].contains($0.category) }
        XCTAssertTrue(relevant.contains { $0.message.contains(table.name) },
                      "\(what): no chain/head/invariant/foreign-key finding names \(table.name):\n  \(shown)", file: file, line: line)
        let namesRow = relevant.contains { finding in
            !Self.seqs(in: finding.message).isDisjoint(with: seqs) || key.map { finding.message.contains($0) } == true
        }
        XCTAssertTrue(namesRow, "\(what): no finding names the row (seq \(seqs.sorted())\(key.map { " or \($0)" } ?? "")):\n  \(shown)",
                      file: file, line: line)
        XCTAssertFalse(findings.contains { $0.category == .schema },
                       "\(what): the triggers were put back word for word, yet a schema finding:\n  \(shown)", file: file, line: line)
    }

    // MARK: the tests

    func testTheBaseLedgerHasTwoRowsInEveryChainedTableAndVerifiesClean() throws {
        let rows = try chainRows()
        for table in ChainedTable.allCases {
            XCTAssertGreaterThanOrEqual(rows.filter { $0.table == table }.count, 2, "\(table.name) has fewer than two rows")
        }
        XCTAssertEqual(try verify(try base(), parallel: false), [])
        XCTAssertEqual(try verify(try base(), parallel: true), [])
        XCTAssertEqual(rows.map(\.seq), Array(1...Int64(rows.count)), "seqs run 1, 2, 3 … without gaps")
    }

    func testEveryColumnChangedInEveryTableIsFoundAndNamed() throws {
        let rows = try chainRows()
        var cases = 0
        for table in ChainedTable.allCases {
            let mine = rows.filter { $0.table == table }
            let row = mine[mine.count / 2]
            let types = try columnTypes(try base(), table.name)
            // Every column of the table but its link is covered: a column the chain left out
            // could be changed unseen.
            let stored = try sqlite3(try base(), "SELECT name FROM pragma_table_info('\(table.name)') ORDER BY cid").stdout
                .split(separator: "\n").map(String.init)
            XCTAssertEqual(stored, table.columns + ["chain_hash"], "\(table.name): the chain does not cover exactly its columns")
            for (index, column) in table.columns.enumerated() where index > 0 {
                func update(big: Bool) throws -> (String, Result) {
                    let db = try copy("change.db")
                    let value = Self.literal(Self.changed(row.values[index], type: types[column] ?? "", big: big))
                    return (db, try tamper(db, table: table.name, "UPDATE \(table.name) SET \(column) = \(value) WHERE \(table.seqColumn) = \(row.seq);"))
                }
                var (db, result) = try update(big: false)
                if result.status != 0 || !result.stderr.isEmpty { (db, result) = try update(big: true) }   // a UNIQUE key
                XCTAssertEqual(result.status, 0, "\(table.name).\(column): \(result.stderr)")
                XCTAssertTrue(result.stderr.isEmpty, "\(table.name).\(column): \(result.stderr)")
                // The whole verify for one column of each table (alternately with the parallel
                // pass); for the others the chain pass and the invariants, which are what find it.
                let findings = index == table.columns.count / 2 ? try verify(db, parallel: table.columns.count % 2 == 1) : try chainFindings(db)
                assertNamed(findings, table: table, seqs: [row.seq], "\(table.name).\(column) of \(row.label) changed")
                cases += 1
            }
        }
        XCTAssertGreaterThan(cases, 200)
    }

    func testTheChainHashItselfOverwrittenIsFound() throws {
        let rows = try chainRows()
        for (number, table) in ChainedTable.allCases.enumerated() {
            let row = rows.filter { $0.table == table }[0]
            let db = try copy("link.db")
            try tamper(db, table: table.name, "UPDATE \(table.name) SET chain_hash = randomblob(32) WHERE \(table.seqColumn) = \(row.seq);")
            assertNamed(number % 3 == 0 ? try verify(db, parallel: number % 2 == 0) : try chainFindings(db), table: table, seqs: [row.seq], "\(table.name): link of \(row.label) overwritten")
        }
    }

    func testOneRowDeletedInEveryTableIsFoundAndNamed() throws {
        let rows = try chainRows()
        for (number, table) in ChainedTable.allCases.enumerated() {
            // A row that is not the chain's last (cutting the end off is --against's case).
            let candidates = rows.filter { $0.table == table && $0.seq < Int64(rows.count) }
            let row = try XCTUnwrap(candidates.first, table.name)
            let db = try copy("delete.db")
            let result = try tamper(db, table: table.name, "DELETE FROM \(table.name) WHERE \(table.seqColumn) = \(row.seq);")
            XCTAssertEqual(result.status, 0, result.stderr)
            assertNamed(try verify(db, parallel: number % 2 == 1), table: table, seqs: [row.seq], "\(row.label) deleted")
        }
    }

    /// A deleted row whose neighbours in the chain belong to other tables, and that no other
    /// row refers to: the chain alone knows only that seq N is gone. quality.md asks that
    /// verify name the table too (here a committee decision between two entries, with a
    /// later decision after it). Decision, assertion, close, approval, batch, loan and
    /// reading ids are given as max + 1, so a gap in them says which table lost a row.
    func testADeletedRowBetweenRowsOfOtherTablesIsNamedByItsTable() throws {
        let db = try copy("isolated.db")
        try run(["disburse", "--loan", "220001", "--date", "2025-01-11", "--amount", "1000", "--id", "Z-9"], db)
        try run(["decide", "--indicator", "BOT-CIVIL-INVESTERINGAR", "--year", "2023", "--met", "--reason", "Beslut", "--date", "2024-02-02"], db)
        let seq = Int64(try sqlite3(db, "SELECT max(seq) FROM indicator_decisions").stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
        try run(["disburse", "--loan", "220001", "--date", "2025-01-12", "--amount", "1000", "--id", "Z-3"], db)
        try run(["decide", "--indicator", "BOT-CIVIL-INVESTERINGAR", "--year", "2023", "--not-met", "--reason", "Omprövat", "--date", "2024-03-01"], db)
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM ledger_entries WHERE entry_id IN (\(seq - 1), \(seq + 1))").stdout, "2\n",
                       "the decision lies between two entries")
        try tamper(db, table: "indicator_decisions", "DELETE FROM indicator_decisions WHERE seq = \(seq);")
        assertNamed(try verify(db, parallel: false), table: .indicatorDecisions, seqs: [seq], "an isolated decision deleted")
    }

    /// The limit of the rule above: the newest row of its table, deleted from between rows
    /// of other tables, leaves no gap in its table's ids, and its content is gone, so no
    /// finding can say which table it was in. The chain still finds it and names the seq
    /// and the rows on both sides (docs/chain.md, "What verify cannot say").
    func testTheNewestRowOfATableDeletedIsNamedBySeqAndNeighbours() throws {
        let db = try copy("newest.db")
        try run(["disburse", "--loan", "220001", "--date", "2025-01-11", "--amount", "1000", "--id", "Z-9"], db)
        try run(["decide", "--indicator", "BOT-CIVIL-INVESTERINGAR", "--year", "2023", "--met", "--reason", "Beslut", "--date", "2024-02-02"], db)
        try run(["disburse", "--loan", "220001", "--date", "2025-01-12", "--amount", "1000", "--id", "Z-3"], db)
        let seq = Int64(try sqlite3(db, "SELECT max(seq) FROM indicator_decisions").stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
        try tamper(db, table: "indicator_decisions", "DELETE FROM indicator_decisions WHERE seq = \(seq);")
        let findings = try verify(db, parallel: false)
        XCTAssertEqual(findings.map(\.description), [
            "chain: seq \(seq) missing: deleted from between ledger_entries row Z-9 (seq \(seq - 1)) and ledger_entries row Z-3 "
                + "(seq \(seq + 1)), which no longer chains onto the row before it",
        ])
    }

    func testOneRowInsertedInEveryTableIsFoundAndNamed() throws {
        let rows = try chainRows()
        let last = Int64(rows.count)
        for (number, table) in ChainedTable.allCases.enumerated() {
            let mine = rows.filter { $0.table == table && !($0.table == .ledgerEntries && $0.values[7] != .null) }
            let original = mine[0]
            let types = try columnTypes(try base(), table.name)
            // A seq copied from a row of another table in the middle of the chain, with a zero link;
            // then the next seq with a random link.
            let middle = rows.filter { $0.table != table }[rows.count / 3].seq
            for (variant, seq, link) in [("copied seq", middle, "zeroblob(32)"), ("next seq", last + 1, "randomblob(32)")] {
                var values = original.values
                values[0] = .integer(seq)
                for column in Self.keyChanges(table) {
                    let index = table.columns.firstIndex(of: column)!
                    values[index] = Self.changed(values[index], type: types[column] ?? "", big: true)
                }
                let db = try copy("insert.db")
                let result = try tamper(db, table: table.name, "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", ")), chain_hash) "
                    + "VALUES (\(values.map(Self.literal).joined(separator: ", ")), \(link));")
                XCTAssertEqual(result.status, 0, "\(table.name) \(variant): \(result.stderr)")
                XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM \(table.name)").stdout.trimmingCharacters(in: .newlines),
                               String(mine.count + (table == .ledgerEntries ? rows.filter { $0.table == table }.count - mine.count : 0) + 1))
                assertNamed(try verify(db, parallel: number % 2 == 0), table: table, seqs: [seq],
                            "\(table.name): a copy of \(original.label) inserted with \(variant) \(seq)")
            }
        }
    }

    func testTwoRowsExchangedInEveryTableAreFoundAndNamed() throws {
        let rows = try chainRows()
        for (number, table) in ChainedTable.allCases.enumerated() {
            let mine = rows.filter { $0.table == table }
            let (a, b) = (mine[0].seq, mine[1].seq)
            let column = table.seqColumn
            let db = try copy("swap.db")
            let result = try tamper(db, table: table.name, """
                UPDATE \(table.name) SET \(column) = -1 WHERE \(column) = \(a);
                UPDATE \(table.name) SET \(column) = \(a) WHERE \(column) = \(b);
                UPDATE \(table.name) SET \(column) = \(b) WHERE \(column) = -1;
                """)
            XCTAssertEqual(result.status, 0, result.stderr)
            assertNamed(try verify(db, parallel: number % 2 == 1), table: table, seqs: [a, b], "\(mine[0].label) and \(mine[1].label) exchanged")
        }
    }

    /// Reference data the migrations supply: a changed, deleted or added row is named by a
    /// schema finding (verify compares it with a fresh migration).
    func testAChangedRowOfReferenceDataIsNamed() throws {
        let changes: [(table: String, sql: String, key: String)] = [
            ("municipalities", "UPDATE municipalities SET name = 'Botkyrka stad' WHERE municipality_code = '0127';", "0127"),
            ("municipalities", "INSERT INTO municipalities VALUES ('0000', 'Påhittad');", "0000"),
            ("municipalities", "DELETE FROM municipalities WHERE municipality_code = '0126';", "0126"),
            ("market_class_bounds", "UPDATE market_class_bounds SET very_weak_max = very_weak_max + 1 WHERE year = 2012 AND scenario = 'base';",
             "2012/base"),
            ("vacancy_2013", "UPDATE vacancy_2013 SET vacant_dwellings = vacant_dwellings + 1 WHERE municipality_code = '1460';", "1460"),
            ("import_kinds", "UPDATE import_kinds SET description = 'anything' WHERE kind = 'market';", "market"),
        ]
        for change in changes {
            let db = try copy("reference.db")
            let result = try tamper(db, table: change.table, change.sql)
            XCTAssertEqual(result.status, 0, "\(change.table): \(result.stderr)")
            let findings = try verify(db, parallel: false)
            let named = findings.filter { $0.category == .schema && $0.message.contains(change.table + " row") && $0.message.contains(change.key) }
            XCTAssertFalse(named.isEmpty, "\(change.sql): no schema finding names the row: \(findings)")
        }
        // The migration history itself.
        let db = try copy("migrations.db")
        try tamper(db, table: "schema_migrations", "UPDATE schema_migrations SET checksum = replace(checksum, substr(checksum, 1, 1), "
                   + "CASE substr(checksum, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END) WHERE version = 2;")
        XCTAssertTrue(try verify(db, parallel: false).contains { $0.category == .migrations }, "a changed migration checksum passes")
    }

    // MARK: the cases of the issue

    func testAnApprovedStatusRewrittenWithTheTriggersRecreatedIsFound() throws {
        let db = try copy("status.db")
        let seq = try sqlite3(db, "SELECT min(seq) FROM followup_approved_statuses WHERE status <> 'target_met'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try tamper(db, table: "followup_approved_statuses",
                                "UPDATE followup_approved_statuses SET status = 'target_met' WHERE seq = \(seq);")
        XCTAssertEqual(result.status, 0, result.stderr)
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 65, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("chain: followup_approved_statuses row"), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("(seq \(seq))"), verify.stdout)
        XCTAssertFalse(verify.stdout.contains("schema:"), verify.stdout)
        // Deleted instead of rewritten: found too.
        let deleted = try copy("status-deleted.db")
        try tamper(deleted, table: "followup_approved_statuses", "DELETE FROM followup_approved_statuses WHERE seq = \(seq);")
        let second = try hallbar(["verify", "--db", deleted])
        XCTAssertEqual(second.status, 65, second.stdout)
        XCTAssertTrue(second.stdout.contains("seq \(seq)"), second.stdout)
    }

    /// A ledger whose last row is a follow-up approval (or, with `close`, a period close
    /// after it), to forge an entry after.
    func ledgerEndingWith(close: Bool) throws -> String {
        let db = try copy(close ? "forge-close.db" : "forge.db")
        try run(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "77", "--reason", "Ny rättelse",
                 "--date", "2024-08-15"], db)
        try run(["followup", "approve", "--year", "2023", "--date", "2024-09-01", "--by", "Kommittén"], db)
        if close { try run(["close", "--through", "2024-12-31", "--reason", "Bokslut 2024", "--by", "Revisor"], db) }
        XCTAssertEqual(try hallbar(["verify", "--db", db]).status, 0)
        return db
    }

    /// Appends an entry with a correctly computed link after the head, stamped `at`.
    func forgeEntry(_ db: String, at stamp: String, valueDate: String) throws {
        let connection = try Connection(path: db, mode: .readOnly)
        let head = try ChainHead.read(in: connection)
        let loanID = try connection.scalarInt("SELECT loan_id FROM loans WHERE loan_number = '220001'") ?? 0
        try connection.close()
        let values: [SQLValue] = [.integer(head.rows + 1), .text("FORGED-1"), .integer(loanID), .text(valueDate), .text("disbursement"),
                                  .integer(100_000_00), .integer(100_000_00), .null, .null, .text(stamp), .text("Mallory"), .null]
        let link = try ChainedTable.link(previous: head.link, table: .ledgerEntries, values: values)
        let sql = "INSERT INTO ledger_entries (\(ChainedTable.ledgerEntries.columns.joined(separator: ", ")), chain_hash) VALUES ("
            + values.map(Self.literal).joined(separator: ", ") + ", X'\(SHA256.hex(link))');"
        let result = try sqlite3(db, sql)
        XCTAssertEqual(result.status, 0, result.stderr)
        // The forgery chains: only the stamp or the closed period gives it away.
        let check = try Connection(path: db, mode: .readOnly)
        defer { try? check.close() }
        XCTAssertNil(try ChainCheck.verify(in: check).firstBreak, "the forged entry's link is not the one hallbar would compute")
    }

    func testAForgedEntryAfterAnApprovalStampedEarlierIsFound() throws {
        let db = try ledgerEndingWith(close: false)
        let approvedAt = try sqlite3(db, "SELECT recorded_at FROM followup_approvals ORDER BY seq DESC LIMIT 1").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try forgeEntry(db, at: "2024-09-01T08:00:00.000Z", valueDate: "2024-08-30")
        XCTAssertLessThan("2024-09-01T08:00:00.000Z", approvedAt)
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 65, "a forged entry stamped before the approval passes: \(verify.stdout)")
        XCTAssertTrue(verify.stdout.contains("chain: ledger_entries row FORGED-1"), verify.stdout)
    }

    func testAForgedEntryWithALaterStampInAClosedPeriodIsAnInvariantFinding() throws {
        let db = try ledgerEndingWith(close: true)
        let closedAt = try sqlite3(db, "SELECT recorded_at FROM period_closes ORDER BY seq DESC LIMIT 1").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let later = "9999-12-31T00:00:00.000Z"
        XCTAssertLessThan(closedAt, later)
        try forgeEntry(db, at: later, valueDate: "2024-11-15")
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 65, "a forged entry in a closed period passes: \(verify.stdout)")
        XCTAssertTrue(verify.stdout.split(separator: "\n").contains { $0.hasPrefix("invariant:") && $0.contains("FORGED-1") }, verify.stdout)
    }

    func testALedgerCutBackIsFoundAgainstTheHeadPrintedBefore() throws {
        let db = try copy("cut.db")
        let report = try run(["report", "shares", "--as-of", "2025-06-30", "--format", "json"], db)
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let head = try XCTUnwrap((object?["meta"] as? [String: Any])?["ledger_head"] as? String)
        XCTAssertEqual(try hallbar(["verify", "--against", head, "--db", db]).status, 0)
        // The last three rows (the reversal, the two entries) deleted: the rest still chains.
        let last = try sqlite3(db, "SELECT max(entry_id) FROM ledger_entries").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try tamper(db, table: "ledger_entries", "DELETE FROM ledger_entries WHERE entry_id > \(Int(last)! - 3);")
        XCTAssertEqual(try hallbar(["verify", "--db", db]).status, 0, "cut at its end, the ledger looks whole on its own")
        let found = try hallbar(["verify", "--against", head, "--db", db])
        XCTAssertEqual(found.status, 65, found.stdout)
        XCTAssertTrue(found.stdout.contains("head:"), found.stdout)
        // In process too, with the parallel pass.
        let link = try XCTUnwrap(ChainHead.parseLink(head))
        XCTAssertTrue(try verify(db, parallel: true, against: link).contains { $0.category == .head })
        XCTAssertTrue(try verify(db, parallel: false, against: link).contains { $0.category == .head })
    }
}
