import XCTest
@testable import Ledger

/// The target grammar: parsing, canonical rendering, round trips and refusals.
final class TargetParseTests: XCTestCase {
    private func q(_ text: String) -> Quantity { try! Quantity.parse(text) }

    func testComparisons() throws {
        XCTAssertEqual(try Target.parse(">=90"), .atLeast(90))
        XCTAssertEqual(try Target.parse(">= 90"), .atLeast(90))
        XCTAssertEqual(try Target.parse("≥90"), .atLeast(90))
        XCTAssertEqual(try Target.parse("> 86,5"), .above(q("86.5")))
        XCTAssertEqual(try Target.parse("<=20"), .atMost(20))
        XCTAssertEqual(try Target.parse("≤20%"), .atMost(20))
        XCTAssertEqual(try Target.parse("≤ 20 %"), .atMost(20))
        XCTAssertEqual(try Target.parse("<0.5"), .below(q("0,5")))
        XCTAssertEqual(try Target.parse("= 100 %"), .equal(100))
        XCTAssertEqual(try Target.parse("<=0"), .atMost(0))
        XCTAssertEqual(try Target.parse(">=-3"), .atLeast(-3))
        XCTAssertEqual(try Target.parse("  >=90  "), .atLeast(90))
    }

    func testRanges() throws {
        XCTAssertEqual(try Target.parse("200-400"), .range(low: 200, high: 400))
        XCTAssertEqual(try Target.parse("200..400"), .range(low: 200, high: 400))
        XCTAssertEqual(try Target.parse("90–100 %"), .range(low: 90, high: 100))
        XCTAssertEqual(try Target.parse("90 - 100"), .range(low: 90, high: 100))
        XCTAssertEqual(try Target.parse("90%-100%"), .range(low: 90, high: 100))
        XCTAssertEqual(try Target.parse("0,5-1,5"), .range(low: q("0.5"), high: q("1.5")))
        XCTAssertEqual(try Target.parse("-5--3"), .range(low: -5, high: -3))
        XCTAssertEqual(try Target.parse("-5..-3"), .range(low: -5, high: -3))
        XCTAssertEqual(try Target.parse("7-7"), .range(low: 7, high: 7))
    }

    func testDirectionReferenceAndTextTargets() throws {
        XCTAssertEqual(try Target.parse("increasing"), .increasing)
        XCTAssertEqual(try Target.parse("Ökande"), .increasing)
        XCTAssertEqual(try Target.parse("ÖKANDE"), .increasing)
        XCTAssertEqual(try Target.parse("decreasing"), .decreasing)
        XCTAssertEqual(try Target.parse("Minskande"), .decreasing)
        XCTAssertEqual(try Target.parse("ref>=riket"), .referenceAtLeast("riket"))
        XCTAssertEqual(try Target.parse("ref >= riket"), .referenceAtLeast("riket"))
        XCTAssertEqual(try Target.parse("ref≥riket"), .referenceAtLeast("riket"))
        XCTAssertEqual(try Target.parse("ref>riket"), .referenceAbove("riket"))
        XCTAssertEqual(try Target.parse("ref>skolverket.ak9_godkanda-2023"), .referenceAbove("skolverket.ak9_godkanda-2023"))
        XCTAssertEqual(try Target.parse("text:Värde utifrån behovsbild"), .text("Värde utifrån behovsbild"))
        XCTAssertEqual(try Target.parse("text:  Samtliga ungdomar  "), .text("Samtliga ungdomar"))
        XCTAssertEqual(try Target.parse("Text:Enligt årlig hyresförhandling"), .text("Enligt årlig hyresförhandling"))
        XCTAssertEqual(try Target.parse("text:>=90"), .text(">=90"))
    }

    func testRender() throws {
        XCTAssertEqual(Target.atLeast(90).render(), ">=90")
        XCTAssertEqual(try Target.parse("≤20%").render(), "<=20")
        XCTAssertEqual(try Target.parse("> 86,50").render(), ">86.5")
        XCTAssertEqual(Target.below(q("0,5")).render(), "<0.5")
        XCTAssertEqual(Target.equal(100).render(), "=100")
        XCTAssertEqual(try Target.parse("200..400").render(), "200-400")
        XCTAssertEqual(try Target.parse("90–100 %").render(), "90-100")
        XCTAssertEqual(Target.range(low: -5, high: -3).render(), "-5..-3")
        XCTAssertEqual(Target.range(low: -5, high: 3).render(), "-5..3")
        XCTAssertEqual(try Target.parse("Ökande").render(), "increasing")
        XCTAssertEqual(try Target.parse("minskande").render(), "decreasing")
        XCTAssertEqual(try Target.parse("ref >= riket").render(), "ref>=riket")
        XCTAssertEqual(Target.referenceAbove("riket").render(), "ref>riket")
        XCTAssertEqual(Target.text("Värde utifrån behovsbild").render(), "text:Värde utifrån behovsbild")
        XCTAssertEqual(Target.atLeast(90).description, ">=90")
    }

    func testRoundTrips() throws {
        let inputs = [
            ">=90", ">= 90,5", "≥0", "> -1", "<=20", "≤20%", "< 0,000001", "= 75", "=-0,5",
            "200-400", "200..400", "90–100 %", "-5--3", "-5..3", "0,5-1,5", "922337203685-922337203685",
            "increasing", "Ökande", "decreasing", "MINSKANDE",
            "ref>=riket", "ref > riket", "ref≥länet", "text:Värde utifrån behovsbild", "text: a:b ",
        ]
        for input in inputs {
            let target = try Target.parse(input)
            XCTAssertEqual(try Target.parse(target.render()), target, input)
            XCTAssertEqual(try Target.parse(target.render()).render(), target.render(), input)
        }
        let built: [Target] = [
            .atLeast(Quantity(units: 1)), .above(Quantity(units: -123_456_789_0)), .atMost(0), .below(-7),
            .equal(Quantity(units: 5)), .range(low: -2, high: 0), .range(low: Quantity(units: 10), high: Quantity(units: 20)),
            .increasing, .decreasing, .referenceAtLeast("Riket"), .referenceAbove("r_1"), .text("x y"),
        ]
        for target in built {
            XCTAssertEqual(try Target.parse(target.render()), target, target.render())
        }
    }

    func testRefusals() {
        func refusal(_ input: String) -> TargetParseError? {
            do { _ = try Target.parse(input); return nil } catch { return error }
        }
        XCTAssertEqual(refusal(""), .empty)
        XCTAssertEqual(refusal("   "), .empty)
        XCTAssertEqual(refusal("100"), .bareNumber("100"))
        XCTAssertEqual(refusal("100 %"), .bareNumber("100 %"))
        XCTAssertEqual(refusal(">=abc"), .badNumber(">=abc", .notANumber("abc")))
        XCTAssertEqual(refusal(">="), .badNumber(">=", .empty))
        XCTAssertEqual(refusal(">=1,2,3"), .badNumber(">=1,2,3", .notANumber("1,2,3")))
        XCTAssertEqual(refusal("<=1,23456789"), .badNumber("<=1,23456789", .tooManyDecimals("1,23456789")))
        XCTAssertEqual(refusal("400-200"), .reversedRange("400-200"))
        XCTAssertEqual(refusal("text:"), .emptyText)
        XCTAssertEqual(refusal("text:   "), .emptyText)
        XCTAssertEqual(refusal("ref>="), .badReferenceName("ref>="))
        XCTAssertEqual(refusal("ref>=riket snitt"), .badReferenceName("ref>=riket snitt"))
        XCTAssertEqual(refusal("ref<=riket"), .unsupportedReferenceOperator("ref<=riket"))
        XCTAssertEqual(refusal("ref=riket"), .unsupportedReferenceOperator("ref=riket"))
        XCTAssertEqual(refusal("I nivå med riket"), .unrecognised("I nivå med riket"))
        XCTAssertEqual(refusal("90 (2025)"), .unrecognised("90 (2025)"))
        XCTAssertEqual(refusal("200-400 per år"), .unrecognised("200-400 per år"))
        XCTAssertEqual(refusal("1-"), .unrecognised("1-"))
        XCTAssertEqual(refusal("increasingly"), .unrecognised("increasingly"))
        XCTAssertEqual(refusal("=>5"), .badNumber("=>5", .notANumber(">5")))
    }

    func testErrorMessages() {
        XCTAssertEqual(TargetParseError.bareNumber("100").description,
                       "target \"100\" is a bare number; write >=100, <=100 or =100")
        XCTAssertEqual(TargetParseError.reversedRange("400-200").description,
                       "target \"400-200\" is a range whose low end is above its high end")
        XCTAssertEqual(TargetParseError.badNumber(">=abc", .notANumber("abc")).description,
                       "target \">=abc\": \"abc\" is not a number")
        XCTAssertEqual(TargetParseError.unsupportedReferenceOperator("ref<=riket").description,
                       "target \"ref<=riket\": reference targets are ref>=NAME or ref>NAME")
    }

    func testTargetProperties() {
        XCTAssertEqual(Target.increasing.impliedDirection, .higher)
        XCTAssertEqual(Target.decreasing.impliedDirection, .lower)
        XCTAssertNil(Target.atLeast(1).impliedDirection)
        XCTAssertTrue(Target.referenceAbove("riket").isMeasurable)
        XCTAssertFalse(Target.text("x").isMeasurable)
        XCTAssertFalse(Target.increasing.isMeasurable)
        XCTAssertEqual(Target.referenceAtLeast("riket").referenceName, "riket")
        XCTAssertNil(Target.range(low: 1, high: 2).referenceName)
    }

    /// A deterministic property check: random strings from the grammar's alphabet either
    /// fail to parse or parse to a target whose rendering parses back to it. Never traps.
    func testRandomInputsRoundTripOrFail() {
        let alphabet = Array("0123456789,.-–%<>=≥≤ .refxtinagdcsöÖkm:\u{00A0}\u{2212}")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var parsed = 0
        for _ in 0..<20_000 {
            let length = next() % 12
            let prefixes = ["", "", ">=", "<", "≤ ", "=", "ref>", "text:", "1", "-2"]
            let input = prefixes[next() % prefixes.count]
                + String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            if let target = try? Target.parse(input) {
                parsed += 1
                XCTAssertEqual(try? Target.parse(target.render()), target, input)
            }
            if let reading = try? ReadingValue.parse(input) {
                XCTAssertEqual(try? ReadingValue.parse(reading.description), reading, input)
            }
        }
        XCTAssertGreaterThan(parsed, 1_000)
    }
}
