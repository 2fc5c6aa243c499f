import XCTest
@testable import Ledger

/// The one rounding of the support-need model: a product over 128 bits, divided once.
final class WideProductTests: XCTestCase {
    func q(_ f: [Int64], _ d: [Int64], _ r: WideProduct.Rounding = .halfUp) -> Int64? {
        WideProduct.quotient(f, dividedBy: d, rounding: r)
    }

    func testRounding() {
        XCTAssertEqual(q([1], [2]), 1)              // 0,5 → 1
        XCTAssertEqual(q([5], [2]), 3)              // 2,5 → 3 (not to even)
        XCTAssertEqual(q([3], [2]), 2)
        XCTAssertEqual(q([7], [4]), 2)              // 1,75
        XCTAssertEqual(q([5], [4]), 1)              // 1,25
        XCTAssertEqual(q([5], [2], .down), 2)
        XCTAssertEqual(q([19_999], [10_000], .down), 1)
        XCTAssertEqual(q([], []), 1)
        XCTAssertEqual(q([0, Int64.max], [3]), 0)
    }

    func testProductsBeyond64Bits() {
        // 5 000 × 100 000 × 10^9 × 10^5 = 5 × 10^22 does not fit in 64 bits; ÷ 10^10 it does.
        XCTAssertEqual(q([5_000, 100_000, 1_000_000_000, 100_000], [10_000, 1_000_000]), 5_000_000_000_000)
        // Int64.max × Int64.max ÷ Int64.max.
        XCTAssertEqual(q([Int64.max, Int64.max], [Int64.max]), Int64.max)
        XCTAssertEqual(q([Int64.max, 3], [2]), nil)  // the quotient does not fit
    }

    func testRefusals() {
        XCTAssertNil(q([-1], [1]))                   // negative factor
        XCTAssertNil(q([1], [0]))                    // no division by 0
        XCTAssertNil(q([1], [-2]))
        XCTAssertNil(q([1], [Int64.max, 3]))         // the divisor does not fit
        XCTAssertNil(q([Int64.max, Int64.max, 4], [1]))  // the product does not fit in 128 bits
        // (2^65 − 1) ÷ 2 = 2^64 − 1 remainder 1, which rounds up to 2^64: nil, not a trap.
        XCTAssertNil(q([31, 8_191, 145_295_143_558_111], [2]))
        XCTAssertNil(q([31, 8_191, 145_295_143_558_111], [4]))        // 2^63 − 0,25 rounds to 2^63
        XCTAssertEqual(q([31, 8_191, 145_295_143_558_111], [8]), 4_611_686_018_427_387_904)  // 2^62 − 0,125
        XCTAssertNil(q([Int64.max, Int64.max, 2], [Int64.max, 1]))
    }
}
