/// A product of non-negative integers divided by another, exactly: the numerator is
/// carried in 128 bits, so `s × B × gap × area` cannot overflow before the division.
///
/// The support-need model rounds each product once, at its end (domain.md); this is that
/// one rounding. `nil` means the result (or the divisor) does not fit in 64 bits, or a
/// factor is negative; callers turn it into `SupportError.overflow`.
enum WideProduct {
    /// How the quotient is rounded.
    enum Rounding {
        /// Half up (every value here is non-negative, so also half away from zero).
        case halfUp
        /// Down (whole flats).
        case down
    }

    /// `∏factors ÷ ∏divisors` rounded as asked, or `nil` when a factor is negative, a divisor
    /// is not positive, or the divisor or the quotient does not fit in `Int64`.
    static func quotient(_ factors: [Int64], dividedBy divisors: [Int64], rounding: Rounding) -> Int64? {
        var high: UInt64 = 0
        var low: UInt64 = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let m = UInt64(factor)
            let lowProduct = low.multipliedFullWidth(by: m)
            let highProduct = high.multipliedFullWidth(by: m)
            guard highProduct.high == 0 else { return nil }
            let (newHigh, carry) = highProduct.low.addingReportingOverflow(lowProduct.high)
            guard !carry else { return nil }
            high = newHigh
            low = lowProduct.low
        }
        var divisor: UInt64 = 1
        for d in divisors {
            guard d > 0 else { return nil }
            let (product, overflow) = divisor.multipliedReportingOverflow(by: UInt64(d))
            guard !overflow else { return nil }
            divisor = product
        }
        guard high < divisor else { return nil }
        let (quotient, r) = divisor.dividingFullWidth((high, low))
        var q = quotient
        if rounding == .halfUp, r >= divisor - r {
            let (up, overflow) = q.addingReportingOverflow(1)
            guard !overflow else { return nil }
            q = up
        }
        guard q <= UInt64(Int64.max) else { return nil }
        return Int64(q)
    }
}
