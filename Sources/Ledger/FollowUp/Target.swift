/// An indicator's target, parsed from the grammar of domain.md ("Targets").
///
/// The text as written for display ("90 (2025)", "≤20%") is kept separately by callers;
/// this is the expression the follow-up rule evaluates. `Target.parse(t.render()) == t`
/// for every target that `parse` returns.
///
/// ```swift
/// try Target.parse("≤20%")                      // .atMost(20), renders "<=20"
/// try Target.parse("90,5–100")                  // .range(90.5, 100), renders "90.5-100"
/// try Target.parse("Ökande")                    // .increasing
/// try Target.parse("ref>=riket")                // .referenceAtLeast("riket")
/// try Target.parse("text:Värde utifrån behovsbild")
/// ```
public enum Target: Sendable, Hashable, CustomStringConvertible {
    /// `>= X`: met when the value is at least X.
    case atLeast(Quantity)
    /// `> X`: met when the value is above X.
    case above(Quantity)
    /// `<= X`: met when the value is at most X.
    case atMost(Quantity)
    /// `< X`: met when the value is below X.
    case below(Quantity)
    /// `= X`: met when the value equals X (within the indicator's tolerance).
    case equal(Quantity)
    /// `X-Y` or `X..Y`: met when the value lies in the inclusive range.
    case range(low: Quantity, high: Quantity)
    /// `increasing` (ökande): a direction target; never met, judged by rules 3-7.
    case increasing
    /// `decreasing` (minskande): a direction target; never met, judged by rules 3-7.
    case decreasing
    /// `ref>=NAME`: at least the reference series NAME in the same year.
    case referenceAtLeast(String)
    /// `ref>NAME`: above the reference series NAME in the same year.
    case referenceAbove(String)
    /// `text:…`: a qualitative target; never met by rule 2 (only by decision).
    case text(String)

    /// Parses a target expression. Accepted, with optional spaces around operators:
    /// `>= X`, `> X`, `<= X`, `< X`, `= X` (also `≥`, `≤`; decimal comma or point; an
    /// optional trailing `%`), `X-Y`, `X..Y`, `X–Y` (inclusive; low ≤ high),
    /// `increasing`/`ökande`, `decreasing`/`minskande` (any case), `ref>=NAME`, `ref>NAME`
    /// (NAME: letters, digits, `_`, `-`, `.`), and `text:…` (the text trimmed, not empty).
    ///
    /// - Throws: `TargetParseError`, e.g. `.bareNumber` for "100": a bare number does not
    ///   say whether more or less is the goal; write `>=100`, `<=100` or `=100`.
    public static func parse(_ input: String) throws(TargetParseError) -> Target {
        let text = trimmed(input)
        guard !text.isEmpty else { throw .empty }
        let lower = text.lowercased()

        if lower.hasPrefix("text:") {
            let content = trimmed(String(text.dropFirst(5)))
            guard !content.isEmpty else { throw .emptyText }
            return .text(content)
        }
        switch lower {
        case "increasing", "ökande": return .increasing
        case "decreasing", "minskande": return .decreasing
        default: break
        }
        if lower.hasPrefix("ref") {
            let rest = trimmed(String(text.dropFirst(3)))
            let (op, name): (String, String)
            if rest.hasPrefix(">=") { (op, name) = (">=", String(rest.dropFirst(2))) }
            else if rest.hasPrefix("≥") { (op, name) = (">=", String(rest.dropFirst(1))) }
            else if rest.hasPrefix(">") { (op, name) = (">", String(rest.dropFirst(1))) }
            else { throw .unsupportedReferenceOperator(text) }
            let cleanName = trimmed(name)
            guard isValidReferenceName(cleanName) else { throw .badReferenceName(text) }
            return op == ">=" ? .referenceAtLeast(cleanName) : .referenceAbove(cleanName)
        }
        let operators: [(String, (Quantity) -> Target)] = [
            (">=", Target.atLeast), ("≥", Target.atLeast), ("<=", Target.atMost), ("≤", Target.atMost),
            (">", Target.above), ("<", Target.below), ("=", Target.equal),
        ]
        for (symbol, make) in operators where text.hasPrefix(symbol) {
            let operand = String(text.dropFirst(symbol.count))
            do {
                return make(try Quantity.parse(operand))
            } catch {
                throw .badNumber(text, error)
            }
        }
        if let (lowText, highText) = RangeText.split(text),
           let low = try? Quantity.parse(lowText), let high = try? Quantity.parse(highText) {
            guard low <= high else { throw .reversedRange(text) }
            return .range(low: low, high: high)
        }
        if (try? Quantity.parse(text)) != nil { throw .bareNumber(text) }
        throw .unrecognised(text)
    }

    /// The canonical form: ">=90", "<=20", "=1.5", "200-400", "-5..-3", "increasing",
    /// "ref>=riket", "text:Värde utifrån behovsbild".
    public func render() -> String {
        switch self {
        case .atLeast(let x): return ">=" + x.canonical
        case .above(let x): return ">" + x.canonical
        case .atMost(let x): return "<=" + x.canonical
        case .below(let x): return "<" + x.canonical
        case .equal(let x): return "=" + x.canonical
        case .range(let low, let high):
            let separator = low < .zero || high < .zero ? ".." : "-"
            return low.canonical + separator + high.canonical
        case .increasing: return "increasing"
        case .decreasing: return "decreasing"
        case .referenceAtLeast(let name): return "ref>=" + name
        case .referenceAbove(let name): return "ref>" + name
        case .text(let text): return "text:" + text
        }
    }

    /// The canonical form (`render()`).
    public var description: String { render() }

    /// The direction a direction target asks for: `.higher` for `increasing`, `.lower`
    /// for `decreasing`, `nil` for every other target.
    public var impliedDirection: Direction? {
        switch self {
        case .increasing: return .higher
        case .decreasing: return .lower
        default: return nil
        }
    }

    /// True for targets that rule 2 can find met by a value (comparisons, ranges and
    /// reference targets); false for direction and text targets.
    public var isMeasurable: Bool {
        switch self {
        case .increasing, .decreasing, .text: return false
        default: return true
        }
    }

    /// The reference series a `ref` target names, else `nil`.
    public var referenceName: String? {
        switch self {
        case .referenceAtLeast(let name), .referenceAbove(let name): return name
        default: return nil
        }
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func isValidReferenceName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || (scalar.value >= 48 && scalar.value <= 57)
                || scalar == "_" || scalar == "-" || scalar == "."
        }
    }
}

/// Why a target expression could not be read.
public enum TargetParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing to read.
    case empty
    /// A number with no operator ("100").
    case bareNumber(String)
    /// An operator followed by something that is not a number (">=abc", ">=1,2,3").
    case badNumber(String, QuantityParseError)
    /// A range whose low end is above its high end ("400-200").
    case reversedRange(String)
    /// `text:` with nothing after it.
    case emptyText
    /// A `ref` target whose series name is empty or has characters other than letters,
    /// digits, `_`, `-`, `.`.
    case badReferenceName(String)
    /// A `ref` target with an operator other than `>=` or `>`.
    case unsupportedReferenceOperator(String)
    /// None of the forms of the grammar.
    case unrecognised(String)

    /// One line saying what is wrong and what would be accepted.
    public var description: String {
        switch self {
        case .empty:
            return "empty target"
        case .bareNumber(let text):
            return "target \(TextRules.quoted(text)) is a bare number; write >=\(text), <=\(text) or =\(text)"
        case .badNumber(let text, let error):
            return "target \(TextRules.quoted(text)): \(error)"
        case .reversedRange(let text):
            return "target \(TextRules.quoted(text)) is a range whose low end is above its high end"
        case .emptyText:
            return "target \"text:\" needs a text after the colon"
        case .badReferenceName(let text):
            return "target \(TextRules.quoted(text)): the reference series name must be letters, digits, _, - or ."
        case .unsupportedReferenceOperator(let text):
            return "target \(TextRules.quoted(text)): reference targets are ref>=NAME or ref>NAME"
        case .unrecognised(let text):
            return "target \(TextRules.quoted(text)) is not one of >= X, > X, <= X, < X, = X, X-Y, X..Y, increasing, decreasing, ref>=NAME, ref>NAME, text:…"
        }
    }
}
