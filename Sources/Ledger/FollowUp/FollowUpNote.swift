/// Something a report should say next to a status, because the status alone would hide it.
public enum FollowUpNote: Sendable, Hashable, CustomStringConvertible {
    /// A `ref` target whose reference series has no value for the year: counted as not met.
    case referenceMissing(name: String)
    /// The committee decided that the target is met.
    case metByDecision
    /// The committee decided that the target is not met; the other rules judged the value.
    case notMetByDecision
    /// A text reading: only a decision can judge it.
    case textReading
    /// The indicator has direction `none`; the direction target (`increasing`/`decreasing`)
    /// supplied the direction used by rules 4-7.
    case directionFromTarget(Direction)
    /// The indicator's direction contradicts its direction target; the indicator's direction was used.
    case directionContradictsTarget
    /// The baseline is missing or not a number, so rule 4 could not be applied.
    case baselineNotComparable
    /// The previous value (or the baseline standing in for it) is missing or not a number.
    case previousNotComparable

    /// The note in English.
    public var englishText: String {
        switch self {
        case .referenceMissing(let name): return "reference value missing for year (\(name))"
        case .metByDecision: return "met by decision"
        case .notMetByDecision: return "not met, by decision"
        case .textReading: return "text reading: judged only by decision"
        case .directionFromTarget(let direction): return "direction taken from the target (\(direction.rawValue))"
        case .directionContradictsTarget: return "the indicator's direction contradicts its target; the indicator's direction was used"
        case .baselineNotComparable: return "baseline missing or not a number: not compared"
        case .previousNotComparable: return "previous value missing or not a number: no trend"
        }
    }

    /// The note in Swedish.
    public var swedishText: String {
        switch self {
        case .referenceMissing(let name): return "referensvärde saknas för året (\(name))"
        case .metByDecision: return "uppnått enligt beslut"
        case .notMetByDecision: return "ej uppnått enligt beslut"
        case .textReading: return "textvärde: bedöms endast genom beslut"
        case .directionFromTarget(let direction):
            return "riktning hämtad från målet (\(direction == .lower ? "lägre är bättre" : "högre är bättre"))"
        case .directionContradictsTarget: return "indikatorns riktning motsäger målet; indikatorns riktning används"
        case .baselineNotComparable: return "utgångsvärde saknas eller är inte ett tal: ej jämfört"
        case .previousNotComparable: return "föregående värde saknas eller är inte ett tal: ingen trend"
        }
    }

    /// The note in `language`.
    public func text(language: FormatLanguage) -> String {
        language == .sv ? swedishText : englishText
    }

    /// The note in `language` for the follow-up of `year`, which a missing reference value
    /// names: "referensvärde för 2023 saknas (riket)" / "reference value for 2023 missing (riket)".
    public func text(language: FormatLanguage, year: Int) -> String {
        guard case .referenceMissing(let name) = self else { return text(language: language) }
        return language == .sv ? "referensvärde för \(year) saknas (\(name))" : "reference value for \(year) missing (\(name))"
    }

    /// The English text.
    public var description: String { englishText }
}

/// A status with the notes that explain it.
public struct FollowUpAssessment: Sendable, Hashable {
    /// The status.
    public let status: FollowUpStatus
    /// What a report should print next to it, in the order found; often empty.
    public let notes: [FollowUpNote]

    /// A status with notes.
    public init(_ status: FollowUpStatus, notes: [FollowUpNote] = []) {
        self.status = status
        self.notes = notes
    }
}
