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
    static func outstanding(_ lending: AssertedLending, asOf: Day, in db: Connection) throws -> Ore {
        let programmes = lending.programmes.map(\.rawValue)
        let placeholders = (0..<programmes.count).map { "?\($0 + 2)" }.joined(separator: ", ")
        return try db.scalarInt("""
            SELECT coalesce(sum(e.balance_effect_ore), 0) FROM ledger_entries e
            JOIN \(AsOf.versions("loan_versions", at: "?1")) l ON l.loan_id = e.loan_id
            WHERE e.value_date <= ?1 AND l.programme IN (\(placeholders))
            """, [asOf.description] + programmes) ?? 0
    }

    /// One row of `balance_assertions`.
    struct Row: ChainRow {
        static let table = ChainedTable.balanceAssertions
        let id: Int64
        let lending: AssertedLending
        let asOf: Day
        let expected: Ore
        let tolerance: Ore
        let note: String?
        let stamp: Stamp

        func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
            sink.integer(seq)
            sink.integer(id)
            try sink.text(lending.rawValue)
            try sink.text(asOf.description)
            sink.integer(expected)
            sink.integer(tolerance)
            try sink.text(note)
            try stamp.write(to: &sink)
        }
    }

    /// Every assertion with the ledger's figure, in id order.
    /// A row that cannot be read (a programme or date the schema's CHECKs should have
    /// refused) is returned in `unreadable` rather than thrown.
    /// - Throws: `SQLiteError`.
    static func checkAll(in db: Connection) throws -> (outcomes: [AssertionOutcome], unreadable: [String]) {
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

extension LedgerWrite {
    /// Records a balance assertion ("green outstanding on 2024-12-31 is 91,6 mdkr").
    /// - Throws: `SQLiteError` (a negative amount or tolerance is refused by the schema).
    public func recordAssertion(_ lending: AssertedLending, asOf: Day, expected: Ore, tolerance: Ore,
                                note: String?) throws -> AssertionOutcome {
        // The ledger's figure first: one that cannot be computed (a sum past 64 bits) records nothing.
        let actual = try BalanceAssertions.outstanding(lending, asOf: asOf, in: db)
        let id = (try db.scalarInt("SELECT max(assertion_id) FROM balance_assertions") ?? 0) + 1
        try chain.append(BalanceAssertions.Row(id: id, lending: lending, asOf: asOf, expected: expected, tolerance: tolerance,
                                               note: note, stamp: stamp))
        let assertion = BalanceAssertion(id: id, lending: lending, asOf: asOf, expected: expected, tolerance: tolerance,
                                         note: note, recordedBy: stamp.by, recordedAt: stamp.at)
        return AssertionOutcome(assertion: assertion, actual: actual)
    }
}
