import Ledger

/// The text rules (`TextRules`) of the options whose values a command stores or looks up
/// by key, checked for every command right after parsing: so `--by`, `--note`, `--reason`
/// and the ids follow the rules of an import column whichever command takes them.
///
/// A refused value is bad data (exit 65), named by its option: `--by: the name "anna\e[2J" …`.
enum OptionText {
    enum Rule { case key, name, freeText }

    /// The rule of each option, by its long name. Options not listed (paths, dates, amounts,
    /// tokens) are parsed by their commands, and echoed only through `ErrorText`.
    static let rules: [String: Rule] = [
        "id": .key, "entry": .key, "loan": .key, "indicator": .key,
        // A reversal's reason is one line, as the store's rule for it (`FieldRules.nonBlank`) says.
        "by": .name, "value": .name, "reason": .name,
        "note": .freeText,
    ]

    /// Checks every option of `invocation` that has a rule.
    /// - Throws: `CLIError` (exit 65) naming the option and the character refused.
    static func check(_ invocation: Invocation) throws {
        for (option, value) in invocation.options.sorted(by: { $0.key < $1.key }) {
            // An empty value is the command's to judge (a usage error, or "the reason is empty").
            guard let rule = rules[option], value.contains(where: { !$0.isWhitespace }) else { continue }
            do throws(TextRuleError) {
                switch rule {
                case .key: try TextRules.key(value, what: "the value")
                case .name: try TextRules.name(value, what: "the value")
                case .freeText: try TextRules.freeText(value, what: "the value")
                }
            } catch {
                throw CLIError.data("--\(option): \(error.description)", ["nothing was written"])
            }
        }
    }
}

/// Error text as the terminal gets it: control, format and separator characters shown
/// visibly (an escape sequence in a file never reaches the terminal raw, whichever message
/// echoes it), and a line never longer than `lineLimit` characters.
enum ErrorText {
    /// The longest error line printed, in characters.
    static let lineLimit = 1_000

    static func line(_ text: String) -> String {
        let safe = TextRules.needsTerminalEscape(text) ? TextRules.terminalSafe(text) : text
        guard safe.utf8.count > lineLimit else { return safe }
        let scalars = safe.unicodeScalars
        guard scalars.count > lineLimit else { return safe }
        let cut = scalars.index(scalars.startIndex, offsetBy: lineLimit)
        return String(scalars[..<cut]) + "… (\(scalars.count - lineLimit) more characters)"
    }
}
