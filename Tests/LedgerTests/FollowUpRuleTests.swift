import XCTest
@testable import Ledger

/// Every branch of `FollowUpRule.status`.
final class FollowUpRuleTests: XCTestCase {
    private func q(_ text: String) -> Quantity { try! Quantity.parse(text) }
    private func n(_ text: String) -> ReadingValue { .number(try! Quantity.parse(text)) }

    private func rule(
        _ direction: Direction = .higher, tolerance: String = "0", baseline: ReadingValue? = .number(50),
        previous: ReadingValue? = nil, value: ReadingValue?, target: Target = .atLeast(100),
        reference: Quantity? = nil, decided: CommitteeDecision? = nil
    ) -> FollowUpAssessment {
        FollowUpRule.status(
            direction: direction, tolerance: q(tolerance), baseline: baseline, previous: previous,
            value: value, target: target, referenceValue: reference, decision: decided)
    }

    // Rule 1
    func testRule1NoReadingIsNotReported() {
        XCTAssertEqual(rule(value: nil), FollowUpAssessment(.notReported))
        XCTAssertEqual(rule(value: nil, decided: .notMet), FollowUpAssessment(.notReported, notes: [.notMetByDecision]))
        // The committee can judge a year without a reading.
        XCTAssertEqual(rule(value: nil, decided: .met), FollowUpAssessment(.targetMet, notes: [.metByDecision]))
        XCTAssertEqual(rule(.none, value: nil, target: .text("x")).status, .notReported)
    }

    // Rule 2: each kind of target
    func testRule2Comparisons() {
        XCTAssertEqual(rule(value: n("100"), target: .atLeast(100)).status, .targetMet)
        XCTAssertEqual(rule(value: n("99,9"), target: .atLeast(100)).status, .positiveTrend)
        XCTAssertEqual(rule(value: n("100"), target: .above(100)).status, .positiveTrend)
        XCTAssertEqual(rule(value: n("100,1"), target: .above(100)).status, .targetMet)
        XCTAssertEqual(rule(.lower, baseline: n("30"), value: n("20"), target: .atMost(20)).status, .targetMet)
        XCTAssertEqual(rule(.lower, baseline: n("30"), value: n("20"), target: .below(20)).status, .positiveTrend)
        XCTAssertEqual(rule(.lower, baseline: n("30"), value: n("19,5"), target: .below(20)).status, .targetMet)
        XCTAssertEqual(rule(value: n("75"), target: .equal(75)).status, .targetMet)
        XCTAssertEqual(rule(value: n("75,5"), target: .equal(75)).status, .positiveTrend)
    }

    func testRule2RangeIsInclusive() {
        let target = Target.range(low: 200, high: 400)
        XCTAssertEqual(rule(value: n("200"), target: target).status, .targetMet)
        XCTAssertEqual(rule(value: n("400"), target: target).status, .targetMet)
        XCTAssertEqual(rule(value: n("400,000001"), target: target).status, .positiveTrend)
        XCTAssertEqual(rule(baseline: n("300"), value: n("199"), target: target).status, .worseThanBaseline)
    }

    func testRangeReadingJudgedByMidpoint() {
        // 97-98 → 97,5
        let reading = try! ReadingValue.parse("97-98 %")
        XCTAssertEqual(reading.judgedValue, q("97,5"))
        XCTAssertEqual(rule(value: reading, target: .atLeast(q("97,5"))).status, .targetMet)
        XCTAssertEqual(rule(value: reading, target: .atLeast(q("97,6"))).status, .positiveTrend)
        // A range reading that straddles a bound is judged by its midpoint alone.
        XCTAssertEqual(rule(value: try! ReadingValue.parse("85-100"), target: .range(low: 90, high: 100)).status, .targetMet)
        XCTAssertEqual(rule(value: try! ReadingValue.parse("80-99"), target: .range(low: 90, high: 100)).status, .positiveTrend)
        // Midpoint against the previous value: 97-98 (97,5) after 97,5 is no change.
        XCTAssertEqual(rule(baseline: n("90"), previous: n("97,5"), value: reading).status, .noChange)
    }

    func testRule2ReferenceTargets() {
        XCTAssertEqual(rule(value: n("63"), target: .referenceAtLeast("riket"), reference: q("63")).status, .targetMet)
        XCTAssertEqual(rule(baseline: n("60,4"), value: n("63"), target: .referenceAtLeast("riket"), reference: q("63,1")),
                       FollowUpAssessment(.positiveTrend))
        XCTAssertEqual(rule(value: n("52,2"), target: .referenceAbove("riket"), reference: q("52,2")).status, .positiveTrend)
        XCTAssertEqual(rule(value: n("52,3"), target: .referenceAbove("riket"), reference: q("52,2")).status, .targetMet)
    }

    func testRule2ReferenceMissingIsNotMetWithNote() {
        let result = rule(baseline: n("60,4"), value: n("63"), target: .referenceAtLeast("riket"), reference: nil)
        XCTAssertEqual(result, FollowUpAssessment(.positiveTrend, notes: [.referenceMissing(name: "riket")]))
        XCTAssertEqual(result.notes.first?.englishText, "reference value missing for year (riket)")
        XCTAssertEqual(result.notes.first?.swedishText, "referensvärde saknas för året (riket)")
        // Reports name the year.
        XCTAssertEqual(result.notes.first?.text(language: .sv, year: 2023), "referensvärde för 2023 saknas (riket)")
        XCTAssertEqual(result.notes.first?.text(language: .en, year: 2023), "reference value for 2023 missing (riket)")
        // Even a value far above anything is not "met" without the reference.
        XCTAssertEqual(rule(value: n("1000"), target: .referenceAbove("riket")).status, .positiveTrend)
    }

    func testDirectionAndTextTargetsAreNeverMet() {
        XCTAssertEqual(rule(baseline: n("1"), value: n("1000"), target: .increasing).status, .positiveTrend)
        XCTAssertEqual(rule(.lower, baseline: n("1000"), value: n("0"), target: .decreasing).status, .positiveTrend)
        XCTAssertEqual(rule(baseline: n("1"), value: n("1000"), target: .text("Värde utifrån behovsbild")).status, .positiveTrend)
    }

    // Rule 3
    func testRule3DirectionNone() {
        XCTAssertEqual(rule(.none, baseline: n("60"), value: n("60"), target: .atLeast(100)), FollowUpAssessment(.noChange))
        XCTAssertEqual(rule(.none, baseline: n("60"), value: n("61"), target: .atLeast(100)), FollowUpAssessment(.notAssessed))
        XCTAssertEqual(rule(.none, baseline: n("60"), value: n("59"), target: .text("t")), FollowUpAssessment(.notAssessed))
        // Compared with p, the latest earlier reading, not with b.
        XCTAssertEqual(rule(.none, baseline: n("10"), previous: n("61"), value: n("61"), target: .text("t")).status, .noChange)
        // Rule 2 before rule 3.
        XCTAssertEqual(rule(.none, baseline: n("60"), value: n("100"), target: .atLeast(100)).status, .targetMet)
        // Nothing to compare with.
        XCTAssertEqual(rule(.none, baseline: nil, value: n("60"), target: .text("t")),
                       FollowUpAssessment(.notAssessed, notes: [.previousNotComparable]))
    }

    // Rules 4-7, higher is better
    func testRules4To7HigherIsBetter() {
        XCTAssertEqual(rule(baseline: n("50"), previous: n("60"), value: n("49")).status, .worseThanBaseline)
        XCTAssertEqual(rule(baseline: n("50"), previous: n("60"), value: n("55")).status, .negativeTrend)
        XCTAssertEqual(rule(baseline: n("50"), previous: n("60"), value: n("50")).status, .negativeTrend)
        XCTAssertEqual(rule(baseline: n("50"), previous: n("60"), value: n("65")).status, .positiveTrend)
        XCTAssertEqual(rule(baseline: n("50"), previous: n("60"), value: n("60")).status, .noChange)
    }

    // Rules 4-7, lower is better
    func testRules4To7LowerIsBetter() {
        XCTAssertEqual(rule(.lower, baseline: n("50"), previous: n("40"), value: n("51"), target: .atMost(10)).status, .worseThanBaseline)
        XCTAssertEqual(rule(.lower, baseline: n("50"), previous: n("40"), value: n("45"), target: .atMost(10)).status, .negativeTrend)
        XCTAssertEqual(rule(.lower, baseline: n("50"), previous: n("40"), value: n("30"), target: .atMost(10)).status, .positiveTrend)
        XCTAssertEqual(rule(.lower, baseline: n("50"), previous: n("40"), value: n("40"), target: .atMost(10)).status, .noChange)
    }

    func testPreviousFallsBackToBaseline() {
        XCTAssertEqual(rule(baseline: n("50"), previous: nil, value: n("50")).status, .noChange)
        XCTAssertEqual(rule(baseline: n("50"), previous: nil, value: n("51")).status, .positiveTrend)
    }

    func testTolerance() {
        // Within 0,5 of p: equal → no change instead of a trend.
        XCTAssertEqual(rule(tolerance: "0,5", baseline: n("50"), previous: n("60"), value: n("59,5")).status, .noChange)
        XCTAssertEqual(rule(tolerance: "0,5", baseline: n("50"), previous: n("60"), value: n("60,5")).status, .noChange)
        XCTAssertEqual(rule(tolerance: "0,5", baseline: n("50"), previous: n("60"), value: n("59,4")).status, .negativeTrend)
        XCTAssertEqual(rule(tolerance: "0,5", baseline: n("50"), previous: n("60"), value: n("60,6")).status, .positiveTrend)
        // Within tolerance of the baseline: not worse than it.
        XCTAssertEqual(rule(tolerance: "1", baseline: n("50"), previous: n("55"), value: n("49")).status, .negativeTrend)
        // Target bounds: = within tolerance, >= accepts a value just below, > needs more than the tolerance.
        XCTAssertEqual(rule(tolerance: "0,5", value: n("74,5"), target: .equal(75)).status, .targetMet)
        XCTAssertEqual(rule(tolerance: "0,5", value: n("75,6"), target: .equal(75)).status, .positiveTrend)
        XCTAssertEqual(rule(tolerance: "0,5", value: n("89,5"), target: .atLeast(90)).status, .targetMet)
        XCTAssertEqual(rule(tolerance: "0,5", value: n("90,5"), target: .above(90)).status, .positiveTrend)
        XCTAssertEqual(rule(tolerance: "0,5", value: n("90,6"), target: .above(90)).status, .targetMet)
        XCTAssertEqual(rule(tolerance: "0,5", value: n("100,5"), target: .range(low: 90, high: 100)).status, .targetMet)
        // Direction none with tolerance.
        XCTAssertEqual(rule(.none, tolerance: "2", baseline: n("60"), value: n("62"), target: .text("t")).status, .noChange)
        // A negative tolerance counts as 0.
        XCTAssertEqual(rule(tolerance: "-5", baseline: n("50"), previous: n("60"), value: n("60")).status, .noChange)
        XCTAssertEqual(rule(tolerance: "-5", baseline: n("50"), previous: n("60"), value: n("61")).status, .positiveTrend)
    }

    func testTextReadings() {
        XCTAssertEqual(rule(value: .text("Ja")), FollowUpAssessment(.notAssessed, notes: [.textReading]))
        XCTAssertEqual(rule(value: .text("Ja"), decided: .met), FollowUpAssessment(.targetMet, notes: [.metByDecision]))
        XCTAssertEqual(rule(value: .text("Ja"), decided: .notMet), FollowUpAssessment(.notAssessed, notes: [.notMetByDecision]))
        // Whatever the baseline, previous, direction or target: never a trend.
        XCTAssertEqual(rule(.none, baseline: .text("Ja"), previous: .text("Ja"), value: .text("Ja")).status, .notAssessed)
        XCTAssertEqual(rule(.lower, baseline: n("5"), value: .text("Nej"), target: .atMost(1)).status, .notAssessed)
        XCTAssertEqual(rule(value: .text("Ja"), target: .text("Samtliga")).status, .notAssessed)
        XCTAssertEqual(rule(value: .text("Ja"), target: .referenceAtLeast("riket"), reference: q("1")).status, .notAssessed)
    }

    func testDecisions() {
        // A text target with a numeric reading can be met by decision…
        XCTAssertEqual(rule(baseline: n("60"), value: n("60"), target: .text("Värde utifrån behovsbild"), decided: .met),
                       FollowUpAssessment(.targetMet, notes: [.metByDecision]))
        // …and so can any indicator the committee judges by decision, whatever the value.
        XCTAssertEqual(rule(baseline: n("50"), value: n("60"), target: .atLeast(100), decided: .met),
                       FollowUpAssessment(.targetMet, notes: [.metByDecision]))
        XCTAssertEqual(rule(baseline: n("50"), value: n("40"), target: .increasing, decided: .met),
                       FollowUpAssessment(.targetMet, notes: [.metByDecision]))
        // Not met by decision: rule 2 does not apply, the other rules judge the value.
        XCTAssertEqual(rule(baseline: n("50"), value: n("100"), target: .atLeast(100), decided: .notMet),
                       FollowUpAssessment(.positiveTrend, notes: [.notMetByDecision]))
        XCTAssertEqual(rule(baseline: n("50"), previous: n("60"), value: n("55"), target: .atLeast(10), decided: .notMet),
                       FollowUpAssessment(.negativeTrend, notes: [.notMetByDecision]))
        XCTAssertEqual(rule(baseline: n("50"), value: n("40"), target: .atMost(100), decided: .notMet),
                       FollowUpAssessment(.worseThanBaseline, notes: [.notMetByDecision]))
    }

    func testDirectionTargetSuppliesMissingDirection() {
        XCTAssertEqual(rule(.none, baseline: n("79"), value: n("76"), target: .increasing),
                       FollowUpAssessment(.worseThanBaseline, notes: [.directionFromTarget(.higher)]))
        XCTAssertEqual(rule(.none, baseline: n("19"), value: n("18"), target: .decreasing),
                       FollowUpAssessment(.positiveTrend, notes: [.directionFromTarget(.lower)]))
        // A contradiction keeps the indicator's direction and says so.
        XCTAssertEqual(rule(.higher, baseline: n("19"), value: n("18"), target: .decreasing),
                       FollowUpAssessment(.worseThanBaseline, notes: [.directionContradictsTarget]))
    }

    func testMissingOrTextBaselineAndPrevious() {
        // Text baseline: rule 4 skipped; p is the baseline too, so no trend either.
        XCTAssertEqual(rule(baseline: .text("Ej mätt"), value: n("60")),
                       FollowUpAssessment(.notAssessed, notes: [.baselineNotComparable, .previousNotComparable]))
        // Text baseline, numeric previous: trend against p.
        XCTAssertEqual(rule(baseline: .text("Ej mätt"), previous: n("50"), value: n("60")),
                       FollowUpAssessment(.positiveTrend, notes: [.baselineNotComparable]))
        // Numeric baseline, text previous: rule 4 still applies; no trend.
        XCTAssertEqual(rule(baseline: n("50"), previous: .text("Ja"), value: n("40")).status, .worseThanBaseline)
        XCTAssertEqual(rule(baseline: n("50"), previous: .text("Ja"), value: n("60")),
                       FollowUpAssessment(.notAssessed, notes: [.previousNotComparable]))
        // No baseline at all and no previous.
        XCTAssertEqual(rule(baseline: nil, value: n("60")),
                       FollowUpAssessment(.notAssessed, notes: [.baselineNotComparable, .previousNotComparable]))
        // Target met needs neither.
        XCTAssertEqual(rule(baseline: nil, value: n("100")).status, .targetMet)
    }

    func testRangeBaselineAndPreviousJudgedByMidpoint() {
        XCTAssertEqual(rule(baseline: try! ReadingValue.parse("40-60"), value: n("49")).status, .worseThanBaseline)
        XCTAssertEqual(rule(baseline: try! ReadingValue.parse("40-60"), value: n("50")).status, .noChange)
    }

    func testExtremeValuesDoNotTrap() {
        let big = Quantity(units: Int64.max), small = Quantity(units: Int64.min)
        XCTAssertEqual(rule(tolerance: "1", baseline: .number(small), value: .number(big), target: .equal(0)).status, .positiveTrend)
        XCTAssertEqual(rule(baseline: .number(big), value: .number(small), target: .atLeast(0)).status, .worseThanBaseline)
        XCTAssertEqual(Quantity.midpoint(big, big), big)
        XCTAssertEqual(Quantity.midpoint(small, small), small)
    }

    func testTargetYearPassedUnmet() {
        XCTAssertFalse(FollowUpRule.targetYearPassedUnmet(reportYear: 2024, targetYear: 2025, target: .atLeast(90), status: .negativeTrend))
        XCTAssertTrue(FollowUpRule.targetYearPassedUnmet(reportYear: 2025, targetYear: 2025, target: .atLeast(90), status: .negativeTrend))
        XCTAssertTrue(FollowUpRule.targetYearPassedUnmet(reportYear: 2026, targetYear: 2025, target: .atLeast(90), status: .notReported))
        XCTAssertFalse(FollowUpRule.targetYearPassedUnmet(reportYear: 2026, targetYear: 2025, target: .atLeast(90), status: .targetMet))
        XCTAssertFalse(FollowUpRule.targetYearPassedUnmet(reportYear: 2026, targetYear: 2025, target: .increasing, status: .negativeTrend))
        XCTAssertTrue(FollowUpRule.targetYearPassedUnmet(reportYear: 2026, targetYear: 2025, target: .text("x"), status: .noChange))
        XCTAssertFalse(FollowUpRule.targetYearPassedUnmet(reportYear: 2026, targetYear: nil, target: .atLeast(90), status: .noChange))
    }
}
