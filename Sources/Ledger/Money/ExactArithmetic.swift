/// Exact integer arithmetic for money, shares and indicator values.
///
/// Every rounding in the ledger goes through here: integers only, half away from zero,
/// 128-bit intermediate products, and `nil` instead of a trap when a result does not fit.
enum ExactArithmetic {
    /// `n × m ÷ d` rounded half away from zero, or `nil` when `d` is 0, `m` is negative
    /// or the result does not fit in `Int64`.
    static func roundedMulDiv(_ n: Int64, _ m: Int64, _ d: Int64) -> Int64? {
        guard d != 0, m >= 0 else { return nil }
        let negative = (n < 0) != (d < 0) && n != 0
        let dm = d.magnitude
        let (high, low) = n.magnitude.multipliedFullWidth(by: m.magnitude)
        guard high < dm else { return nil }
        let (q, r) = dm.dividingFullWidth((high, low))
        var quotient = q
        if r >= dm - r {
            guard quotient < UInt64.max else { return nil }
            quotient += 1
        }
        guard quotient <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(quotient) : Int64(quotient)
    }

    /// `n ÷ d` rounded half away from zero, or `nil` when `d` is 0 or the result does not fit.
    static func roundedDiv(_ n: Int64, _ d: Int64) -> Int64? {
        roundedMulDiv(n, 1, d)
    }

    /// `10^exponent` for 0…18, else `nil`.
    static func powerOfTen(_ exponent: Int) -> Int64? {
        guard (0...18).contains(exponent) else { return nil }
        var p: Int64 = 1
        for _ in 0..<exponent { p *= 10 }
        return p
    }

    /// Greatest common divisor of two magnitudes (gcd(0, 0) = 0).
    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
