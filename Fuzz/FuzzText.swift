// libFuzzer target: TextRules (issue 17), the one rule for keys, names and free text.
// Properties, for any UTF-8 text taken from the input:
// - a key is accepted exactly when it is 1–64 ASCII letters, digits or - _ . / :;
// - a name is accepted exactly when it is not blank, at most 2 000 scalars, and has no
//   control, format, line- or paragraph-separator scalar; free text likewise, but tab, CR
//   and LF are allowed; every accepted name is accepted as free text; nothing is changed;
// - visible() and terminalSafe() leave no control or format scalar, and change nothing in
//   a text that has none; quoted() is bounded whatever the length of the text;
// - no error description holds a raw control or format scalar.

func isRefusedScalar(_ s: Unicode.Scalar, multiLine: Bool) -> Bool {
    switch s.properties.generalCategory {
    case .control: return !(multiLine && (s == "\t" || s == "\n" || s == "\r"))
    case .format, .lineSeparator, .paragraphSeparator: return true
    default: return s.value == 0x200B
    }
}

func hasRawInvisible(_ text: String) -> Bool {
    text.unicodeScalars.contains { TextRules.isControl($0) || TextRules.isFormat($0) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    // An input that starts with "*" is also tried repeated past the length limits.
    let base = String(decoding: bytes, as: UTF8.self)
    var texts = [base]
    if bytes.first == 0x2A, size > 1 { texts.append(String(repeating: base, count: 2_001 / base.unicodeScalars.count + 1)) }
    for text in texts {
        let scalars = Array(text.unicodeScalars)
        // Keys.
        let keyOK = (try? TextRules.key(text, what: "k")) != nil
        let keyExpected = !text.utf8.isEmpty && text.utf8.count <= 64 && text.utf8.allSatisfy(TextRules.isKeyByte)
        if keyOK != keyExpected { fuzzFail("key rule disagrees on \(text.debugDescription): \(keyOK)") }
        // Names and free text.
        let blank = scalars.allSatisfy { $0.properties.isWhitespace }
        for multiLine in [false, true] {
            let result: Result<String, TextRuleError> = multiLine
                ? Result { () throws(TextRuleError) -> String in try TextRules.freeText(text, what: "t") }
                : Result { () throws(TextRuleError) -> String in try TextRules.name(text, what: "n") }
            let expected = !blank && scalars.count <= TextRules.textLimit && !scalars.contains { isRefusedScalar($0, multiLine: multiLine) }
            switch result {
            case .success(let kept):
                if !expected { fuzzFail("accepted \(text.debugDescription) (multiLine \(multiLine))") }
                if kept != text { fuzzFail("the rule changed the text") }
            case .failure(let error):
                if expected { fuzzFail("refused \(text.debugDescription) (multiLine \(multiLine)): \(error)") }
                if hasRawInvisible(error.description) { fuzzFail("raw invisible character in \(error.description.debugDescription)") }
                if error.description.unicodeScalars.count > 600 { fuzzFail("an error quotes too much: \(error.description.unicodeScalars.count)") }
            }
        }
        if let error = Result(catching: { () throws(TextRuleError) -> String in try TextRules.key(text, what: "k") }).failure {
            if hasRawInvisible(error.description) { fuzzFail("raw invisible character in a key error") }
        }
        // Showing values.
        for shown in [TextRules.visible(text), TextRules.terminalSafe(text), TextRules.quoted(text)] {
            if hasRawInvisible(shown) { fuzzFail("raw invisible character left in \(shown.debugDescription)") }
        }
        if !hasRawInvisible(text) && TextRules.terminalSafe(text) != text { fuzzFail("terminalSafe changed a clean text") }
        if TextRules.quoted(text).unicodeScalars.count > TextRules.quoteLimit * 11 + 40 { fuzzFail("quoted() is not bounded") }
    }
    return 0
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
