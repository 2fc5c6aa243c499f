import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// SplitMix64 (Steele, Lea and Flood): a small deterministic generator, so that a failing
/// sequence can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Issue 12's property: random sequences of legitimate operations through the store's API
/// never give a `verify` finding. The operations: imports of every kind in random key
/// order and re-imports, disbursements and repayments that keep balances ≥ 0 and within the
/// approved amount, reversals, amendments of every kind, `import --amend`, committee
/// decisions, approvals of ended years, closes and reopens, balance assertions. After every
/// step the whole `Verifier` runs; in odd seeds its chain pass is split into chunks of a
/// few rows on two threads. A refusal (the store saying no, nothing written) is allowed;
/// anything else that throws, and any finding, fails with the seed and step printed.
///
/// `HALLBAR_PROPERTY_SEEDS` (e.g. "1,2,3") and `HALLBAR_PROPERTY_STEPS` replay or extend a run.
final class Issue12PropertyTests: XCTestCase {
    static var seeds: [UInt64] {
        ProcessInfo.processInfo.environment["HALLBAR_PROPERTY_SEEDS"]?.split(separator: ",").compactMap { UInt64($0) }
            ?? [0x1212, 0x2024, 0xBEEF, 0x5EED]
    }
    static var steps: Int { ProcessInfo.processInfo.environment["HALLBAR_PROPERTY_STEPS"].flatMap { Int($0) } ?? 55 }

    func testRandomLegitimateSequencesNeverGiveAFinding() throws {
        var total = Tally()
        for seed in Self.seeds {
            let run = try PropertyRun(seed: seed, parallel: seed % 2 == 1)
            defer { run.finish() }
            let tally = try run.go(steps: Self.steps)
            print("seed \(seed): \(tally.summary)")
            total.merge(tally)
        }
        print("all seeds: \(total.summary)")
        XCTAssertGreaterThanOrEqual(total.steps, 200, "fewer than 200 steps")
        // The sequences are legitimate: most steps must go through, and every kind of operation must.
        XCTAssertGreaterThan(Double(total.done), 0.7 * Double(total.steps), "too many refusals: \(total.summary)")
        for operation in Operation.allCases {
            XCTAssertGreaterThan(total.done(operation), 0, "\(operation) never went through: \(total.refusals[operation] ?? [])")
        }
    }
}

/// What one run did.
struct Tally {
    var steps = 0
    var counts: [Operation: (done: Int, refused: Int)] = [:]
    var refusals: [Operation: [String]] = [:]

    var done: Int { counts.values.reduce(0) { $0 + $1.done } }
    func done(_ operation: Operation) -> Int { counts[operation]?.done ?? 0 }

    mutating func record(_ operation: Operation, refused: String?) {
        steps += 1
        var count = counts[operation] ?? (0, 0)
        if let refused {
            count.refused += 1
            if (refusals[operation]?.count ?? 0) < 3 { refusals[operation, default: []].append(refused) }
        } else {
            count.done += 1
        }
        counts[operation] = count
    }

    mutating func merge(_ other: Tally) {
        steps += other.steps
        for (operation, count) in other.counts {
            let mine = counts[operation] ?? (0, 0)
            counts[operation] = (mine.done + count.done, mine.refused + count.refused)
        }
        for (operation, messages) in other.refusals where (refusals[operation]?.count ?? 0) < 3 {
            refusals[operation, default: []] += messages.prefix(3 - (refusals[operation]?.count ?? 0))
        }
    }

    var summary: String {
        "\(steps) steps, \(done) done; " + Operation.allCases.map { "\($0) \(counts[$0]?.done ?? 0)/\(counts[$0]?.refused ?? 0)" }
            .joined(separator: ", ") + (refusals.isEmpty ? "" : "\n  refusals: \(refusals.mapValues { $0.map { String($0.prefix(160)) } })")
    }
}

/// The operations a step chooses from.
enum Operation: String, CaseIterable {
    case importMembers, importBorrowers, importProjects, importLoans, importEntries, importIndicators, importReadings,
         importReferences, disburse, repay, reverse, amendProject, amendLoan, amendMember, amendBorrower, amendIndicator,
         amendReading, amendReference, importAmend, decide, approve, close, reopen, assert
}

/// Days since 2020-01-01, and back (the proleptic Gregorian calendar).
enum Days {
    static func text(_ day: Int) -> String {
        // Howard Hinnant's civil_from_days, from 1970-01-01.
        let z = day + 18_262 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func number(_ text: String) -> Int {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let (y0, m, d) = (parts[0], parts[1], parts[2])
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 - 18_262
    }

    /// The last day the runs use (every date is in the past, so no "future" refusals).
    static let last = number("2025-12-31")
    static func endOfYear(_ year: Int) -> Int { number("\(year)-12-31") }
}

/// The model of what the ledger holds, from which the steps choose legitimate operations.
struct Model {
    struct Member { var org: String; var name: String; var code: String; var imported = false }
    struct Borrower { var org: String; var name: String; var owner: String; var imported = false }
    struct Project {
        var number: Int64; var programme: String; var borrower: String; var title: String; var category: String
        var approvedSEK: Int64; var decision: Int; var status: String; var imported = false
        /// The latest revision's effective date, the smallest approved amount of any revision,
        /// and the date from which it is withdrawn.
        var lastRevision: Int; var minApprovedSEK: Int64; var withdrawnFrom: Int?
    }
    struct Loan { var number: String; var borrower: String; var programme: String; var project: Int64?; var eligible: Bool?
                  var imported = false; var lastRevision = 0 }
    struct Entry { var id: String; var loan: String; var day: Int; var kind: String; var sek: Int64; var reversed = false
                   var imported = false
        var effect: Int64 { kind == "repayment" ? -sek : sek } }
    struct Indicator { var id: String; var project: Int64; var target: String; var targetText: String; var imported = false
                       var lastRevision = Int.min }
    struct Reading { var indicator: String; var year: Int; var value: String; var imported = false; var lastRevision = Int.min }
    struct Reference { var name: String; var year: Int; var value: String; var imported = false; var lastRevision = Int.min }

    var members: [Member] = []
    var borrowers: [Borrower] = []
    var projects: [Project] = []
    var loans: [Loan] = []
    var entries: [Entry] = []
    var indicators: [Indicator] = []
    var readings: [Reading] = []
    var references: [Reference] = []
    /// close/reopen actions in order, and the latest date a balance assertion was recorded for.
    var closes: [(action: String, through: String)] = []
    var assertionFloor: Int?
    /// The latest approval date of each year, and the decision in force per indicator and year.
    var approvals: [Int: Int] = [:]
    var decisions: [String: (met: Bool, day: Int)] = [:]
    /// The latest date of any indicator, reading or reference revision: an approval is
    /// dated on or after every change it freezes (a bound that is safe for every year).
    var latestFollowUpChange = Int.min
    var nextEntry = 1

    var closedThrough: Int? { PeriodCloses.replay(closes).map(Days.number) }
    /// The first day an entry, reversal or amendment may take effect.
    var firstOpenDay: Int { (closedThrough ?? -1) + 1 }

    func project(_ number: Int64?) -> Project? { projects.first { $0.number == number } }

    /// The balance of `loan` at the end of `day`.
    func balance(_ loan: String, on day: Int) -> Int64 {
        entries.filter { $0.loan == loan && $0.day <= day && $0.imported }.reduce(0) { $0 + ($1.kind == "reversal" ? $1.sek : $1.effect) }
    }

    /// The lowest balance of `loan` at the end of `day` and of every later entry date.
    func lowestBalance(_ loan: String, from day: Int) -> Int64 {
        let dates = Set([day] + entries.filter { $0.loan == loan && $0.day > day }.map(\.day))
        return dates.map { balance(loan, on: $0) }.min() ?? 0
    }

    /// Disbursed less reversed disbursements, in SEK, on every loan of `project`.
    func disbursed(_ project: Int64) -> Int64 {
        let numbers = Set(loans.filter { $0.project == project }.map(\.number))
        return entries.filter { numbers.contains($0.loan) && $0.kind == "disbursement" && !$0.reversed && $0.imported }
            .reduce(0) { $0 + $1.sek }
    }
}

/// One seeded run: a new ledger, a model, and the steps.
final class PropertyRun {
    let seed: UInt64
    let parallel: Bool
    var rng: SplitMix64
    var model = Model()
    let folder: URL
    let path: String
    let store: LedgerStore
    var fileNumber = 0
    static let migrations = Result { try Migration.embedded() }

    init(seed: UInt64, parallel: Bool) throws {
        self.seed = seed
        self.parallel = parallel
        rng = SplitMix64(seed: seed)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-property-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.db").path
        try LedgerStore.create(path: path, by: "property")
        store = try LedgerStore.open(path: path, access: .write)
        makeWorld()
    }

    func finish() {
        store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: random helpers

    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[int(0...(items.count - 1))] }
    func subset<T>(_ items: [T], max: Int) -> [T] {
        guard !items.isEmpty else { return [] }
        return Array(items.shuffled(using: &rng).prefix(int(1...Swift.min(max, items.count))))
    }
    /// A day in `low...high`, or nil when the range is empty.
    func day(_ low: Int, _ high: Int) -> Int? { low <= high ? int(low...high) : nil }

    static func orgNumber(_ nine: String) -> String {
        let digits = nine.compactMap { $0.wholeNumberValue }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            let product = digit * (index % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        let check = (10 - sum % 10) % 10
        let all = nine + String(check)
        return String(all.prefix(6)) + "-" + String(all.suffix(4))
    }

    // MARK: the world the steps draw from

    func makeWorld() {
        let codes = ["0127", "0180", "0380", "1081", "1435", "0581", "1280", "1281"]
        var orgs = Set<String>()
        func newOrg(_ prefix: String) -> String {
            while true {
                let org = Self.orgNumber(prefix + String(format: "%0\(9 - prefix.count)d", int(0...(prefix.count == 6 ? 999 : 99_999))))
                if orgs.insert(org).inserted { return org }
            }
        }
        for index in 0..<6 {
            let member = Model.Member(org: newOrg("212000"), name: "Kommun \(index)", code: codes[index])
            model.members.append(member)
            model.borrowers.append(.init(org: member.org, name: member.name, owner: member.org))
            model.borrowers.append(.init(org: newOrg("5569"), name: "Bolag \(index) AB", owner: member.org))
        }
        var numbers = Set<Int64>()
        let social = FieldRules.socialCategories, green = FieldRules.greenCategories
        for index in 0..<10 {
            var number: Int64
            repeat { number = Int64(int(1...9999)) } while !numbers.insert(number).inserted
            let programme = index % 2 == 0 ? "social" : "green"
            let decision = int(Days.number("2021-01-01")...Days.number("2023-06-30"))
            let approved = Int64(int(50...500)) * 1_000_000
            let status = index == 9 ? "rejected" : "approved"
            model.projects.append(.init(number: number, programme: programme, borrower: pick(model.borrowers)!.org,
                                        title: "Projekt \(number)", category: pick(programme == "social" ? social : green)!,
                                        approvedSEK: approved, decision: decision, status: status, lastRevision: decision,
                                        minApprovedSEK: approved, withdrawnFrom: status == "rejected" ? decision : nil))
        }
        var loanNumbers = Set<String>()
        func newLoan() -> String {
            while true { let n = String(int(100_000...999_999)); if loanNumbers.insert(n).inserted { return n } }
        }
        for project in model.projects {
            for _ in 0..<int(1...2) {
                model.loans.append(.init(number: newLoan(), borrower: project.borrower, programme: project.programme,
                                         project: project.number, eligible: project.programme == "green" ? chance(0.7) : nil))
            }
        }
        for _ in 0..<3 {
            model.loans.append(.init(number: newLoan(), borrower: pick(model.borrowers)!.org, programme: "other", project: nil, eligible: nil))
        }
        for project in model.projects where project.programme == "social" && project.status == "approved" {
            for index in 0..<2 {
                let text = index == 0
                model.indicators.append(.init(id: "IND-\(project.number)-\(index)", project: project.number,
                                              target: text ? "text:Enligt plan" : ">=90", targetText: text ? "Enligt plan" : "90"))
            }
        }
        for indicator in model.indicators {
            for year in 2021...2024 { model.readings.append(.init(indicator: indicator.id, year: year, value: String(int(40...99)))) }
        }
        for name in ["riket_a", "riket_b"] {
            for year in 2021...2024 { model.references.append(.init(name: name, year: year, value: "\(int(50...90)).\(int(0...9))")) }
        }
    }

    // MARK: files

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    func file(_ kind: ImportKind, header: [String], rows: [[String]]) throws -> String {
        fileNumber += 1
        let url = folder.appendingPathComponent("\(kind.rawValue)-\(fileNumber).csv")
        let text = ([header] + rows).map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func projectRow(_ p: Model.Project) -> [String] {
        let social = p.programme == "social"
        return [String(p.number), p.programme, p.borrower, p.title, p.category, social ? "1" : "", String(p.approvedSEK),
                Days.text(p.decision), p.status, "", social ? "" : "2022", social ? "11111" : "", social ? "Ombyggnad" : "",
                social ? "Insats" : "", social ? "Trygghet" : ""]
    }
    static let projectHeader = ["project_number", "programme", "borrower_org_no", "title", "category", "investment_type", "approved_sek",
                                "decision_date", "status", "total_cost_sek", "framework_version", "basic_requirements",
                                "physical_investment", "social_intervention", "social_goals"]

    func importing(_ kind: ImportKind, _ path: String, amend: (String, String?)? = nil) throws {
        _ = try store.importFile(kind, path: path, options: ImportOptions(by: "property", amend: amend))
    }

    // MARK: the steps

    /// Runs `steps` steps (each an operation that applies), verifying after each.
    func go(steps: Int) throws -> Tally {
        var tally = Tally()
        var attempts = 0
        while tally.steps < steps && attempts < steps * 20 {
            attempts += 1
            let operation = chooseOperation()
            let before = model
            let outcome: String?
            do {
                guard try step(operation) else { model = before; continue }
                outcome = nil
            } catch let failure as ImportFailure {
                model = before
                outcome = failure.description
            } catch let error as ReportError {
                model = before
                outcome = "\(error)"
            } catch {
                model = before
                XCTFail("seed \(seed) step \(tally.steps + 1) \(operation): an error that is no refusal: \(error)")
                outcome = "\(error)"
            }
            tally.record(operation, refused: outcome)
            let findings = try verify()
            if !findings.isEmpty {
                XCTFail("seed \(seed) step \(tally.steps) \(operation) (\(outcome == nil ? "done" : "refused")): verify found\n  "
                        + findings.map(\.description).joined(separator: "\n  ") + "\nreplay: HALLBAR_PROPERTY_SEEDS=\(seed) "
                        + "HALLBAR_PROPERTY_STEPS=\(tally.steps)")
                return tally
            }
        }
        // The ledger as a whole at the end, with the full integrity check.
        let final = try verify(full: true)
        XCTAssertEqual(final.map(\.description), [], "seed \(seed): at the end")
        return tally
    }

    /// An operation, weighted towards what the ledger still lacks (imports of records not yet
    /// there) and towards entries, so that later operations find something to work on.
    func chooseOperation() -> Operation {
        var weights: [Operation: Int] = [:]
        for operation in Operation.allCases { weights[operation] = 1 }
        if model.members.contains(where: { !$0.imported }) { weights[.importMembers] = 3 }
        if model.borrowers.contains(where: { !$0.imported }) { weights[.importBorrowers] = 3 }
        if model.projects.contains(where: { !$0.imported }) { weights[.importProjects] = 3 }
        if model.loans.contains(where: { !$0.imported }) { weights[.importLoans] = 3 }
        if model.indicators.contains(where: { !$0.imported }) { weights[.importIndicators] = 3 }
        if model.readings.contains(where: { !$0.imported }) { weights[.importReadings] = 3 }
        for operation in [Operation.importEntries, .disburse, .repay, .reverse] { weights[operation] = 3 }
        for operation in [Operation.amendProject, .amendLoan, .amendIndicator, .amendReading, .decide, .approve] { weights[operation] = 2 }
        let total = weights.values.reduce(0, +)
        var draw = int(0...(total - 1))
        for operation in Operation.allCases {
            draw -= weights[operation]!
            if draw < 0 { return operation }
        }
        return .importMembers
    }

    func verify(full: Bool = false) throws -> [Finding] {
        let connection = try Verifier.open(path: path)
        defer { try? connection.close() }
        var verifier = try Verifier(db: connection, migrations: try Self.migrations.get(), fullIntegrityCheck: full)
        if parallel {
            verifier.chainPlan = ParallelChainCheck.Plan(extraWorkers: 1, chunkRows: Int64(int(2...40)), minimumRows: 1)
        }
        return try verifier.run(against: nil).findings
    }

    /// One operation: false when it does not apply now (nothing done, not a step).
    func step(_ operation: Operation) throws -> Bool {
        switch operation {
        case .importMembers: return try importMembers()
        case .importBorrowers: return try importBorrowers()
        case .importProjects: return try importProjects()
        case .importLoans: return try importLoans()
        case .importEntries: return try importEntries()
        case .importIndicators: return try importIndicators()
        case .importReadings: return try importReadings()
        case .importReferences: return try importReferences()
        case .disburse: return try single(.disbursement)
        case .repay: return try single(.repayment)
        case .reverse: return try reverse()
        case .amendProject: return try amendProject()
        case .amendLoan: return try amendLoan()
        case .amendMember: return try amendName(.member)
        case .amendBorrower: return try amendName(.borrower)
        case .amendIndicator: return try amendIndicator()
        case .amendReading: return try amendReading()
        case .amendReference: return try amendReference()
        case .importAmend: return try importAmend()
        case .decide: return try decide()
        case .approve: return try approve()
        case .close: return try close()
        case .reopen: return try reopen()
        case .assert: return try assertBalance()
        }
    }

    func importMembers() throws -> Bool {
        let chosen = subset(Array(model.members.indices), max: 4)
        let rows = chosen.map { [model.members[$0].org, model.members[$0].name, model.members[$0].code] }
        try importing(.members, try file(.members, header: ["org_no", "name", "municipality_code"], rows: rows))
        for index in chosen { model.members[index].imported = true }
        return true
    }

    func importBorrowers() throws -> Bool {
        let owners = Set(model.members.filter(\.imported).map(\.org))
        let chosen = subset(model.borrowers.indices.filter { owners.contains(model.borrowers[$0].owner) }, max: 5)
        guard !chosen.isEmpty else { return false }
        let rows = chosen.map { [model.borrowers[$0].org, model.borrowers[$0].name, model.borrowers[$0].owner] }
        try importing(.borrowers, try file(.borrowers, header: ["org_no", "name", "owner_org_no"], rows: rows))
        for index in chosen { model.borrowers[index].imported = true }
        return true
    }

    func importProjects() throws -> Bool {
        let borrowers = Set(model.borrowers.filter(\.imported).map(\.org))
        let chosen = subset(model.projects.indices.filter { borrowers.contains(model.projects[$0].borrower) }, max: 5)
        guard !chosen.isEmpty else { return false }
        try importing(.projects, try file(.projects, header: Self.projectHeader, rows: chosen.map { projectRow(model.projects[$0]) }))
        for index in chosen { model.projects[index].imported = true }
        return true
    }

    func importLoans() throws -> Bool {
        let borrowers = Set(model.borrowers.filter(\.imported).map(\.org))
        let chosen = subset(model.loans.indices.filter { index in
            let loan = model.loans[index]
            guard borrowers.contains(loan.borrower) else { return false }
            guard let number = loan.project else { return true }
            guard let project = model.project(number), project.imported else { return false }
            return project.status == "approved" || project.status == "completed"
        }, max: 5)
        guard !chosen.isEmpty else { return false }
        let rows = chosen.map { index -> [String] in
            let l = model.loans[index]
            return [l.number, l.borrower, l.programme, l.project.map { String($0) } ?? "", l.eligible.map { $0 ? "true" : "false" } ?? ""]
        }
        try importing(.loans, try file(.loans, header: ["loan_number", "borrower_org_no", "programme", "project_number",
                                                         "green_bond_eligible"], rows: rows))
        for index in chosen { model.loans[index].imported = true }
        return true
    }

    /// A new disbursement or repayment the rules allow, added to the model (not yet imported).
    func newEntry(_ kind: EntryKind) -> Model.Entry? {
        let loans = model.loans.filter(\.imported)
        guard let loan = pick(loans) else { return nil }
        let project = model.project(loan.project)
        let low = Swift.max(model.firstOpenDay, project?.decision ?? Days.number("2021-01-01"))
        let high = Swift.min(Days.last, (project?.withdrawnFrom ?? Int.max) - 1)
        guard let day = day(low, high) else { return nil }
        let sek: Int64
        if kind == .disbursement {
            let room = project.map { $0.minApprovedSEK - model.disbursed($0.number) } ?? 1_000_000_000
            guard room > 0 else { return nil }
            sek = Int64(int(1...Int(Swift.min(room, 5_000_000))))
        } else {
            let room = model.lowestBalance(loan.number, from: day)
            guard room > 0 else { return nil }
            sek = Int64(int(1...Int(room)))
        }
        defer { model.nextEntry += 1 }
        return .init(id: "P\(seed)-\(model.nextEntry)", loan: loan.number, day: day, kind: kind.rawValue, sek: sek)
    }

    func importEntries() throws -> Bool {
        var fresh: [Int] = []
        for _ in 0..<int(1...3) {
            guard var entry = newEntry(chance(0.7) ? .disbursement : .repayment) else { continue }
            entry.imported = true          // counted by the next entry's rules; undone if the import is refused
            model.entries.append(entry)
            fresh.append(model.entries.count - 1)
        }
        let again = subset(model.entries.indices.filter { model.entries[$0].kind != "reversal" && !fresh.contains($0) }, max: 2)
        let chosen = (fresh + (chance(0.5) ? again : [])).shuffled(using: &rng)
        guard !chosen.isEmpty else { return false }
        let rows = chosen.map { index -> [String] in
            let e = model.entries[index]
            return [e.id, e.loan, Days.text(e.day), String(e.sek), e.kind]
        }
        try importing(.entries, try file(.entries, header: ["external_id", "loan_number", "value_date", "amount_sek", "kind"], rows: rows))
        return true
    }

    func single(_ kind: EntryKind) throws -> Bool {
        guard var entry = newEntry(kind) else { return false }
        _ = try store.write(by: "property") { tx in
            try tx.recordEntry(kind, loan: entry.loan, date: Days.text(entry.day), amount: String(entry.sek), externalID: entry.id)
        }
        entry.imported = true
        model.entries.append(entry)
        return true
    }

    func reverse() throws -> Bool {
        let candidates = model.entries.indices.filter { index in
            let e = model.entries[index]
            guard e.imported, !e.reversed, e.kind != "reversal", e.day >= model.firstOpenDay else { return false }
            return e.kind == "repayment" || model.lowestBalance(e.loan, from: e.day) >= e.sek
        }
        guard let index = pick(candidates) else { return false }
        let original = model.entries[index]
        _ = try store.write(by: "property") { try $0.reverse(entry: original.id, reason: "Fel belopp") }
        model.entries[index].reversed = true
        model.entries.append(.init(id: original.id + "-R", loan: original.loan, day: original.day, kind: "reversal",
                                   sek: -original.effect, reversed: false, imported: true))
        return true
    }

    /// The earliest date an amendment of `project` may take effect.
    func amendmentDay(_ project: Model.Project) -> Int? {
        day(Swift.max(project.decision, project.lastRevision, model.firstOpenDay), Days.last)
    }

    func amendProject() throws -> Bool {
        guard let index = pick(model.projects.indices.filter { model.projects[$0].imported }) else { return false }
        var p = model.projects[index]
        guard var date = amendmentDay(p) else { return false }
        var options: [(name: String, text: String)] = []
        switch int(0...3) {
        case 0:
            p.title = "Projekt \(p.number) rev \(int(1...999))"
            options.append(("title", p.title))
        case 1:
            p.approvedSEK += Int64(int(1...50)) * 1_000_000
            options.append(("approved-sek", String(p.approvedSEK)))
        case 2:
            let categories = p.programme == "social" ? FieldRules.socialCategories : FieldRules.greenCategories
            guard let category = pick(categories.filter { $0 != p.category }) else { return false }
            p.category = category
            options.append(("category", category))
        default:
            guard p.status == "approved" else { return false }
            p.status = chance(0.5) ? "completed" : "withdrawn"
            if p.status == "withdrawn" {
                // Withdrawn after the last disbursement on its loans (a withdrawal dated before one is
                // refused, or should be: Issue12CLITests.testWithdrawalDatedBeforeAnExistingDisbursementIsRefused).
                let numbers = Set(model.loans.filter { $0.project == p.number }.map(\.number))
                let last = model.entries.filter { numbers.contains($0.loan) && $0.kind == "disbursement" }.map(\.day).max() ?? 0
                guard let later = day(Swift.max(date, last + 1), Days.last) else { return false }
                date = later
                p.withdrawnFrom = date
            }
            options.append(("status", p.status))
        }
        _ = try store.write(by: "property") { try $0.amend(.project, key: String(p.number), options: options, reason: "Beslut",
                                                          date: Days.text(date)) }
        p.lastRevision = date
        model.projects[index] = p
        return true
    }

    func amendLoan() throws -> Bool {
        guard let index = pick(model.loans.indices.filter { model.loans[$0].imported && model.loans[$0].programme == "green" }) else { return false }
        var loan = model.loans[index]
        guard let date = day(Swift.max(loan.lastRevision, model.firstOpenDay), Days.last) else { return false }
        loan.eligible = !(loan.eligible ?? false)
        _ = try store.write(by: "property") {
            try $0.amend(.loan, key: loan.number, options: [("green-bond-eligible", loan.eligible! ? "true" : "false")],
                         reason: "Åtgärder", date: Days.text(date))
        }
        loan.lastRevision = date
        model.loans[index] = loan
        return true
    }

    func amendName(_ kind: RecordKind) throws -> Bool {
        if kind == .member {
            guard let index = pick(model.members.indices.filter { model.members[$0].imported }) else { return false }
            let name = "Kommun \(int(100...999))"
            _ = try store.write(by: "property") { try $0.amend(.member, key: model.members[index].org, options: [("name", name)],
                                                              reason: "Namnbyte", date: nil) }
            model.members[index].name = name
        } else {
            guard let index = pick(model.borrowers.indices.filter { model.borrowers[$0].imported }) else { return false }
            let name = "Bolag \(int(100...999)) AB"
            _ = try store.write(by: "property") { try $0.amend(.borrower, key: model.borrowers[index].org, options: [("name", name)],
                                                              reason: "Namnbyte", date: nil) }
            model.borrowers[index].name = name
        }
        return true
    }

    func importIndicators() throws -> Bool {
        let chosen = subset(model.indicators.indices.filter { index in
            guard let p = model.project(model.indicators[index].project), p.imported else { return false }
            return p.status == "approved" || p.status == "completed"
        }, max: 4)
        guard !chosen.isEmpty else { return false }
        let rows = chosen.map { index -> [String] in
            let i = model.indicators[index]
            return [i.id, String(i.project), "Område", "Mål", "Indikator \(i.id)", "%", "higher", "50", "2020", i.target, i.targetText, ""]
        }
        try importing(.indicators, try file(.indicators, header: ["indicator_id", "project_number", "area", "goal", "name", "unit", "direction",
                                                                   "baseline_value", "baseline_year", "target", "target_text", "target_year"],
                                            rows: rows))
        for index in chosen { model.indicators[index].imported = true }
        return true
    }

    func amendIndicator() throws -> Bool {
        guard let index = pick(model.indicators.indices.filter { model.indicators[$0].imported && !model.indicators[$0].target.hasPrefix("text:") })
        else { return false }
        let target = ">=\(int(60...99))"
        guard target != model.indicators[index].target, let project = model.project(model.indicators[index].project),
              let date = day(Swift.max(project.decision, model.indicators[index].lastRevision, model.firstOpenDay), Days.last)
        else { return false }
        _ = try store.write(by: "property") { try $0.amend(.indicator, key: model.indicators[index].id, options: [("target", target)],
                                                          reason: "Nytt mål", date: Days.text(date)) }
        model.indicators[index].target = target
        model.indicators[index].lastRevision = date
        model.latestFollowUpChange = Swift.max(model.latestFollowUpChange, date)
        return true
    }

    func importReadings() throws -> Bool {
        let imported = Set(model.indicators.filter(\.imported).map(\.id))
        let chosen = subset(model.readings.indices.filter { index in
            let r = model.readings[index]
            return imported.contains(r.indicator) && (r.imported || model.approvals[r.year] == nil)
        }, max: 5)
        guard !chosen.isEmpty else { return false }
        let rows = chosen.map { [model.readings[$0].indicator, String(model.readings[$0].year), model.readings[$0].value] }
        try importing(.readings, try file(.readings, header: ["indicator_id", "year", "value"], rows: rows))
        for index in chosen { model.readings[index].imported = true }
        return true
    }

    func amendReading() throws -> Bool {
        guard let index = pick(model.readings.indices.filter { model.readings[$0].imported }) else { return false }
        let value = String(int(40...99))
        guard value != model.readings[index].value else { return false }
        let r = model.readings[index]
        guard let date = day(Swift.max(Days.number("\(r.year)-01-01"), r.lastRevision, model.firstOpenDay), Days.last) else { return false }
        _ = try store.write(by: "property") { try $0.amendReading(indicator: r.indicator, year: String(r.year), value: value,
                                                                 reason: "Felinmatat", date: Days.text(date)) }
        model.readings[index].value = value
        model.readings[index].lastRevision = date
        model.latestFollowUpChange = Swift.max(model.latestFollowUpChange, date)
        return true
    }

    func importReferences() throws -> Bool {
        let chosen = subset(Array(model.references.indices), max: 4)
        let rows = chosen.map { [model.references[$0].name, String(model.references[$0].year), model.references[$0].value] }
        try importing(.references, try file(.references, header: ["name", "year", "value"], rows: rows))
        for index in chosen { model.references[index].imported = true }
        return true
    }

    func amendReference() throws -> Bool {
        guard let index = pick(model.references.indices.filter { model.references[$0].imported }) else { return false }
        let value = "\(int(50...90)).\(int(0...9))"
        guard value != model.references[index].value else { return false }
        let r = model.references[index]
        guard let date = day(Swift.max(Days.number("\(r.year)-01-01"), r.lastRevision, model.firstOpenDay), Days.last) else { return false }
        _ = try store.write(by: "property") { try $0.amend(.reference, key: r.name, year: String(r.year), options: [("value", value)],
                                                          reason: "Rättad", date: Days.text(date)) }
        model.references[index].value = value
        model.references[index].lastRevision = date
        model.latestFollowUpChange = Swift.max(model.latestFollowUpChange, date)
        return true
    }

    /// `import projects FILE --amend`: new titles for some projects, others unchanged; or members' new names.
    func importAmend() throws -> Bool {
        if chance(0.5) {
            let chosen = subset(model.projects.indices.filter { model.projects[$0].imported }, max: 3)
            guard !chosen.isEmpty else { return false }
            let low = chosen.map { Swift.max(model.projects[$0].decision, model.projects[$0].lastRevision, model.firstOpenDay) }.max()!
            guard let date = day(low, Days.last) else { return false }
            var changed = false
            for index in chosen where chance(0.7) {
                model.projects[index].title = "Projekt \(model.projects[index].number) fil \(int(1...999))"
                model.projects[index].lastRevision = date
                changed = true
            }
            guard changed else { return false }
            try importing(.projects, try file(.projects, header: Self.projectHeader, rows: chosen.map { projectRow(model.projects[$0]) }),
                          amend: ("Styrelsebeslut", Days.text(date)))
        } else {
            let chosen = subset(model.members.indices.filter { model.members[$0].imported }, max: 3)
            guard !chosen.isEmpty else { return false }
            for index in chosen { model.members[index].name = "Kommun \(int(100...999))" }
            let rows = chosen.map { [model.members[$0].org, model.members[$0].name, model.members[$0].code] }
            try importing(.members, try file(.members, header: ["org_no", "name", "municipality_code"], rows: rows),
                          amend: ("Namnbyte", nil))
        }
        return true
    }

    func decide() throws -> Bool {
        guard let indicator = pick(model.indicators.filter(\.imported)) else { return false }
        let year = int(2021...2024)
        // A year the indicator's project is followed up: from the year it was decided.
        guard let project = model.project(indicator.project), year >= Int(Days.text(project.decision).prefix(4))! else { return false }
        let key = "\(indicator.id)/\(year)"
        let current = model.decisions[key]
        let met = current.map { !$0.met } ?? chance(0.6)
        guard let date = day(Swift.max(Days.endOfYear(year) + 1, current?.day ?? 0, model.firstOpenDay), Days.last) else { return false }
        _ = try store.write(by: "property") {
            try $0.decide(indicator: indicator.id, year: String(year), decision: met ? .met : .notMet, reason: "Kommitténs bedömning",
                          date: Days.text(date))
        }
        model.decisions[key] = (met, date)
        return true
    }

    func approve() throws -> Bool {
        let year = int(2021...2024)
        let decided = model.decisions.filter { $0.key.hasSuffix("/\(year)") }.map(\.value.day).max() ?? Int.min
        guard let date = day(Swift.max(Days.endOfYear(year) + 1, model.approvals[year] ?? 0, model.firstOpenDay, decided,
                                       model.latestFollowUpChange), Days.last) else { return false }
        let result = try store.write(by: "property") { try $0.approveFollowUp(year: String(year), on: Days.text(date), note: "Protokoll") }
        if result.recorded { model.approvals[year] = date }
        return true
    }

    func close() throws -> Bool {
        guard let through = day(model.firstOpenDay, Swift.min(Days.number("2023-12-31"), model.firstOpenDay + 400)) else { return false }
        _ = try store.write(by: "property") { try $0.close(through: Days.text(through), reason: "Bokslut") }
        model.closes.append(("close", Days.text(through)))
        return true
    }

    func reopen() throws -> Bool {
        guard let closed = model.closedThrough else { return false }
        guard let through = day(0, closed) else { return false }
        let after = PeriodCloses.replay(model.closes + [("reopen", Days.text(through))]).map(Days.number)
        if let floor = model.assertionFloor, (after ?? Int.min) < floor { return false }   // keeps the assertions' dates closed
        _ = try store.write(by: "property") { try $0.reopen(through: Days.text(through), reason: "Rättelse") }
        model.closes.append(("reopen", Days.text(through)))
        return true
    }

    /// An assertion of what the ledger says now, for a date in the closed period (so that no
    /// later legitimate step can change that figure).
    func assertBalance() throws -> Bool {
        guard let closed = model.closedThrough else { return false }
        guard let asOf = day(Swift.max(0, closed - 300), closed), let lending = pick(AssertedLending.allCases), let day = try? Day.parse(Days.text(asOf)) else { return false }
        _ = try store.write(by: "property") { tx in
            let actual = try BalanceAssertions.outstanding(lending, asOf: day, in: tx.db)
            return try tx.recordAssertion(lending, asOf: day, expected: actual, tolerance: 0, note: "Bokslut")
        }
        model.assertionFloor = Swift.max(model.assertionFloor ?? asOf, asOf)
        return true
    }
}
