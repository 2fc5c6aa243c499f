import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The queries of `list` and `show` (LedgerStore/Lists): a loan's amounts from the indexes
/// against the same amounts computed from each entry's kind, the query plans that keep
/// `list loans` and `show loan` fast, and the SQL `make bench` gives sqlite3.
final class ListQueryTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-lists-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// The seeds, plus reversals of a disbursement and a repayment, a same-day disbursement
    /// and repayment of the same amount, and a loan moved to another project in 2025.
    func ledger() throws -> LedgerFixture {
        let f = try LedgerFixture(path: directory.appendingPathComponent("ledger.db").path)
        try f.loadSeeds()
        try f.db.inTransaction {
            try f.entry("X-1", loan: "220002", date: "2024-06-01", amountSEK: "1000", kind: "disbursement")
            try f.reverse("X-1", id: "X-1-R")
            try f.entry("X-2", loan: "220002", date: "2024-06-02", amountSEK: "300", kind: "repayment")
            try f.reverse("X-2", id: "X-2-R")
            try f.entry("X-3", loan: "220003", date: "2024-07-01", amountSEK: "50", kind: "disbursement")
            try f.entry("X-4", loan: "220003", date: "2024-07-01", amountSEK: "50", kind: "repayment")
            try f.entry("X-5", loan: "210001", date: "2025-02-01", amountSEK: "12.34", kind: "disbursement")
            try f.reverse("X-5", id: "X-5-R")
        }
        return f
    }

    /// Disbursed, repaid and outstanding per loan the plain way: from each entry's kind, and
    /// for a reversal the kind of the entry it reverses.
    func byKind(asOf date: String, in db: Connection) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for row in try db.rows("""
            SELECT l.loan_number,
                   coalesce(sum(CASE WHEN e.kind = 'disbursement' THEN e.amount_ore
                                     WHEN e.kind = 'reversal' AND o.kind = 'disbursement' THEN -e.amount_ore ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN e.kind = 'repayment' THEN e.amount_ore
                                     WHEN e.kind = 'reversal' AND o.kind = 'repayment' THEN -e.amount_ore ELSE 0 END), 0),
                   coalesce(sum(e.balance_effect_ore), 0)
            FROM loans AS l LEFT JOIN ledger_entries AS e ON e.loan_id = l.loan_id AND e.value_date <= ?
            LEFT JOIN ledger_entries AS o ON o.entry_id = e.reverses_entry_id
            GROUP BY l.loan_number
            """, [date]) {
            result[row[0].string ?? ""] = (1...3).map { row[$0].int64 ?? -1 }
        }
        return result
    }

    func testLoanAmountsFromTheIndexesEqualThoseByKind() throws {
        let f = try ledger()
        defer { try? f.close() }
        for date in ["2021-12-31", "2023-12-31", "2024-06-01", "2024-12-31", "2025-12-31"] {
            let listed = try LedgerRead(db: f.db).list(.loans, ListFilter(asOf: try Day.parse(date)))
            let expected = try byKind(asOf: date, in: f.db)
            XCTAssertEqual(listed.rows.count, expected.count)
            for r in listed.rows.indices {
                let number = listed.value("loan_number", row: r).text ?? ""
                let amounts = ["disbursed_ore", "repaid_ore", "outstanding_ore"].map { listed.value($0, row: r).integer ?? -1 }
                XCTAssertEqual(amounts, expected[number], "\(number) as of \(date)")
            }
        }
        // The reversed pair drops out: 220002 disbursed as seeded (400 000 000 kr), nothing repaid.
        var filter = ListFilter(asOf: try Day.parse("2024-12-31"))
        filter.loan = "220002"
        let loan = try LedgerRead(db: f.db).list(.loans, filter)
        XCTAssertEqual(loan.value("disbursed_ore", row: 0), .integer(40_000_000_000))
        XCTAssertEqual(loan.value("repaid_ore", row: 0), .integer(0))
    }

    func testProjectAmountsFollowTheLoanOnEachValueDate() throws {
        let f = try ledger()
        defer { try? f.close() }
        // Project 1's loan 220001 disbursed 1 800 000 000 kr; a reversed 1 000 kr on 220002 (project 2)
        // changes nothing there.
        let projects = try LedgerRead(db: f.db).list(.projects, ListFilter(asOf: try Day.parse("2024-12-31")))
        let row = try XCTUnwrap(projects.rows.indices.first { projects.value("project_number", row: $0) == .integer(1) })
        XCTAssertEqual(projects.value("disbursed_ore", row: row), .integer(180_000_000_000))
        let two = try XCTUnwrap(projects.rows.indices.first { projects.value("project_number", row: $0) == .integer(2) })
        XCTAssertEqual(projects.value("disbursed_ore", row: two), .integer(40_000_000_000))
        XCTAssertEqual(projects.value("outstanding_ore", row: two), .integer(40_000_000_000))
    }

    func plan(_ query: ListQuery, in db: Connection) throws -> [String] {
        try db.rows("EXPLAIN QUERY PLAN " + query.sql, query.arguments).compactMap { $0["detail"].string }
    }

    func testListLoansAndShowLoanReadIndexesNotTheEntriesTable() throws {
        let f = try ledger()
        defer { try? f.close() }
        let loans = try plan(ListQuery.loans(ListFilter(asOf: try Day.parse("2024-12-31"))), in: f.db)
        XCTAssertTrue(loans.contains { $0.contains("USING COVERING INDEX ledger_entries_by_loan_date (loan_id=? AND value_date<?)") }, "\(loans)")
        XCTAssertTrue(loans.contains { $0.contains("USING INDEX ledger_entries_reversal_of") }, "\(loans)")
        XCTAssertFalse(loans.contains { $0.contains("SCAN ledger_entries") }, "\(loans)")
        let show = ShowQuery.loanQueries("220001", asOf: try Day.parse("2024-12-31"))
        let entries = try plan(show.entries, in: f.db)
        XCTAssertTrue(entries.contains { $0.contains("SEARCH e USING INDEX ledger_entries_by_loan_date (loan_id=? AND value_date<?)") }, "\(entries)")
        XCTAssertTrue(entries.contains { $0.contains("SEARCH r USING INDEX ledger_entries_reversal_of (reverses_entry_id=?)") }, "\(entries)")
        for query in [show.loan, show.names] { XCTAssertFalse(try plan(query, in: f.db).contains { $0.contains("SCAN ledger_entries") }) }
    }

    /// bench/list-loans.sql, bench/show-loan.sql and bench/history-loan.sql are the statements hallbar runs, so that
    /// `make bench` compares hallbar with sqlite3 doing the same work. Run with
    /// HALLBAR_WRITE_BENCH_SQL=1 to write them after changing the queries.
    func testBenchSQLIsWhatHallbarRuns() throws {
        let day = try Day.parse("2024-12-31")
        let show = ShowQuery.loanQueries("L", asOf: day)
        let files: [(String, String)] = [
            ("list-loans.sql", """
                -- The SQL of `hallbar list loans --as-of ?1` (ListQuery.loans); bench/bench.py binds ?1.
                -- Written by ListQueryTests (HALLBAR_WRITE_BENCH_SQL=1); a test checks it is what hallbar runs.
                \(ListQuery.loans(ListFilter(asOf: day)).sql);

                """),
            ("show-loan.sql", """
                -- The SQL of `hallbar show loan ?2 --as-of ?1` (ShowQuery.loanQueries); bench/bench.py binds ?1 and ?2.
                -- Written by ListQueryTests (HALLBAR_WRITE_BENCH_SQL=1); a test checks it is what hallbar runs.
                \(show.loan.sql);
                \(show.names.sql);
                \(show.entries.sql);

                """),
            ("history-loan.sql", """
                -- The SQL of `hallbar history loan ?2` (RecordHistory: the loan's id, its revisions, its first
                -- project's decision date, the batches' files); bench/bench.py binds ?2 (number), ?3 (its id)
                -- and ?4 (its first project).
                -- Written by ListQueryTests (HALLBAR_WRITE_BENCH_SQL=1); a test checks it is what hallbar runs.
                \(RecordHistory.loanIDSQL.replacingOccurrences(of: "?", with: "?2"));
                \(RecordHistory.revisionsSQL(.loan).replacingOccurrences(of: "?", with: "?3"));
                \(RecordHistory.loanStartSQL.replacingOccurrences(of: "?", with: "?4"));
                \(RecordHistory.batchFilesSQL);

                """),
        ]
        let bench = LedgerFixture.packageRoot.appendingPathComponent("bench")
        for (name, text) in files {
            let url = bench.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["HALLBAR_WRITE_BENCH_SQL"] == "1" {
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), text,
                           "bench/\(name) is stale: run HALLBAR_WRITE_BENCH_SQL=1 swift test --filter ListQueryTests")
        }
        // The loan filter is the second parameter, as bench.py binds it.
        XCTAssertEqual(show.loan.arguments.count, 2)
        let f = try LedgerFixture(path: directory.appendingPathComponent("empty.db").path)
        defer { try? f.close() }
        XCTAssertEqual(try [show.loan, show.names, show.entries].map { try f.db.prepare($0.sql).parameterCount }, [2, 2, 2])
    }
}
