// BenchGenerator: a deterministic generator of a large ledger as import CSV files,
// for `make bench` and the reliability suite. Same seed, same bytes; no network.
//
// Usage: BenchGenerator OUT_DIR [--entries N] [--loans N] [--indicators N] [--years N] [--seed S]
//
// Writes, in the column order of cli.md:
//   members.csv, borrowers.csv, projects.csv, loans.csv,
//   entries.csv            (`,` delimiter, decimal point)
//   entries-semicolon.csv  (`;` delimiter, decimal comma, NBSP digit grouping, BOM, CRLF:
//                           a Swedish Excel export of the same rows)
//   indicators.csv, readings.csv
// Entries run over 2015-01-01 … 2025-12-31 in value-date order; no loan's balance ever
// goes below zero, so every file imports cleanly.
import Foundation

struct Options {
    var out = ""
    var entries = 100_000
    var loans = 20_000
    var indicators = 2_000
    var years = 10
    var seed: UInt64 = 20_251_123
}

func parseOptions() -> Options {
    var options = Options()
    var args = Array(CommandLine.arguments.dropFirst())
    guard !args.isEmpty else {
        FileHandle.standardError.write(Data("usage: BenchGenerator OUT_DIR [--entries N] [--loans N] [--indicators N] [--years N] [--seed S]\n".utf8))
        exit(64)
    }
    options.out = args.removeFirst()
    while !args.isEmpty {
        let flag = args.removeFirst()
        guard let value = args.first, let number = UInt64(value.replacingOccurrences(of: "_", with: "")) else {
            FileHandle.standardError.write(Data("BenchGenerator: \(flag) needs a whole number\n".utf8))
            exit(64)
        }
        args.removeFirst()
        switch flag {
        case "--entries": options.entries = Int(number)
        case "--loans": options.loans = max(1, Int(number))
        case "--indicators": options.indicators = Int(number)
        case "--years": options.years = max(1, Int(number))
        case "--seed": options.seed = number
        default:
            FileHandle.standardError.write(Data("BenchGenerator: unknown option \(flag)\n".utf8))
            exit(64)
        }
    }
    return options
}

/// SplitMix64: small, fast and the same on every machine.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Buffered file writer (64 KiB), so 10^7 rows cost little besides formatting.
final class Writer {
    let handle: UnsafeMutablePointer<FILE>
    var buffer: [UInt8] = []
    init(_ path: String) {
        guard let f = fopen(path, "wb") else {
            FileHandle.standardError.write(Data("BenchGenerator: cannot write \(path)\n".utf8))
            exit(73)
        }
        handle = f
        buffer.reserveCapacity(1 << 17)
    }
    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }
    func bytes(_ b: [UInt8]) { buffer.append(contentsOf: b) }
    func flush() {
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        buffer.removeAll(keepingCapacity: true)
    }
    func close() { flush(); fclose(handle) }
}

/// A Luhn-valid organisation number NNNNNN-NNNN from a nine-digit stem.
func orgNumber(_ stem: Int) -> String {
    let digits = String(format: "%09d", stem).map { Int(String($0))! }
    var sum = 0
    for (i, d) in digits.enumerated() {
        var v = d * (i % 2 == 0 ? 2 : 1)
        if v > 9 { v -= 9 }
        sum += v
    }
    let check = (10 - sum % 10) % 10
    let all = digits.map(String.init).joined() + String(check)
    return String(all.prefix(6)) + "-" + String(all.suffix(4))
}

func day(fromOrdinal ordinal: Int) -> String {
    // Days since 2015-01-01 → YYYY-MM-DD (proleptic Gregorian).
    var remaining = ordinal
    var year = 2015
    while true {
        let length = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365
        if remaining < length { break }
        remaining -= length
        year += 1
    }
    let leap = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
    let months = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    var month = 0
    while remaining >= months[month] { remaining -= months[month]; month += 1 }
    return String(format: "%04d-%02d-%02d", year, month + 1, remaining + 1)
}

func sek(_ ore: Int64, comma: Bool, grouping: Bool) -> String {
    let kronor = ore / 100, cents = ore % 100
    var whole = String(kronor)
    if grouping && whole.count > 3 {
        var groups: [String] = []
        while whole.count > 3 { groups.insert(String(whole.suffix(3)), at: 0); whole = String(whole.dropLast(3)) }
        groups.insert(whole, at: 0)
        whole = groups.joined(separator: "\u{00A0}")
    }
    return whole + (comma ? "," : ".") + (cents < 10 ? "0" : "") + String(cents)
}

let options = parseOptions()
try? FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
var random = Random(state: options.seed)
func path(_ name: String) -> String { (options.out as NSString).appendingPathComponent(name) }

let counties = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"]
let memberCount = 290
let members = (0..<memberCount).map { orgNumber(212_000_000 + 10 * $0 + 1) }
do {
    let w = Writer(path("members.csv"))
    w.write("org_no,name,municipality_code\n")
    for (i, org) in members.enumerated() {
        let code = counties[i % counties.count] + String(format: "%02d", 10 + i / counties.count)
        w.write("\(org),Kommun \(i + 1),\(code)\n")
    }
    w.close()
}
// Every member borrows itself, and through one company it owns.
let companies = (0..<memberCount).map { orgNumber(556_000_000 + 10 * $0 + 7) }
let borrowers = members + companies
do {
    let w = Writer(path("borrowers.csv"))
    w.write("org_no,name,owner_org_no\n")
    for org in members { w.write("\(org),\"Kommun, låntagare \(org)\",\(org)\n") }
    for (i, org) in companies.enumerated() { w.write("\(org),Kommunbolag \(i + 1) AB,\(members[i])\n") }
    w.close()
}
let socialCategories = ["Boende och boendemiljöer", "\"Trygghet, säkerhet och tillgänglighet\"", "\"Hälsa, utbildning, idrott och kultur\""]
let greenCategories = ["renewable_energy", "energy_efficiency", "green_buildings", "clean_transport", "waste_management",
                       "water_management", "climate_adaptation", "environmental_management"]
// Loans: 15 % green, 3 % social, the rest other. Each green or social loan has its own project.
let approvedScale = Int64(max(1, (options.entries / max(1, options.loans) + 49) / 50))
enum Kind { case green, social, other }
var loanKinds: [Kind] = []
var loanBorrower: [Int] = []
do {
    let projects = Writer(path("projects.csv"))
    projects.write("project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,decision_date,status\n")
    let loans = Writer(path("loans.csv"))
    loans.write("loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n")
    for i in 0..<options.loans {
        let roll = random.below(100)
        let kind: Kind = roll < 15 ? .green : (roll < 18 ? .social : .other)
        let borrower = random.below(borrowers.count)
        loanKinds.append(kind)
        loanBorrower.append(borrower)
        let number = "L\(100_000 + i)"
        let date = day(fromOrdinal: random.below(365))
        switch kind {
        case .other:
            loans.write("\(number),\(borrowers[borrower]),other,,\n")
        case .green, .social:
            let project = i + 1
            // 5 Mkr … 5,05 Mkr, more when the file has more entries per loan than 10⁶ over
            // 20 000 loans (50): a project's loans never disburse more than it was approved.
            let approved = Int64(500_000_000 + random.below(5_000_000)) * 100 * approvedScale
            if kind == .green {
                projects.write("\(project),green,\(borrowers[borrower]),Grönt projekt \(project),\(greenCategories[random.below(8)]),,\(sek(approved, comma: false, grouping: false)),\(date),approved\n")
                loans.write("\(number),\(borrowers[borrower]),green,\(project),\(random.below(10) == 0 ? "false" : "true")\n")
            } else {
                projects.write("\(project),social,\(borrowers[borrower]),Socialt projekt \(project),\(socialCategories[random.below(3)]),\(1 + random.below(2)),\(sek(approved, comma: false, grouping: false)),\(date),approved\n")
                loans.write("\(number),\(borrowers[borrower]),social,\(project),\n")
            }
        }
    }
    projects.close()
    loans.close()
}
// Entries in value-date order; a repayment only where the balance covers it.
do {
    let comma = Writer(path("entries.csv"))
    comma.write("external_id,loan_number,value_date,amount_sek,kind\n")
    let semi = Writer(path("entries-semicolon.csv"))
    semi.bytes([0xEF, 0xBB, 0xBF])
    semi.write("external_id;loan_number;value_date;amount_sek;kind\r\n")
    var balance = [Int64](repeating: 0, count: options.loans)
    let span = 4018  // 2015-01-01 … 2025-12-31
    for i in 0..<options.entries {
        let loan = random.below(options.loans)
        let ordinal = options.entries > 1 ? Int(Int64(i) * Int64(span - 1) / Int64(options.entries - 1)) : 0
        let date = day(fromOrdinal: ordinal)
        var amount = Int64(1_000_000 + random.below(900_000_000))  // 10 000 kr … 9 mn kr, in öre
        let kind: String
        if balance[loan] > amount && random.below(3) == 0 {
            kind = "repayment"
            balance[loan] -= amount
        } else {
            kind = "disbursement"
            balance[loan] += amount
        }
        if amount == 0 { amount = 1 }
        let id = "E\(String(format: "%09d", i + 1))"
        comma.write("\(id),L\(100_000 + loan),\(date),\(sek(amount, comma: false, grouping: false)),\(kind)\n")
        semi.write("\(id);L\(100_000 + loan);\(date);\(sek(amount, comma: true, grouping: true));\(kind)\r\n")
    }
    comma.close()
    semi.close()
}
// Indicators on social projects, with `years` years of readings each.
do {
    let socialProjects = loanKinds.indices.filter { loanKinds[$0] == .social }.map { $0 + 1 }
    let indicators = Writer(path("indicators.csv"))
    indicators.write("indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year\n")
    let readings = Writer(path("readings.csv"))
    readings.write("indicator_id,year,value\n")
    let firstYear = 2025 - options.years
    for i in 0..<(socialProjects.isEmpty ? 0 : options.indicators) {
        let project = socialProjects[i % socialProjects.count]
        let id = "IND-\(String(format: "%05d", i + 1))"
        let higher = random.below(2) == 0
        let baseline = 40 + random.below(40)
        let target: String
        switch random.below(5) {
        case 0: target = higher ? ">=\(baseline + 10)" : "<=\(baseline - 10)"
        case 1: target = "\(baseline - 5)-\(baseline + 15)"
        case 2: target = higher ? "increasing" : "decreasing"
        case 3: target = "text:Värde utifrån behovsbild"
        default: target = higher ? ">\(baseline + 5)" : "<\(baseline - 5)"
        }
        let targetText = target.hasPrefix("text:") ? String(target.dropFirst(5)) : target
        indicators.write("\(id),\(project),Område \(i % 7),Mål \(i % 11),Indikator \(i + 1),%,\(higher ? "higher" : "lower"),\(baseline),\(firstYear - 1),\(target),\(targetText),2025\n")
        var value = baseline
        for year in firstYear..<(firstYear + options.years) {
            value += random.below(7) - 3
            if random.below(10) == 0 {
                readings.write("\(id),\(year),\(value)-\(value + 2)\n")
            } else {
                readings.write("\(id),\(year),\(value)\n")
            }
        }
    }
    indicators.close()
    readings.close()
}
