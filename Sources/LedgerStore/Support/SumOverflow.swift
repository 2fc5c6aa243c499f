import Ledger
import SQLite

/// A sum of amounts that does not fit in 64 bits of öre (more than ±92 233 720 368 547 758,07
/// SEK). With every amount at most `AmountParser.maxOre` it takes more than 92 000 of the
/// largest ones, or amounts written past hallbar; either way it is bad data (exit 65), said
/// plainly, never a wrapped figure, a crash or SQLite's bare "integer overflow" (exit 70).
public struct SumOverflow: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being added up ("the outstanding balances", "loan 220001's balance").
    public var what: String

    /// An overflow while adding up `what`.
    public init(what: String = "the amounts") { self.what = what }

    public var description: String {
        "\(what) come to more than hallbar can add up (±92 233 720 368 547 758,07 SEK): the ledger holds amounts "
            + "beyond the limit of 1 000 000 000 000 SEK each ('hallbar verify' names them), or more amounts near the "
            + "limit than any sum can hold; narrow the selection (a programme, a member, a loan)"
    }

    /// `total + amount`, or `SumOverflow`.
    @inline(__always)
    public static func add(_ total: inout Ore, _ amount: Ore, what: String = "the amounts") throws(SumOverflow) {
        let (sum, overflow) = total.addingReportingOverflow(amount)
        if overflow { throw SumOverflow(what: what) }
        total = sum
    }

    /// The sum of `amounts`, or `SumOverflow`.
    public static func total<S: Sequence>(_ amounts: S, what: String = "the amounts") throws(SumOverflow) -> Ore where S.Element == Ore {
        var total: Ore = 0
        for amount in amounts { try add(&total, amount, what: what) }
        return total
    }

    /// `SumOverflow` for SQLite's "integer overflow" (an SQL `sum()` that left 64 bits), nil
    /// for any other error.
    public static func from(_ error: SQLiteError) -> SumOverflow? {
        error.isIntegerOverflow ? SumOverflow() : nil
    }
}
