import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// A fresh ledger per test, with helpers to write CSV files and import them.
class ImportTestCase: XCTestCase {
    var directory: URL!
    var store: LedgerStore!
    var db: Connection { store.db }
    let stamp = Stamp(by: "tester", at: "2026-11-23T10:00:00.000Z")

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try LedgerDatabase.create(path: path("ledger.db"), stamp: stamp)
        store = try LedgerStore.open(path: path("ledger.db"), access: .write)
    }

    override func tearDownWithError() throws {
        store?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` (UTF-8) to a file in the test folder and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        try file(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func file(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// Imports `text` as `kind` from a file named after the kind.
    @discardableResult
    func importText(_ kind: ImportKind, _ text: String, name: String? = nil, dryRun: Bool = false,
                    encoding: CSVEncoding = .utf8) throws -> ImportSummary {
        let fileName = name ?? "\(kind.rawValue).csv"
        let p = try file(fileName, text)
        var options = ImportOptions(encoding: encoding, dryRun: dryRun, fileName: fileName)
        options.stamp = stamp
        return try store.importFile(kind, path: p, options: options)
    }

    /// Import options stamped with this test's stamp.
    func testOptions(encoding: CSVEncoding = .utf8) -> ImportOptions {
        var options = ImportOptions(encoding: encoding)
        options.stamp = stamp
        return options
    }

    /// Runs `body` in one write transaction stamped with this test's stamp.
    @discardableResult
    func write<T>(_ body: (LedgerWrite) throws -> T) throws -> T { try store.write(stamp: stamp, body) }

    /// The problems of a refused import (fails the test when it succeeds).
    func problems(_ kind: ImportKind, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> [InputProblem] {
        do {
            try importText(kind, text)
            XCTFail("the import should have been refused", file: file, line: line)
            return []
        } catch let failure as ImportFailure {
            return failure.problems
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return []
        }
    }

    /// Asserts that importing `text` is refused with a problem containing `fragment`.
    func assertRefused(_ kind: ImportKind, _ text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = problems(kind, text, file: file, line: line)
        XCTAssertTrue(found.contains { $0.description.contains(fragment) },
                      "expected a problem containing \(fragment), got \(found.map(\.description))", file: file, line: line)
    }

    // MARK: A small portfolio

    static let members = "org_no,name,municipality_code\n212000-2882,Botkyrka kommun,0127\n212000-3005,Uppsala kommun,0380\n"
    static let borrowers = """
        org_no,name,owner_org_no
        212000-2882,Botkyrka kommun,212000-2882
        556900-1018,Botkyrkabyggen,212000-2882
        556900-1034,Uppsalahem,212000-3005

        """
    static let projects = """
        project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,decision_date,status,basic_requirements
        1,social,556900-1018,Alby,Boende och boendemiljöer,1,2000000000,2022-03-15,approved,5/5
        5001,green,556900-1034,Solceller,renewable_energy,,900000000,2022-06-01,approved,
        23,social,556900-1034,Hall,"Hälsa, utbildning, idrott och kultur",2,60000000,2024-06-11,rejected,11100

        """
    static let loans = """
        loan_number,borrower_org_no,programme,project_number,green_bond_eligible
        S1,556900-1018,social,1,
        G1,556900-1034,green,5001,true
        O1,212000-2882,other,,

        """

    /// Loads members, borrowers, projects and loans.
    func loadPortfolio() throws {
        try importText(.members, Self.members)
        try importText(.borrowers, Self.borrowers)
        try importText(.projects, Self.projects)
        try importText(.loans, Self.loans)
    }

    /// The sum of balance effects per loan number up to `date`.
    func balance(_ loan: String, at date: String = "9999-12-31") throws -> Int64 {
        try db.scalarInt(
            "SELECT coalesce(sum(balance_effect_ore), 0) FROM ledger_entries JOIN loans USING (loan_id) WHERE loan_number = ? AND value_date <= ?",
            [loan, date]) ?? -1
    }

    func count(_ table: String) throws -> Int64 { try db.scalarInt("SELECT count(*) FROM \(table)") ?? -1 }

    /// Every row of every table, for "nothing changed" comparisons.
    func snapshot() throws -> [String] {
        let tables = try db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0].string }
        return try tables.flatMap { table in try db.prepare("SELECT * FROM \"\(table)\"").rows().map { "\(table): \($0)" } }
    }
}
