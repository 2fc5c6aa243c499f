import Ledger

/// Why one field's text was refused: the message without a location.
struct FieldError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The value rules shared by every import kind and the single-record commands, so a
/// field means the same in a file and on the command line. Each returns the value as
/// stored (canonical text or an integer) or throws a `FieldError` that quotes the text.
enum FieldRules {
    /// `NNNNNN-NNNN` (or ten digits) with a valid check digit; stored hyphenated.
    static func orgNumber(_ text: String) throws(FieldError) -> String {
        do { return try OrgNumber.parse(text).description } catch { throw FieldError(error.description + TextRules.strayNote(text)) }
    }

    /// SCB's four-digit municipality code.
    static func municipalityCode(_ text: String) throws(FieldError) -> String {
        do { return try MunicipalityCode.parse(text).description } catch {
            throw FieldError(error.description + TextRules.strayNote(text))
        }
    }

    /// A positive amount in SEK (at most two decimals) as öre.
    static func positiveAmount(_ text: String, decimalComma: Bool) throws(FieldError) -> Ore {
        do { return try AmountParser.parsePositive(text, decimalComma: decimalComma) } catch {
            throw FieldError(error.description)
        }
    }

    /// A positive amount typed on the command line: "1 250 000,50" or "1250000.50".
    ///
    /// The decimal separator is `,` when the text has a comma and no point, else `.`;
    /// text with both ("1.234,56") is refused as ambiguous, as are three decimals ("1,234").
    static func commandLineAmount(_ text: String) throws(FieldError) -> Ore {
        let comma = text.contains(",")
        if comma && text.contains(".") {
            throw FieldError("\(TextRules.quoted(text)) is not an amount: it has both \",\" and \".\"; "
                + "write the decimals with one separator and group thousands with spaces (\"1 234,56\")")
        }
        return try positiveAmount(text, decimalComma: comma)
    }

    /// An ISO date `YYYY-MM-DD` that exists; stored as written.
    static func day(_ text: String) throws(FieldError) -> String {
        // A text Day.parse accepts is exactly YYYY-MM-DD, so it is its own description.
        do { _ = try Day.parse(text); return text } catch { throw FieldError(error.description + TextRules.strayNote(text)) }
    }

    /// A whole number in `range`, digits only (an optional leading minus when the range allows).
    static func integer(_ text: String, in range: ClosedRange<Int64>, what: String) throws(FieldError) -> Int64 {
        let bytes = Array(text.utf8)
        let digits = bytes.first == 0x2D ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) else {
            throw FieldError("\(TextRules.quoted(text)) is not \(what): expected a whole number" + TextRules.strayNote(text))
        }
        guard range.contains(value) else {
            throw FieldError("\(TextRules.quoted(text)) is not \(what): expected \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// A year 1900–2200 (the schema's range).
    static func year(_ text: String) throws(FieldError) -> Int64 {
        try integer(text, in: 1900...2200, what: "a year")
    }

    /// A name or other one-line text (`TextRules.name`): not blank, no control or format
    /// character, at most 2 000 characters; stored as written.
    static func nonBlank(_ text: String, what: String) throws(FieldError) -> String {
        do { return try TextRules.name(text, what: what) } catch { throw FieldError(error.description) }
    }

    /// Free text that may run over several lines (`TextRules.freeText`): as `nonBlank`, but
    /// tab and line breaks are kept (a quoted multi-line CSV field).
    static func freeText(_ text: String, what: String) throws(FieldError) -> String {
        do { return try TextRules.freeText(text, what: what) } catch { throw FieldError(error.description) }
    }

    /// A key that other rows and files refer to (an external id, a loan number, an
    /// indicator id): `TextRules.key`, ASCII letters, digits and `-_./:` only, at most 64
    /// characters, so "E-1 " or "E-1" + U+200B can never become a second entry beside "E-1".
    static func key(_ text: String, what: String) throws(FieldError) -> String {
        do { return try TextRules.key(text, what: what) } catch { throw FieldError(error.description) }
    }

    /// One token of a closed vocabulary: the token or its Swedish label, in any letter case
    /// and with spaces around (`SpokenToken.parse(spoken:)`: "Disbursement", "utbetalning").
    static func token<T: SpokenToken>(_ text: String, _ type: T.Type, allowed: [T]? = nil) throws(FieldError) -> T {
        let choices = allowed ?? Array(T.allCases)
        guard let value = T.parse(spoken: text), choices.contains(value) else {
            throw FieldError("\(TextRules.quoted(text)) is not one of " + choices.map(\.spokenChoice).joined(separator: ", "))
        }
        return value
    }

    /// A yes/no value: `true`/`false`, `ja`/`nej`, `sant`/`falskt`, `yes`/`no`, `1`/`0`, any case.
    static func bool(_ text: String) throws(FieldError) -> Bool {
        guard let value = SpokenText.boolean(text) else {
            throw FieldError("\(TextRules.quoted(text)) is not true or false (also accepted: ja/nej, sant/falskt, 1/0)")
        }
        return value
    }

    /// An exact decimal ("86,5", "−3", "15 %"), stored canonically ("86.5").
    static func quantity(_ text: String) throws(FieldError) -> String {
        do { return try Quantity.parse(text).canonical } catch { throw FieldError(error.description) }
    }

    /// A target of domain.md's grammar, stored in its canonical form (">=90", "200-400").
    static func target(_ text: String) throws(FieldError) -> Target {
        do { return try Target.parse(text) } catch { throw FieldError(error.description) }
    }

    /// The columns a reading is stored as.
    struct StoredReading: Sendable, Equatable {
        var text: String
        var kind: String
        var low: String?
        var high: String?
    }

    /// A reading: a number, a range ("97-98") or a text; the text is kept as written
    /// (trimmed), the bounds canonical (both equal for a number, NULL for text).
    static func reading(_ text: String) throws(FieldError) -> StoredReading {
        _ = try nonBlank(text, what: "the reading")
        let value: ReadingValue
        do { value = try ReadingValue.parse(text) } catch { throw FieldError(error.description) }
        let written = String(String.UnicodeScalarView(text.unicodeScalars.drop(while: isSpace).reversed().drop(while: isSpace).reversed()))
        switch value {
        case .number(let q): return StoredReading(text: written, kind: "number", low: q.canonical, high: q.canonical)
        case let .range(low, high, _): return StoredReading(text: written, kind: "range", low: low.canonical, high: high.canonical)
        case .text: return StoredReading(text: written, kind: "text", low: nil, high: nil)
        }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    /// The social categories of domain.md, exactly as the schema's CHECK spells them.
    static let socialCategories = [
        "Boende och boendemiljöer",
        "Trygghet, säkerhet och tillgänglighet",
        "Hälsa, utbildning, idrott och kultur",
    ]
    /// The eight categories of the green bond framework, as the schema's CHECK spells them.
    static let greenCategories = [
        "renewable_energy", "energy_efficiency", "green_buildings", "clean_transport",
        "waste_management", "water_management", "climate_adaptation", "environmental_management",
    ]

    /// A reference series name: letters, digits, `_`, `-`, `.` (what `ref>=NAME` accepts),
    /// at most 64 characters.
    static func referenceName(_ text: String) throws(FieldError) -> String {
        guard !text.isEmpty, text.unicodeScalars.count <= TextRules.keyLimit, text.unicodeScalars.allSatisfy({
            $0.properties.isAlphabetic || ($0.value >= 48 && $0.value <= 57) || $0 == "_" || $0 == "-" || $0 == "."
        }) else {
            throw FieldError("\(TextRules.quoted(text)) is not a reference series name: use letters, digits, _, - and . only (at most \(TextRules.keyLimit))")
        }
        return text
    }
}
