import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// A small ledger written through the chain (`ChainAppender`, not the import code), for the
/// audit tests: two members and borrowers, projects #1 (social), #20 (green) and #30
/// (rejected), four loans, `entries` ledger entries from one import batch (disbursements and
/// repayments, then the batch row), one disbursement and its reversal, an indicator with two
/// readings, a balance assertion that holds, and a follow-up approval (its frozen status,
/// then its row with the head before them).
///
/// It lives in hallbarTests because both the verifier tests and the CLI tests use it, and
/// test targets cannot share files.
enum AuditFixture {
    static let dataStamp = Stamp(by: "Åsa Öberg", at: "2025-01-15T10:00:00.000Z")
    static let approvalStamp = Stamp(by: "committee", at: "2025-02-01T09:00:00.000Z")

    /// The outstanding amount on green loans at 2024-12-31 the fixture gives.
    static func greenOutstanding(entries: Int) -> Ore {
        (1...entries).filter { $0 % 2 == 0 }.reduce(0) { $0 + effect($1) }
    }

    /// Entry `n`'s balance effect: loans alternate L-1 (odd) and L-2 (even); every fourth entry
    /// on each loan is a repayment of half of a disbursement.
    static func effect(_ n: Int) -> Ore {
        n % 8 == 0 || n % 8 == 7 ? -50_000_00 : 100_000_00
    }

    /// Appends one row to the chain inside the caller's transaction.
    @discardableResult
    static func append(_ table: ChainedTable, _ values: [SQLValue], in db: Connection) throws -> Int64 {
        try ChainAppender(db: db).append(table, values)
    }

    /// Creates the ledger at `path`.
    @discardableResult
    static func build(at path: String, entries: Int = 24, approve: Bool = true) throws -> Connection {
        try LedgerDatabase.create(path: path, stamp: dataStamp)
        let db = try LedgerDatabase.open(path: path, access: .write)
        let s = dataStamp
        let stamp: [SQLValue] = [.text(s.at), .text(s.by)]
        try db.inTransaction {
            try db.execute("PRAGMA defer_foreign_keys = ON")
            for (org, name) in [("212000-0142", "Botkyrka kommun"), ("212000-1124", "Tanums kommun")] {
                try append(.members, [.text(org), .text(name), .null] + stamp + [.null], in: db)
                try append(.borrowers, [.text(org), .text(name), .text(org)] + stamp + [.null], in: db)
            }
            for (number, programme, category, type, status) in [
                (1, "social", "Boende och boendemiljöer", SQLValue.integer(1), "approved"),
                (20, "green", "green_buildings", SQLValue.null, "approved"),
                (30, "green", "clean_transport", SQLValue.null, "rejected"),
            ] {
                let social = programme == "social"
                let requirement: SQLValue = social ? .integer(1) : .null
                try append(.projects, [
                    .integer(Int64(number)), .text(programme), .text("212000-0142"), .text("Projekt \(number)"), .text(category),
                    type, .integer(500_000_000_00), .text("2023-03-01"), .text(status), social ? .null : .text("2023"),
                    number == 1 ? .integer(1_000_000_000_00) : .null,
                    requirement, requirement, requirement, requirement, requirement, .null, .null, .null,
                ] + stamp + [.null], in: db)
            }
            for (id, number, programme, project, eligible) in [
                (1, "L-1", "social", SQLValue.integer(1), SQLValue.null), (2, "L-2", "green", .integer(20), .integer(1)),
                (3, "L-3", "other", .null, .null), (4, "L-4", "green", .integer(30), .integer(0)),
            ] {
                try append(.loans, [.integer(Int64(id)), .text(number), .text("212000-0142"), .text(programme), project, eligible]
                           + stamp + [.null], in: db)
            }
            for n in 1...entries {
                let effect = effect(n)
                let day = String(format: "2024-%02d-%02d", (n - 1) / 28 % 12 + 1, (n - 1) % 28 + 1)
                try append(.ledgerEntries, [
                    .text("E-\(n)"), .integer(n % 2 == 1 ? 1 : 2), .text(day), .text(effect > 0 ? "disbursement" : "repayment"),
                    .integer(abs(effect)), .integer(effect), .null, .null,
                ] + stamp + [.integer(1)], in: db)
            }
            try append(.importBatches, [.integer(1), .text("entries"), .text("entries.csv"), .text(String(repeating: "a", count: 64)),
                                        .integer(Int64(entries)), .integer(Int64(entries)), .integer(0), .integer(0), .integer(0),
                                        .null, .null] + stamp, in: db)
            // A disbursement on L-3 and its reversal (same date, amount, opposite effect).
            let original = try append(.ledgerEntries, [.text("E-X"), .integer(3), .text("2024-06-03"), .text("disbursement"),
                                                       .integer(7_00), .integer(7_00), .null, .null] + stamp + [.null], in: db)
            try append(.ledgerEntries, [.text("E-X-R"), .integer(3), .text("2024-06-03"), .text("reversal"), .integer(7_00),
                                        .integer(-7_00), .integer(original), .text("wrong loan")] + stamp + [.null], in: db)
            try append(.indicators, [.text("I-1"), .integer(1), .null, .text("Ökad trivsel"), .text("Trivsel"), .null, .text("higher"),
                                     .text("86.5"), .integer(2022), .text(">=90"), .text("90 (2025)"), .null, .text("0")]
                       + stamp + [.null], in: db)
            for (id, year, value) in [(1, 2022, "86.5"), (2, 2023, "86")] {
                try append(.readings, [.integer(Int64(id)), .text("I-1"), .integer(Int64(year)), .text(value), .text("number"),
                                       .text(value), .text(value), .null] + stamp + [.null], in: db)
            }
            try append(.balanceAssertions, [.integer(1), .text("green"), .text("2024-12-31"), .integer(greenOutstanding(entries: entries)),
                                            .integer(0), .text("fixture")] + stamp, in: db)
        }
        if approve { try recordApproval(in: db, stamp: approvalStamp) }
        return db
    }

    /// Records a follow-up approval the way `followup approve` does: the frozen status
    /// first, then the approval row with the head before the status.
    static func recordApproval(in db: Connection, stamp: Stamp, year: Int64 = 2023) throws {
        try db.inTransaction {
            try db.execute("PRAGMA defer_foreign_keys = ON")
            let head = try ChainHead.read(in: db)
            let revision = (try db.scalarInt("SELECT max(revision) FROM followup_approvals WHERE year = ?", [year]) ?? 0) + 1
            let id = (try db.scalarInt("SELECT max(approval_id) FROM followup_approvals") ?? 0) + 1
            try append(.followupApprovedStatuses, [.integer(id), .text("I-1"), .integer(1), .text("86.5"), .text("86.5"), .text("86"),
                                                   .text("90 (2025)"), .text("worse_than_baseline"), .integer(0), .integer(0)], in: db)
            try append(.followupApprovals, [.integer(id), .integer(year), .integer(revision), .text("2025-02-01"), .text("test"),
                                            .text(head.text), .integer(head.rows), .null, .text(stamp.at), .text(stamp.by)], in: db)
        }
    }

    /// Appends entries after the fixture's, with a later stamp, the way a later record would.
    static func appendEntries(_ count: Int, in db: Connection, stamp: Stamp) throws {
        try db.inTransaction {
            let earlier = Int(try db.scalarInt("SELECT count(*) FROM ledger_entries WHERE external_id LIKE 'E-late-%'") ?? 0)
            for n in earlier..<(earlier + count) {
                try append(.ledgerEntries, [.text("E-late-\(n)"), .integer(3), .text("2025-01-10"), .text("disbursement"),
                                            .integer(1_00), .integer(1_00), .null, .null, .text(stamp.at), .text(stamp.by), .null], in: db)
            }
        }
    }

    /// Rewrites every link of the chain from row `from` on, as an attacker who edited rows
    /// and recomputed the chain would (the triggers must be dropped first).
    static func recomputeChain(from seq: Int64 = 1, in db: Connection) throws {
        var previous = try ChainHead.link(at: seq - 1, in: db) ?? ChainLink.genesis
        let rows = try ChainRowValues.read(seq...Int64.max, in: db)
        try db.inTransaction {
            for row in rows {
                previous = try ChainedTable.link(previous: previous, table: row.table, values: row.values)
                try db.run("UPDATE \(row.table.name) SET chain_hash = ? WHERE \(row.table.seqColumn) = ?",
                           [SQLValue.blob(previous), row.values[0]])
            }
        }
    }
}

/// A CLI test case whose every test starts with the fixture ledger at `db`.
class AuditTestCase: CLITestCase {
    /// The fixture ledger of this test.
    var db: String { path("ledger.db") }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try AuditFixture.build(at: db).close()
    }

    /// Puts a disbursement E-forged on L-3 at `seq` in the sqlite3 shell, with the link
    /// `link` (SQL) instead of one computed from the chain; `ignoringChecks` lets a seq below 1 in.
    func forgeEntry(seq: Int64, stamp: String, link: String = "zeroblob(32)", ignoringChecks: Bool = false,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sqlite3(db, """
            \(ignoringChecks ? "PRAGMA ignore_check_constraints = ON;" : "")
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
                recorded_at, recorded_by, chain_hash)
            VALUES (\(seq), 'E-forged', 3, '2024-02-01', 'disbursement', 100, 100, '\(stamp)', 'mallory', \(link));
            """)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }
}
