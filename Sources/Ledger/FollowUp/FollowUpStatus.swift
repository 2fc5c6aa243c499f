/// The follow-up status of an indicator in a year (the presentation's colour code, Bild 11,
/// plus EJ RAPPORTERAT and EJ BEDÖMT). Raw values are the JSON tokens of cli.md.
///
/// `allCases` is in the order the presentation prints the statuses, then the two added ones.
public enum FollowUpStatus: String, CaseIterable, Sendable, Codable {
    /// SÄMRE ÄN UTGÅNGSVÄRDE: worse than the baseline.
    case worseThanBaseline = "worse_than_baseline"
    /// NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE: worse than the previous value, not the baseline.
    case negativeTrend = "negative_trend"
    /// MÅLVÄRDE UPPNÅTT: the target is met.
    case targetMet = "target_met"
    /// POSITIV TREND: better than the previous value, target not met.
    case positiveTrend = "positive_trend"
    /// INGEN FÖRÄNDRING: unchanged from the previous value.
    case noChange = "no_change"
    /// EJ RAPPORTERAT: no reading for the year.
    case notReported = "not_reported"
    /// EJ BEDÖMT: cannot be judged.
    case notAssessed = "not_assessed"

    /// The label exactly as the presentation prints it ("MÅLVÄRDE UPPNÅTT").
    public var swedishLabel: String {
        switch self {
        case .worseThanBaseline: return "SÄMRE ÄN UTGÅNGSVÄRDE"
        case .negativeTrend: return "NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE"
        case .targetMet: return "MÅLVÄRDE UPPNÅTT"
        case .positiveTrend: return "POSITIV TREND"
        case .noChange: return "INGEN FÖRÄNDRING"
        case .notReported: return "EJ RAPPORTERAT"
        case .notAssessed: return "EJ BEDÖMT"
        }
    }

    /// The English label, in the same capitals ("TARGET MET").
    public var englishLabel: String {
        switch self {
        case .worseThanBaseline: return "WORSE THAN BASELINE"
        case .negativeTrend: return "NEGATIVE TREND, NOT WORSE THAN BASELINE"
        case .targetMet: return "TARGET MET"
        case .positiveTrend: return "POSITIVE TREND"
        case .noChange: return "NO CHANGE"
        case .notReported: return "NOT REPORTED"
        case .notAssessed: return "NOT ASSESSED"
        }
    }

    /// The label in `language`.
    public func label(language: FormatLanguage) -> String {
        language == .sv ? swedishLabel : englishLabel
    }
}
