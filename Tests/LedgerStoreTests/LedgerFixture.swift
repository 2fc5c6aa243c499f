import Foundation
import Ledger
@testable import LedgerStore
import SQLite

/// Builds test ledgers directly, without the import code: `LedgerDatabase.create`, then each
/// row through the chain (`ChainAppender`), exactly as hallbar links rows. No validation
/// beyond the schema's: it exists so that reports can be tested apart from `hallbar seed`.
///
/// This file is shared by LedgerStoreTests and hallbarTests (a symbolic link in the latter).
final class LedgerFixture {
    let db: Connection
    let path: String
    let stamp = Stamp(by: "fixture", at: "2025-01-01T00:00:00.000Z")

    /// Creates a new ledger at `path`.
    init(path: String) throws {
        self.path = path
        try LedgerDatabase.create(path: path, stamp: stamp)
        db = try LedgerDatabase.open(path: path, access: .write)
    }

    /// Opens an existing ledger at `path` to add rows.
    init(existing path: String) throws {
        self.path = path
        db = try LedgerDatabase.open(path: path, access: .write)
    }

    func close() throws { try db.close() }

    /// Runs `body` in one write transaction through the store's API, stamped with the fixture's stamp.
    func write<T>(_ body: (LedgerWrite) throws -> T) throws -> T {
        try db.inTransaction {
            try db.execute("PRAGMA defer_foreign_keys = ON")
            return try body(try LedgerWrite(db: db, by: nil, stamp: stamp))
        }
    }

    /// The package root (for Seeds/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The rows of a seed file as dictionaries keyed by the header.
    static func seedRows(_ name: String) throws -> [[String: String]] {
        let reader = try CSVReader(path: packageRoot.appendingPathComponent("Seeds/\(name)").path)
        let rows = try reader.readAll()
        let header = reader.header
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Loads every seed file of Seeds/ (not the market data).
    func loadSeeds() throws {
        try db.inTransaction {
            for r in try Self.seedRows("members.csv") { try member(r["org_no"]!, r["name"]!, code: r["municipality_code"]) }
            for r in try Self.seedRows("borrowers.csv") { try borrower(r["org_no"]!, r["name"]!, owner: r["owner_org_no"]!) }
            for r in try Self.seedRows("projects.csv") {
                let requirements = r["basic_requirements"].flatMap { $0.split(separator: "/").first.flatMap { Int($0) } }
                try project(
                    Int64(r["project_number"]!)!, programme: r["programme"]!, borrower: r["borrower_org_no"]!, title: r["title"]!,
                    category: r["category"]!, investmentType: Int64(r["investment_type"] ?? ""),
                    approvedSEK: r["approved_sek"]!, decided: r["decision_date"]!, status: r["status"]!,
                    frameworkVersion: r["framework_version"], totalCostSEK: r["total_cost_sek"], requirementsMet: requirements,
                    physicalInvestment: r["physical_investment"], socialIntervention: r["social_intervention"],
                    socialGoals: r["social_goals"])
            }
            for r in try Self.seedRows("loans.csv") {
                try loan(r["loan_number"]!, borrower: r["borrower_org_no"]!, programme: r["programme"]!,
                         project: Int64(r["project_number"] ?? ""), eligible: r["green_bond_eligible"].flatMap { $0.isEmpty ? nil : $0 == "true" })
            }
            for r in try Self.seedRows("entries.csv") {
                try entry(r["external_id"]!, loan: r["loan_number"]!, date: r["value_date"]!, amountSEK: r["amount_sek"]!, kind: r["kind"]!)
            }
            for r in try Self.seedRows("indicators.csv") {
                try indicator(r["indicator_id"]!, project: Int64(r["project_number"]!)!, area: r["area"], goal: r["goal"]!, name: r["name"]!,
                              unit: r["unit"], direction: r["direction"]!, baseline: r["baseline_value"], baselineYear: Int(r["baseline_year"] ?? ""),
                              target: r["target"]!, targetText: r["target_text"], targetYear: Int(r["target_year"] ?? ""))
            }
            for r in try Self.seedRows("readings.csv") { try reading(r["indicator_id"]!, year: Int(r["year"]!)!, r["value"]!) }
            for r in try Self.seedRows("references.csv") { try reference(r["name"]!, year: Int(r["year"]!)!, r["value"]!) }
        }
    }

    static func nonEmpty(_ text: String?) -> SQLValue {
        guard let text, !text.isEmpty else { return .null }
        return .text(text)
    }

    static func ore(_ sek: String) throws -> Int64 { try AmountParser.parse(sek, decimalComma: false) }

    /// Appends one row to the chain (every column but the seq, in table order).
    /// - Returns: the row's seq.
    @discardableResult
    func append(_ table: ChainedTable, _ values: [SQLValue]) throws -> Int64 {
        try db.inTransaction { try ChainAppender(db: db).append(table, values) }
    }

    private var stampValues: [SQLValue] { [.text(stamp.at), .text(stamp.by)] }

    func member(_ orgNo: String, _ name: String, code: String? = nil) throws {
        try append(.members, [.text(orgNo), .text(name), Self.nonEmpty(code)] + stampValues + [.null])
    }

    func borrower(_ orgNo: String, _ name: String, owner: String) throws {
        try append(.borrowers, [.text(orgNo), .text(name), .text(owner)] + stampValues + [.null])
    }

    func project(_ number: Int64, programme: String = "social", borrower: String, title: String,
                 category: String = "Boende och boendemiljöer", investmentType: Int64? = 1, approvedSEK: String,
                 decided: String, status: String = "approved", frameworkVersion: String? = nil, totalCostSEK: String? = nil,
                 requirementsMet: Int? = 5, physicalInvestment: String? = nil, socialIntervention: String? = nil,
                 socialGoals: String? = nil) throws {
        let social = programme == "social"
        let requirements: [SQLValue] = (0..<5).map { index in
            social ? .integer((requirementsMet ?? 0) > index ? 1 : 0) : .null
        }
        let approved = try Self.ore(approvedSEK)
        var totalCost = SQLValue.null
        if let totalCostSEK, !totalCostSEK.isEmpty { totalCost = .integer(try Self.ore(totalCostSEK)) }
        var values: [SQLValue] = [.integer(number), .text(programme), .text(borrower), .text(title), .text(category)]
        values.append(social ? .integer(investmentType ?? 1) : .null)
        values += [.integer(approved), .text(decided), .text(status), social ? .null : Self.nonEmpty(frameworkVersion), totalCost]
        values += requirements
        values += [Self.nonEmpty(physicalInvestment), Self.nonEmpty(socialIntervention), Self.nonEmpty(socialGoals)]
        values += stampValues + [.null]
        try append(.projects, values)
    }

    func loan(_ number: String, borrower: String, programme: String, project: Int64?, eligible: Bool? = nil) throws {
        let id = (try db.scalarInt("SELECT max(loan_id) FROM loans") ?? 0) + 1
        let eligibility: SQLValue = programme == "green" ? .integer((eligible ?? true) ? 1 : 0) : .null
        try append(.loans, [.integer(id), .text(number), .text(borrower), .text(programme), project.map(SQLValue.integer) ?? .null,
                            eligibility] + stampValues + [.null])
    }

    /// A disbursement or repayment; returns the entry id (its seq).
    @discardableResult
    func entry(_ externalID: String, loan: String, date: String, amountSEK: String, kind: String) throws -> Int64 {
        let amount = try Self.ore(amountSEK)
        let loanID = try db.scalarInt("SELECT loan_id FROM loans WHERE loan_number = ?", [loan]) ?? -1
        return try append(.ledgerEntries, [
            .text(externalID), .integer(loanID), .text(date), .text(kind), .integer(amount),
            .integer(kind == "repayment" ? -amount : amount), .null, .null,
        ] + stampValues + [.null])
    }

    /// A reversal of the entry with `externalID`.
    func reverse(_ externalID: String, id reversalID: String) throws {
        guard let original = try db.row("SELECT entry_id, loan_id, value_date, amount_ore, balance_effect_ore FROM ledger_entries WHERE external_id = ?", [externalID]) else { return }
        try append(.ledgerEntries, [
            .text(reversalID), original["loan_id"], original["value_date"], .text("reversal"), original["amount_ore"],
            .integer(-(original.int64("balance_effect_ore") ?? 0)), original["entry_id"], .text("mistake"),
        ] + stampValues + [.null])
    }

    func indicator(_ id: String, project: Int64, area: String? = nil, goal: String = "Mål", name: String, unit: String? = nil,
                   direction: String, baseline: String?, baselineYear: Int?, target: String, targetText: String? = nil,
                   targetYear: Int? = nil, tolerance: String = "0") throws {
        let canonicalTarget = try Target.parse(target).render()
        let canonicalBaseline = try baseline.flatMap { $0.isEmpty ? nil : $0 }.map { try ReadingValue.parse($0).description }
        try append(.indicators, [
            .text(id), .integer(project), Self.nonEmpty(area), .text(goal), .text(name), Self.nonEmpty(unit), .text(direction),
            canonicalBaseline.map(SQLValue.text) ?? .null, baselineYear.map { .integer(Int64($0)) } ?? .null, .text(canonicalTarget),
            Self.nonEmpty(targetText), targetYear.map { .integer(Int64($0)) } ?? .null, .text(tolerance),
        ] + stampValues + [.null])
    }

    /// A reading; `metByDecision` also records the committee's decision that it is met.
    func reading(_ indicator: String, year: Int, _ text: String, metByDecision: Bool = false) throws {
        let value = try ReadingValue.parse(text)
        let (kind, low, high): (String, SQLValue, SQLValue)
        switch value {
        case .number(let q): (kind, low, high) = ("number", .text(q.canonical), .text(q.canonical))
        case .range(let l, let h, _): (kind, low, high) = ("range", .text(l.canonical), .text(h.canonical))
        case .text: (kind, low, high) = ("text", .null, .null)
        }
        let id = (try db.scalarInt("SELECT max(reading_id) FROM readings") ?? 0) + 1
        try append(.readings, [.integer(id), .text(indicator), .integer(Int64(year)), .text(text), .text(kind), low, high, .null]
                   + stampValues + [.null])
        if metByDecision {
            let decision = (try db.scalarInt("SELECT max(decision_id) FROM indicator_decisions") ?? 0) + 1
            try append(.indicatorDecisions, [.integer(decision), .text(indicator), .integer(Int64(year)), .integer(1),
                                             .text("\(year + 1)-03-01"), .text("decided")] + stampValues)
        }
    }

    func reference(_ name: String, year: Int, _ value: String) throws {
        try append(.referenceValues, [.text(name), .integer(Int64(year)), .text(try Quantity.parse(value).canonical)]
                   + stampValues + [.null])
    }

    /// One member, its own borrower and a social project #`number` with one loan, for small cases.
    func smallProject(_ number: Int64 = 1, category: String = "Boende och boendemiljöer") throws {
        if try db.scalarInt("SELECT count(*) FROM members") == 0 {
            try member("212000-2882", "Botkyrka kommun", code: "0127")
            try borrower("212000-2882", "Botkyrka kommun", owner: "212000-2882")
        }
        try project(number, borrower: "212000-2882", title: "Projekt \(number)", category: category, approvedSEK: "1000000",
                    decided: "2022-01-01", physicalInvestment: "Bygg <b>&</b>", socialIntervention: "Insats", socialGoals: "Ett; Två")
    }
}
