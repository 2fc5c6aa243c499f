import Foundation
import XCTest
@testable import Ledger

/// Checks the data files in Seeds/market/ against each other and the model.
final class MarketSeedTests: XCTestCase {
    static let seedDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // LedgerTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("Seeds/market")

    /// A minimal RFC 4180 reader for the seed files (`,`, quotes, LF or CRLF):
    /// rows as dictionaries keyed by the header.
    static func load(_ name: String, header expected: [String],
                     file: StaticString = #filePath, line: UInt = #line) throws -> [[String: String]] {
        let text = try String(contentsOf: seedDirectory.appendingPathComponent(name), encoding: .utf8)
        XCTAssertFalse(text.hasPrefix("\u{FEFF}"), "\(name) has a BOM", file: file, line: line)
        var rows: [[String]] = []
        var row: [String] = [], field = "", quoted = false, afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true; afterQuote = false
            case ",": row.append(field); field = ""; afterQuote = false
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default: field.unicodeScalars.append(c); afterQuote = false
            }
        }
        XCTAssertFalse(quoted, "\(name): unterminated quote", file: file, line: line)
        XCTAssertTrue(row.isEmpty && field.isEmpty, "\(name) does not end with a newline", file: file, line: line)
        let header = try XCTUnwrap(rows.first, "\(name) is empty", file: file, line: line)
        XCTAssertEqual(header, expected, "\(name) header", file: file, line: line)
        return rows.dropFirst().enumerated().map { (i, fields) in
            XCTAssertEqual(fields.count, header.count, "\(name):\(i + 2) has \(fields.count) fields", file: file, line: line)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    func municipalities() throws -> [String: String] {
        let rows = try Self.load("municipalities.csv", header: ["municipality_code", "name"])
        var byCode: [String: String] = [:]
        for row in rows {
            let code = row["municipality_code"]!
            XCTAssertNotNil(try? MunicipalityCode.parse(code), "municipalities.csv: \(code)")
            XCTAssertNil(byCode[code], "municipalities.csv: \(code) twice")
            byCode[code] = row["name"]!
        }
        XCTAssertEqual(Set(byCode.values).count, byCode.count, "a name appears under two codes")
        return byCode
    }

    func classBounds() throws -> [ClassBounds] {
        try Self.load("class_bounds.csv",
                      header: ["year", "scenario", "very_weak_max", "weak_max", "strong_max", "source"]).map { row in
            XCTAssertFalse(row["source"]!.isEmpty)
            return try ClassBounds(year: Int(row["year"]!)!, scenario: row["scenario"]!,
                                   veryWeakMax: Int64(row["very_weak_max"]!)!, weakMax: Int64(row["weak_max"]!)!,
                                   strongMax: Int64(row["strong_max"]!)!)
        }
    }

    func testMunicipalities() throws {
        let byCode = try municipalities()
        XCTAssertEqual(byCode.count, 142)
        // The codes other seeds rely on (SCB kommunkoder).
        let expected: [String: String] = [
            "0127": "Botkyrka", "1435": "Tanum", "1081": "Ronneby", "0180": "Stockholm", "1480": "Göteborg",
            "1280": "Malmö", "0380": "Uppsala", "0580": "Linköping", "1880": "Örebro", "1980": "Västerås",
            "2480": "Umeå", "2580": "Luleå", "2281": "Sundsvall", "2180": "Gävle", "0680": "Jönköping",
            "0780": "Växjö", "0880": "Kalmar", "1780": "Karlstad", "2080": "Falun", "2380": "Östersund",
            "2584": "Kiruna", "0581": "Norrköping", "1283": "Helsingborg", "1281": "Lund", "1490": "Borås",
            "1380": "Halmstad", "0484": "Eskilstuna", "0181": "Södertälje", "0126": "Huddinge", "0136": "Haninge",
            "2260": "Ånge", "2282": "Kramfors", "2463": "Åsele",
            // Bräcke is in Jämtland (23); 2283 is Sollefteå (Västernorrland).
            "2305": "Bräcke", "2283": "Sollefteå",
        ]
        for (code, name) in expected {
            XCTAssertEqual(byCode[code], name, code)
        }
    }

    func testClassBoundsSeed() throws {
        let all = try classBounds()
        XCTAssertEqual(all.count, 5)
        XCTAssertEqual(Set(all.map { "\($0.year) \($0.scenario)" }).count, all.count, "duplicate year/scenario")
        XCTAssertEqual(ClassBounds.find(year: 2012, in: all), MarketClassTests.base2012)
        XCTAssertEqual(ClassBounds.find(year: 2020, in: all), MarketClassTests.base2020)
        XCTAssertEqual(ClassBounds.find(year: 2025, in: all), MarketClassTests.base2025)
        XCTAssertEqual(ClassBounds.find(year: 2020, scenario: "inflation-1.4", in: all), MarketClassTests.inflation2020)
        XCTAssertEqual(ClassBounds.find(year: 2025, scenario: "inflation-1.4", in: all), MarketClassTests.inflation2025)
    }

    func testMarketSeed() throws {
        let names = try municipalities()
        let bounds = try classBounds()
        let rows = try Self.load("market.csv", header: [
            "municipality_code", "municipality", "year", "index_value", "trend_index", "level_index",
            "labour_market_population_k", "job_accessibility_k", "basis", "source",
        ])
        XCTAssertEqual(rows.count, 206)
        var perYear: [Int: Int] = [:]
        var keys = Set<String>()
        var computed: [MarketReading] = []
        for (i, row) in rows.enumerated() {
            let at = "market.csv:\(i + 2)"
            let codeText = row["municipality_code"]!
            let code = try XCTUnwrap(try? MunicipalityCode.parse(codeText), "\(at): code \(codeText)")
            XCTAssertEqual(names[codeText], row["municipality"], "\(at): \(codeText) not in municipalities.csv under that name")
            let year = try XCTUnwrap(Int(row["year"]!), at)
            let basis = row["basis"]!
            XCTAssertTrue(["observed", "forecast", "model"].contains(basis), "\(at): basis \(basis)")
            XCTAssertTrue(keys.insert("\(codeText) \(year) \(basis)").inserted, "\(at): duplicate code/year/basis")
            XCTAssertTrue(row["source"]!.hasPrefix("SOU 2015:58 bilaga 2"), at)
            let indexText = row["index_value"]!
            let reading = MarketReading(
                municipalityCode: code, municipality: row["municipality"]!, year: year,
                indexValue: indexText.isEmpty ? nil : try MarketDecimal(parsing: indexText),
                inputs: try MarketReading.inputs(trendIndex: row["trend_index"], levelIndex: row["level_index"],
                                                 labourMarketPopulationK: row["labour_market_population_k"],
                                                 jobAccessibilityK: row["job_accessibility_k"]))
            if reading.isComputed { computed.append(reading) } else { perYear[year, default: 0] += 1 }
            XCTAssertEqual(basis == "model", reading.isComputed, at)
            XCTAssertEqual(basis, year == 2012 ? (reading.isComputed ? "model" : "observed") : "forecast", at)
            // Every listed municipality is a very weak market under its year's base bounds.
            let yearBounds = try XCTUnwrap(ClassBounds.find(year: year, in: bounds), "\(at): no bounds for \(year)")
            let index = try reading.resolvedIndex()
            XCTAssertEqual(classify(index: index, bounds: yearBounds), .veryWeak, "\(at): \(reading.municipality) \(index)")
        }
        // Table 14 (p. 620): 105 very weak markets in 2012, 61 in 2020, 39 in 2025.
        XCTAssertEqual(perYear, [2012: 105, 2020: 61, 2025: 39])
        XCTAssertEqual(computed.count, 1)
        XCTAssertEqual(computed.first?.municipalityCode.description, "2463")
        XCTAssertEqual(try computed.first?.resolvedIndex(), 2619)
        // The observed Åsele 2012 price sits beside the model row.
        XCTAssertTrue(rows.contains { $0["municipality_code"] == "2463" && $0["year"] == "2012" && $0["index_value"] == "2597" })
    }

    func testVacancySeed() throws {
        let names = try municipalities()
        let rows = try Self.load("vacancy_2013.csv", header: [
            "municipality_code", "municipality", "vacancy_percent", "dwellings", "vacant_dwellings", "source",
        ])
        XCTAssertEqual(rows.count, 20)
        XCTAssertEqual(Set(rows.map { $0["municipality_code"]! }).count, 20)
        for (i, row) in rows.enumerated() {
            let at = "vacancy_2013.csv:\(i + 2)"
            let code = row["municipality_code"]!
            XCTAssertNotNil(try? MunicipalityCode.parse(code), at)
            XCTAssertEqual(names[code], row["municipality"], at)
            // The printed percentage agrees with vacant / dwellings to its one decimal.
            let percent = try MarketDecimal(parsing: row["vacancy_percent"]!)
            XCTAssertEqual(percent.scale, 1, at)
            let dwellings = try XCTUnwrap(Int64(row["dwellings"]!), at)
            let vacant = try XCTUnwrap(Int64(row["vacant_dwellings"]!), at)
            let thousandths = vacant * 100_000 / dwellings  // percent × 1000, truncated
            XCTAssertLessThanOrEqual(abs(thousandths - percent.units * 100), 50, "\(at): \(vacant)/\(dwellings)")
            XCTAssertGreaterThanOrEqual(percent.units, 60, at) // "mer än 6 procent" as printed (6,0 included)
        }
    }
}
