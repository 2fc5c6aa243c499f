import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// A small ledger written with `ChainWriter` (not the import code), for the audit tests:
/// two members and borrowers, projects #1 (social), #20 (green) and #30 (rejected), four
/// loans, `entries` ledger entries from one import batch (disbursements, repayments and one
/// reversal), an indicator with two readings, a follow-up approval that recorded the head,
/// and a balance assertion that holds.
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

    /// Creates the ledger at `path`.
    @discardableResult
    static func build(at path: String, entries: Int = 24, approve: Bool = true) throws -> Connection {
        try LedgerDatabase.create(path: path, stamp: dataStamp)
        let db = try LedgerDatabase.open(path: path, access: .write)
        let s = dataStamp
        try db.inTransaction {
            try db.run("INSERT INTO import_batches VALUES (1, 'entries', 'entries.csv', ?, ?, ?, 0, ?, ?)",
                       [String(repeating: "a", count: 64), entries, entries, s.at, s.by])
            for (org, name) in [("212000-0142", "Botkyrka kommun"), ("212000-1124", "Tanums kommun")] {
                try db.run("INSERT INTO members VALUES (?, ?, NULL, ?, ?, NULL)", [org, name, s.at, s.by])
                try db.run("INSERT INTO borrowers VALUES (?, ?, ?, ?, ?, NULL)", [org, name, org, s.at, s.by])
            }
            var projects = try ChainWriter(.projects, in: db)
            for (number, programme, category, type, status) in [
                (1, "social", "Boende och boendemiljöer", SQLValue.integer(1), "approved"),
                (20, "green", "green_buildings", SQLValue.null, "approved"),
                (30, "green", "clean_transport", SQLValue.null, "rejected"),
            ] {
                let social = programme == "social"
                let requirement: SQLValue = social ? .integer(1) : .null
                try projects.insert([
                    .integer(Int64(number)), .text(programme), .text("212000-0142"), .text("Projekt \(number)"), .text(category),
                    type, .integer(500_000_000_00), .text("2023-03-01"), .text(status), social ? .null : .text("2023"),
                    number == 1 ? .integer(1_000_000_000_00) : .null,
                    requirement, requirement, requirement, requirement, requirement, .null, .null, .null,
                    .text(s.at), .text(s.by), .null,
                ])
            }
            for (id, number, programme, project, eligible) in [
                (1, "L-1", "social", SQLValue.integer(1), SQLValue.null), (2, "L-2", "green", .integer(20), .integer(1)),
                (3, "L-3", "other", .null, .null), (4, "L-4", "green", .integer(30), .integer(0)),
            ] {
                try db.run("INSERT INTO loans VALUES (?, ?, '212000-0142', ?, ?, ?, ?, ?, NULL)",
                           [id, number, programme, project, eligible, s.at, s.by])
            }
            var ledger = try ChainWriter(.ledgerEntries, in: db)
            for n in 1...entries {
                let effect = effect(n)
                let day = String(format: "2024-%02d-%02d", (n - 1) / 28 % 12 + 1, (n - 1) % 28 + 1)
                try ledger.insert([
                    .integer(Int64(n)), .text("E-\(n)"), .integer(n % 2 == 1 ? 1 : 2), .text(day),
                    .text(effect > 0 ? "disbursement" : "repayment"), .integer(abs(effect)), .integer(effect),
                    .null, .null, .text(s.at), .text(s.by), .integer(1),
                ])
            }
            // A disbursement on L-3 and its reversal (same date, amount, opposite effect).
            try ledger.insert([.integer(Int64(entries + 1)), .text("E-X"), .integer(3), .text("2024-06-03"), .text("disbursement"),
                               .integer(7_00), .integer(7_00), .null, .null, .text(s.at), .text(s.by), .null])
            try ledger.insert([.integer(Int64(entries + 2)), .text("E-X-R"), .integer(3), .text("2024-06-03"), .text("reversal"),
                               .integer(7_00), .integer(-7_00), .integer(Int64(entries + 1)), .text("wrong loan"),
                               .text(s.at), .text(s.by), .null])
            try db.run("""
                INSERT INTO indicators (indicator_id, project_number, goal, name, direction, baseline_value, baseline_year,
                    target, target_text, recorded_at, recorded_by) VALUES ('I-1', 1, 'Ökad trivsel', 'Trivsel', 'higher', '86.5', 2022, '>=90', '90 (2025)', ?, ?)
                """, [s.at, s.by])
            var readings = try ChainWriter(.readings, in: db)
            for (id, year, value) in [(1, 2022, "86.5"), (2, 2023, "86")] {
                try readings.insert([.integer(Int64(id)), .text("I-1"), .integer(Int64(year)), .text(value), .text("number"),
                                     .text(value), .text(value), .integer(0), .null, .text(s.at), .text(s.by), .null])
            }
            try db.run("INSERT INTO balance_assertions (programme, as_of, expected_ore, tolerance_ore, note, recorded_at, recorded_by) VALUES ('green', '2024-12-31', ?, 0, 'fixture', ?, ?)",
                       [greenOutstanding(entries: entries), s.at, s.by])
        }
        if approve { try recordApproval(in: db, stamp: approvalStamp) }
        return db
    }

    /// Records a follow-up approval the way `followup approve` does: the head first, then the row.
    static func recordApproval(in db: Connection, stamp: Stamp, year: Int64 = 2023) throws {
        try db.inTransaction {
            let head = try LedgerHead.compute(in: db)
            let revision = (try db.scalarInt("SELECT max(revision) FROM followup_approvals WHERE year = ?", [year]) ?? 0) + 1
            let id = (try db.scalarInt("SELECT max(approval_id) FROM followup_approvals") ?? 0) + 1
            var approvals = try ChainWriter(.followupApprovals, in: db)
            try approvals.insert([.integer(id), .integer(year), .integer(revision), .text("2025-02-01"), .text("test"),
                                  .text(head), .null, .text(stamp.at), .text(stamp.by)])
        }
    }

    /// Appends entries after the fixture's, with a later stamp, the way a later import would.
    static func appendEntries(_ count: Int, in db: Connection, stamp: Stamp) throws {
        try db.inTransaction {
            var ledger = try ChainWriter(.ledgerEntries, in: db)
            let first = (try db.scalarInt("SELECT max(entry_id) FROM ledger_entries") ?? 0) + 1
            for id in first..<(first + Int64(count)) {
                try ledger.insert([.integer(id), .text("E-late-\(id)"), .integer(3), .text("2025-01-10"), .text("disbursement"),
                                   .integer(1_00), .integer(1_00), .null, .null, .text(stamp.at), .text(stamp.by), .null])
            }
        }
    }

    /// Rewrites every link of `table` from the first row on, as an attacker who edited rows
    /// and recomputed the chain would (the triggers must be dropped first).
    static func recomputeChain(_ table: ChainedTable, in db: Connection) throws {
        let rows = try db.prepare("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.idColumn)").rows()
        var previous = ChainLink.genesis
        try db.inTransaction {
            for row in rows {
                previous = try ChainedTable.link(previous: previous, table: table, values: row.values)
                try db.run("UPDATE \(table.name) SET chain_hash = ? WHERE \(table.idColumn) = ?", [SQLValue.blob(previous), row.values[0]])
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
}
