import Ledger

/// Option values that are keywords are taken in any letter case, and a programme, status,
/// direction or yes/no also by its Swedish word, as import files take them: `--format HTML`,
/// `--lang SV`, `--programme Grön`, `--green-bond-eligible ja`. The parser hands commands
/// the canonical spelling; a value it does not recognise is passed on as typed, so the
/// command's own error quotes it.
enum KeywordValues {
    /// The canonical spelling of `value` for option `name`, or `value` unchanged.
    static func normalized(_ name: String, _ value: String) -> String {
        let lowered = SpokenText.normalized(value)
        switch name {
        case "format":
            return ReportFormat(rawValue: lowered) != nil ? lowered : value
        case "lang":
            return FormatLanguage(rawValue: lowered) != nil ? lowered : value
        case "encoding":
            return lowered
        case "programme":
            if ["sustainable", "all"].contains(lowered) { return lowered }
            return Programme.parse(spoken: value)?.rawValue ?? value
        case "status":
            return ProjectStatus.parse(spoken: value)?.rawValue ?? value
        case "direction":
            return Direction.parse(spoken: value)?.rawValue ?? value
        case "green-bond-eligible":
            return SpokenText.boolean(value).map { $0 ? "true" : "false" } ?? value
        case "scenario":
            return lowered == "base" ? lowered : value
        default:
            return value
        }
    }
}
