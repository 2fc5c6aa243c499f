import Foundation
import Ledger
@testable import LedgerStore
import SQLite

/// Builds test ledgers directly, without the import code: `LedgerDatabase.create`, then plain
/// SQL for members, borrowers, loans, indicators and reference values, and `ChainWriter`
/// for the chained tables (projects, ledger entries, readings). No validation beyond the
/// schema's: it exists so that reports can be tested before and apart from `hallbar seed`.
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

    func member(_ orgNo: String, _ name: String, code: String? = nil) throws {
        try db.run("INSERT INTO members (org_no, name, municipality_code, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
                   [orgNo, name, Self.nonEmpty(code), stamp.at, stamp.by])
    }

    func borrower(_ orgNo: String, _ name: String, owner: String) throws {
        try db.run("INSERT INTO borrowers (org_no, name, owner_org_no, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
                   [orgNo, name, owner, stamp.at, stamp.by])
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
        values += [.text(stamp.at), .text(stamp.by), .null]
        var writer = try ChainWriter(.projects, in: db)
        try writer.insert(values)
    }

    func loan(_ number: String, borrower: String, programme: String, project: Int64?, eligible: Bool? = nil) throws {
        try db.run("""
            INSERT INTO loans (loan_number, borrower_org_no, programme, project_number, green_bond_eligible, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [number, borrower, programme, project, programme == "green" ? (eligible ?? true) : nil, stamp.at, stamp.by])
    }

    /// A disbursement or repayment; returns the entry id.
    @discardableResult
    func entry(_ externalID: String, loan: String, date: String, amountSEK: String, kind: String) throws -> Int64 {
        let amount = try Self.ore(amountSEK)
        let loanID = try db.scalarInt("SELECT loan_id FROM loans WHERE loan_number = ?", [loan]) ?? -1
        let id = (try db.scalarInt("SELECT max(entry_id) FROM ledger_entries") ?? 0) + 1
        var writer = try ChainWriter(.ledgerEntries, in: db)
        try writer.insert([
            .integer(id), .text(externalID), .integer(loanID), .text(date), .text(kind), .integer(amount),
            .integer(kind == "repayment" ? -amount : amount), .null, .null, .text(stamp.at), .text(stamp.by), .null,
        ])
        return id
    }

    /// A reversal of the entry with `externalID`.
    func reverse(_ externalID: String, id reversalID: String) throws {
        guard let original = try db.row("SELECT entry_id, loan_id, value_date, amount_ore, balance_effect_ore FROM ledger_entries WHERE external_id = ?", [externalID]) else { return }
        let id = (try db.scalarInt("SELECT max(entry_id) FROM ledger_entries") ?? 0) + 1
        var writer = try ChainWriter(.ledgerEntries, in: db)
        try writer.insert([
            .integer(id), .text(reversalID), original["loan_id"], original["value_date"], .text("reversal"), original["amount_ore"],
            .integer(-(original.int64("balance_effect_ore") ?? 0)), original["entry_id"], .text("mistake"),
            .text(stamp.at), .text(stamp.by), .null,
        ])
    }

    func indicator(_ id: String, project: Int64, area: String? = nil, goal: String = "Mål", name: String, unit: String? = nil,
                   direction: String, baseline: String?, baselineYear: Int?, target: String, targetText: String? = nil,
                   targetYear: Int? = nil, tolerance: String = "0") throws {
        let canonicalTarget = try Target.parse(target).render()
        let canonicalBaseline = try baseline.flatMap { $0.isEmpty ? nil : $0 }.map { try ReadingValue.parse($0).description }
        try db.run("""
            INSERT INTO indicators (indicator_id, project_number, area, goal, name, unit, direction, baseline_value, baseline_year,
                                    target, target_text, target_year, tolerance, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, project, Self.nonEmpty(area), goal, name, Self.nonEmpty(unit), direction, canonicalBaseline, baselineYear,
                  canonicalTarget, Self.nonEmpty(targetText), targetYear, tolerance, stamp.at, stamp.by])
    }

    func reading(_ indicator: String, year: Int, _ text: String, metByDecision: Bool = false) throws {
        let value = try ReadingValue.parse(text)
        let (kind, low, high): (String, SQLValue, SQLValue)
        switch value {
        case .number(let q): (kind, low, high) = ("number", .text(q.canonical), .text(q.canonical))
        case .range(let l, let h, _): (kind, low, high) = ("range", .text(l.canonical), .text(h.canonical))
        case .text: (kind, low, high) = ("text", .null, .null)
        }
        let id = (try db.scalarInt("SELECT max(reading_id) FROM readings") ?? 0) + 1
        var writer = try ChainWriter(.readings, in: db)
        try writer.insert([
            .integer(id), .text(indicator), .integer(Int64(year)), .text(text), .text(kind), low, high,
            .integer(metByDecision ? 1 : 0), metByDecision ? .text("decided") : .null, .text(stamp.at), .text(stamp.by), .null,
        ])
    }

    func reference(_ name: String, year: Int, _ value: String) throws {
        try db.run("INSERT INTO reference_values (name, year, value, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
                   [name, year, try Quantity.parse(value).canonical, stamp.at, stamp.by])
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
