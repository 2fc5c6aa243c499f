import Ledger
import SQLite

/// One row of `indicator_decisions`: the committee's judgement of an indicator for a year.
struct DecisionRow: ChainRow {
    static let table = ChainedTable.indicatorDecisions
    let id: Int64
    let indicatorID: String
    let year: Int64
    let decision: CommitteeDecision
    let decidedOn: String
    let reason: String
    let stamp: Stamp

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        sink.integer(id)
        try sink.text(indicatorID)
        sink.integer(year)
        sink.integer(decision == .met ? 1 : 0)
        try sink.text(decidedOn)
        try sink.text(reason)
        try stamp.write(to: &sink)
    }
}

/// A committee decision as recorded.
public struct IndicatorDecision: Sendable, Hashable {
    public let id: Int64
    public let indicatorID: String
    public let year: Int
    public let decision: CommitteeDecision
    public let decidedOn: String
    public let reason: String
    public let recordedBy: String
    public let recordedAt: String
}

enum Decisions {
    /// The decisions in force for `year`, by indicator id.
    static func inForce(year: Int, in db: Connection) throws -> [String: IndicatorDecision] {
        var result: [String: IndicatorDecision] = [:]
        try db.cached("""
            SELECT decision_id, indicator_id, year, met, decided_on, reason, recorded_by, recorded_at
            FROM indicator_decisions_in_force WHERE year = ?
            """).forEach([year]) { row in
            let decision = decode(row)
            result[decision.indicatorID] = decision
        }
        return result
    }

    static func decode(_ row: Statement) -> IndicatorDecision {
        IndicatorDecision(id: row.int64(0), indicatorID: row.text(1) ?? "", year: Int(row.int64(2)),
                          decision: row.int64(3) == 1 ? .met : .notMet, decidedOn: row.text(4) ?? "", reason: row.text(5) ?? "",
                          recordedBy: row.text(6) ?? "", recordedAt: row.text(7) ?? "")
    }
}

extension LedgerWrite {
    /// `hallbar decide --indicator ID --year Y (--met | --not-met) --reason TEXT [--date D]`:
    /// the committee's judgement of an indicator for a year, which the follow-up then shows
    /// ("met by decision"). A later decision for the same indicator and year replaces it.
    /// - Throws: `ImportFailure` for an unknown indicator, a bad year, a decision dated
    ///   before the year ended or before the decision it replaces or in the future, the same
    ///   decision as the one in force, or an empty reason.
    public func decide(indicator: String, year: String, decision: CommitteeDecision, reason: String, date: String?) throws -> IndicatorDecision {
        let yearValue = try Options.parse("year", year, FieldRules.year)
        guard try ReadingRow.indicatorExists(indicator, in: db) else {
            throw Options.refusal("indicator", "no indicator \(indicator)")
        }
        let why = try Options.reason(reason)
        let day = try Options.effectiveDate(date)
        if day <= Day.endOfYear(Int(yearValue)) {
            throw Options.refusal("date", "\(day) is not after \(yearValue) ended: the committee judges a year once it is over")
        }
        if let decided = try db.scalarText("""
            SELECT p.decision_date FROM indicators i JOIN projects p ON p.project_number = i.project_number WHERE i.indicator_id = ?
            """, [indicator]), let decidedYear = Int64(decided.prefix(4)), yearValue < decidedYear {
            throw Options.refusal("year", "\(yearValue) is before \(indicator)'s project was decided (\(decided)): its "
                + "indicators are followed up from \(decidedYear)")
        }
        if let refusal = try PeriodCloses.state(in: db)?.refusal(on: day.description, what: "decision") {
            throw Options.refusal("date", refusal)
        }
        if let current = try Decisions.inForce(year: Int(yearValue), in: db)[indicator] {
            if current.decision == decision {
                throw Options.refusal("nothing to change: \(indicator) for \(yearValue) is already decided "
                    + "\(decision == .met ? "met" : "not met") (\(current.decidedOn), \(current.recordedBy)); nothing was recorded")
            }
            if day.description < current.decidedOn {
                throw Options.refusal("date", "\(day) is before the decision it replaces (\(current.decidedOn))")
            }
        }
        let id = (try db.scalarInt("SELECT max(decision_id) FROM indicator_decisions") ?? 0) + 1
        try chain.append(DecisionRow(id: id, indicatorID: indicator, year: yearValue, decision: decision,
                                     decidedOn: day.description, reason: why, stamp: stamp))
        return IndicatorDecision(id: id, indicatorID: indicator, year: Int(yearValue), decision: decision,
                                 decidedOn: day.description, reason: why, recordedBy: stamp.by, recordedAt: stamp.at)
    }
}
