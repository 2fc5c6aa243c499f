import XCTest
@testable import Ledger

final class MarketClassTests: XCTestCase {
    // The printed bounds, written out here as test data; MarketSeedTests checks
    // that Seeds/market/class_bounds.csv says the same.
    static let base2012 = try! ClassBounds(year: 2012, scenario: "base", veryWeakMax: 7700, weakMax: 9900, strongMax: 13300)
    static let base2020 = try! ClassBounds(year: 2020, scenario: "base", veryWeakMax: 9600, weakMax: 12300, strongMax: 16000)
    static let base2025 = try! ClassBounds(year: 2025, scenario: "base", veryWeakMax: 10900, weakMax: 14100, strongMax: 18900)
    static let inflation2020 = try! ClassBounds(year: 2020, scenario: "inflation-1.4", veryWeakMax: 9300, weakMax: 12000, strongMax: 16100)
    static let inflation2025 = try! ClassBounds(year: 2025, scenario: "inflation-1.4", veryWeakMax: 10400, weakMax: 13400, strongMax: 18000)

    private func assertEdges(_ bounds: ClassBounds, _ edges: [(Int64, MarketClass)],
                             file: StaticString = #filePath, line: UInt = #line) {
        for (index, expected) in edges {
            XCTAssertEqual(classify(index: index, bounds: bounds), expected,
                           "\(bounds.year) \(bounds.scenario) \(index)", file: file, line: line)
        }
    }

    func testEdges2012() {
        assertEdges(Self.base2012, [
            (0, .veryWeak), (2536, .veryWeak), (7700, .veryWeak), (7701, .weak), (9900, .weak),
            (9901, .strong), (13300, .strong), (13301, .veryStrong), (50000, .veryStrong),
        ])
    }

    func testEdges2020() {
        assertEdges(Self.base2020, [
            (9600, .veryWeak), (9601, .weak), (12300, .weak), (12301, .strong),
            (16000, .strong), (16001, .veryStrong),
        ])
    }

    func testEdges2025() {
        assertEdges(Self.base2025, [
            (10900, .veryWeak), (10901, .weak), (14100, .weak), (14101, .strong),
            (18900, .strong), (18901, .veryStrong),
        ])
    }

    func testInflationScenario2020() {
        assertEdges(Self.inflation2020, [
            (9300, .veryWeak), (9301, .weak), (12000, .weak), (12001, .strong),
            (16100, .strong), (16101, .veryStrong),
        ])
        // Between the scenarios' bounds the class differs.
        XCTAssertEqual(classify(index: 9453, bounds: Self.base2020), .veryWeak)      // Kristinehamn 2020
        XCTAssertEqual(classify(index: 9453, bounds: Self.inflation2020), .weak)
        XCTAssertEqual(classify(index: 16050, bounds: Self.base2020), .veryStrong)
        XCTAssertEqual(classify(index: 16050, bounds: Self.inflation2020), .strong)
    }

    func testInflationScenario2025() {
        assertEdges(Self.inflation2025, [
            (10400, .veryWeak), (10401, .weak), (13400, .weak), (13401, .strong),
            (18000, .strong), (18001, .veryStrong),
        ])
        XCTAssertEqual(classify(index: 10886, bounds: Self.base2025), .veryWeak)     // Vilhelmina 2025
        XCTAssertEqual(classify(index: 10886, bounds: Self.inflation2025), .weak)
    }

    func testNegativeModelResultIsVeryWeak() {
        XCTAssertEqual(classify(index: -48455, bounds: Self.base2012), .veryWeak)
    }

    func testÅsele2012ModelResultIsVeryWeak() throws {
        let inputs = try MarketInputs(trendIndex: "99,73167", levelIndex: "85,16515",
                                      labourMarketPopulationK: "2,959923", jobAccessibilityK: "0,72784")
        XCTAssertEqual(classify(index: try MarketModel.sou2015_58.index(inputs), bounds: Self.base2012), .veryWeak)
    }

    func testRanges() {
        let b = Self.base2012
        XCTAssertTrue(b.range(of: .veryWeak) == (nil, 7700))
        XCTAssertTrue(b.range(of: .weak) == (7701, 9900))
        XCTAssertTrue(b.range(of: .strong) == (9901, 13300))
        XCTAssertTrue(b.range(of: .veryStrong) == (13301, nil))
    }

    func testFind() {
        let all = [Self.base2012, Self.base2020, Self.base2025, Self.inflation2020, Self.inflation2025]
        XCTAssertEqual(ClassBounds.find(year: 2020, in: all), Self.base2020)
        XCTAssertEqual(ClassBounds.find(year: 2020, scenario: ClassBounds.inflation14Scenario, in: all), Self.inflation2020)
        XCTAssertNil(ClassBounds.find(year: 2012, scenario: ClassBounds.inflation14Scenario, in: all))
        XCTAssertNil(ClassBounds.find(year: 2013, in: all))
    }

    func testBoundsValidation() {
        XCTAssertThrowsError(try ClassBounds(year: 2012, scenario: "base", veryWeakMax: 9900, weakMax: 7700, strongMax: 13300)) {
            XCTAssertEqual($0 as? MarketError, .boundsNotIncreasing(year: 2012, scenario: "base"))
        }
        XCTAssertThrowsError(try ClassBounds(year: 2012, scenario: "base", veryWeakMax: 7700, weakMax: 7700, strongMax: 13300))
        XCTAssertThrowsError(try ClassBounds(year: 2012, scenario: "base", veryWeakMax: -1, weakMax: 7700, strongMax: 13300))
        XCTAssertThrowsError(try ClassBounds(year: 12, scenario: "base", veryWeakMax: 1, weakMax: 2, strongMax: 3)) {
            XCTAssertEqual($0 as? MarketError, .invalidYear(12))
        }
        for bad in ["", "Base", "inflation 1.4", "infl,1.4"] {
            XCTAssertThrowsError(try ClassBounds(year: 2020, scenario: bad, veryWeakMax: 1, weakMax: 2, strongMax: 3)) {
                XCTAssertEqual($0 as? MarketError, .invalidScenario(bad))
            }
        }
    }

    func testTokensAndLabels() throws {
        XCTAssertEqual(MarketClass.allCases.map(\.token), ["very_weak", "weak", "strong", "very_strong"])
        XCTAssertEqual(MarketClass.allCases.map(\.swedishLabel), ["mycket svag", "svag", "stark", "mycket stark"])
        XCTAssertEqual(MarketClass.allCases.map(\.englishLabel), ["very weak", "weak", "strong", "very strong"])
        XCTAssertEqual(MarketClass.allCases, MarketClass.allCases.sorted())
        XCTAssertEqual(MarketClass(rawValue: "very_strong"), .veryStrong)
        XCTAssertNil(MarketClass(rawValue: "Very_Strong"))
        let json = try JSONEncoder().encode([MarketClass.veryWeak, .veryStrong])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"["very_weak","very_strong"]"#)
        XCTAssertEqual(try JSONDecoder().decode([MarketClass].self, from: Data(#"["weak"]"#.utf8)), [.weak])
    }
}
