import Ledger
import SQLite

/// Which lending a balance assertion is about: a programme, or a sum of them.
public enum AssertedLending: String, CaseIterable, Sendable {
    case green, social, other
    /// Green and social.
    case sustainable
    /// All lending.
    case all

    /// The loan programmes it sums.
    public var programmes: [Programme] {
        switch self {
        case .green: return [.green]
        case .social: return [.social]
        case .other: return [.other]
        case .sustainable: return [.green, .social]
        case .all: return Programme.allCases
        }
    }
}

/// An expected balance (`balance_assertions`): "green outstanding on 2024-12-31 is
/// 91,6 mdkr, tolerance 0,05 mdkr" (domain.md, Reconciliation).
public struct BalanceAssertion: Sendable, Equatable {
    /// `assertion_id`.
    public let id: Int64
    public let lending: AssertedLending
    public let asOf: Day
    public let expected: Ore
    public let tolerance: Ore
    public let note: String?
    public let recordedBy: String
    public let recordedAt: String
}

/// An assertion compared with the ledger.
public struct AssertionOutcome: Sendable, Equatable {
    /// The assertion.
    public let assertion: BalanceAssertion
    /// The outstanding amount the ledger gives for the same lending and date.
    public let actual: Ore
    /// actual − expected.
    public var difference: Ore { actual - assertion.expected }
    /// True when |difference| ≤ tolerance.
    public var holds: Bool { difference.magnitude <= assertion.tolerance.magnitude }

    /// Pairs an assertion with the ledger's figure.
    public init(assertion: BalanceAssertion, actual: Ore) {
        self.assertion = assertion
        self.actual = actual
    }
}

/// Records balance assertions and checks them against the ledger.
public enum BalanceAssertions {
    /// Outstanding at the end of `asOf`: the sum of `balance_effect_ore` of every entry with
    /// value date ≤ `asOf` on loans of `lending` (reversals carry their original's date and
    /// the opposite effect, so a reversed entry adds nothing).
    /// - Throws: `SQLiteError`.
    public static func outstanding(_ lending: AssertedLending, asOf: Day, in db: Connection) throws -> Ore {
        let programmes = lending.programmes.map(\.rawValue)
        let placeholders = Array(repeating: "?", count: programmes.count).joined(separator: ", ")
        return try db.scalarInt("""
            SELECT coalesce(sum(e.balance_effect_ore), 0) FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id
            WHERE e.value_date <= ? AND l.programme IN (\(placeholders))
            """, [asOf.description] + programmes) ?? 0
    }

    /// Records an assertion in its own `BEGIN IMMEDIATE` transaction.
    /// - Throws: `SQLiteError` (busy, constraint: a negative amount or tolerance).
    public static func record(
        _ lending: AssertedLending, asOf: Day, expected: Ore, tolerance: Ore, note: String?, stamp: Stamp, in db: Connection
    ) throws -> BalanceAssertion {
        try db.inTransaction(.immediate) {
            // The ledger's figure must be computable (no sum past 64 bits) before anything is
            // written: the command reports it right after (issue 17).
            _ = try outstanding(lending, asOf: asOf, in: db)
            try db.run("""
                INSERT INTO balance_assertions (programme, as_of, expected_ore, tolerance_ore, note, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [lending.rawValue, asOf.description, expected, tolerance, note, stamp.at, stamp.by])
            return BalanceAssertion(
                id: db.lastInsertRowID, lending: lending, asOf: asOf, expected: expected, tolerance: tolerance,
                note: note, recordedBy: stamp.by, recordedAt: stamp.at)
        }
    }

    /// Every assertion with the ledger's figure, in id order.
    /// A row that cannot be read (a programme or date the schema's CHECKs should have
    /// refused) is returned in `unreadable` rather than thrown.
    /// - Throws: `SQLiteError`.
    public static func checkAll(in db: Connection) throws -> (outcomes: [AssertionOutcome], unreadable: [String]) {
        var outcomes: [AssertionOutcome] = []
        var unreadable: [String] = []
        let rows = try db.rows("""
            SELECT assertion_id, programme, as_of, expected_ore, tolerance_ore, note, recorded_by, recorded_at
            FROM balance_assertions ORDER BY assertion_id
            """)
        for row in rows {
            let id = row[0].int64 ?? 0
            guard let lending = row[1].string.flatMap(AssertedLending.init(rawValue:)),
                  let text = row[2].string, let day = try? Day.parse(text),
                  let expected = row[3].int64, let tolerance = row[4].int64 else {
                unreadable.append("balance assertion \(id) cannot be read (programme, date or amount is not valid)")
                continue
            }
            let assertion = BalanceAssertion(
                id: id, lending: lending, asOf: day, expected: expected, tolerance: tolerance, note: row[5].string,
                recordedBy: row[6].string ?? "", recordedAt: row[7].string ?? "")
            outcomes.append(AssertionOutcome(assertion: assertion, actual: try outstanding(lending, asOf: day, in: db)))
        }
        return (outcomes, unreadable)
    }
}
