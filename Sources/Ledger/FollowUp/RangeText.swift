/// Splits "X-Y", "X..Y", "X–Y" (en dash) and "X—Y" (em dash) into their two sides.
///
/// A hyphen counts as the separator only after a digit or "%" (ignoring spaces), so
/// "-2" is a number, "-5--3" is -5 to -3 and "97-98 %" is 97 to 98.
enum RangeText {
    static func split(_ text: String) -> (low: String, high: String)? {
        let scalars = Array(text.unicodeScalars)
        func pieces(_ start: Int, _ length: Int) -> (String, String) {
            var low = String.UnicodeScalarView(), high = String.UnicodeScalarView()
            low.append(contentsOf: scalars[..<start])
            high.append(contentsOf: scalars[(start + length)...])
            return (String(low), String(high))
        }
        for index in scalars.indices where scalars[index] == "." {
            if index + 1 < scalars.count, scalars[index + 1] == "." { return pieces(index, 2) }
        }
        if let index = scalars.firstIndex(where: { $0 == "\u{2013}" || $0 == "\u{2014}" }) {
            return pieces(index, 1)
        }
        for index in scalars.indices where scalars[index] == "-" && index > 0 {
            var before = index - 1
            while before > 0, Quantity.isSpace(scalars[before]) { before -= 1 }
            let previous = scalars[before]
            if previous == "%" || (previous.value >= 48 && previous.value <= 57) { return pieces(index, 1) }
        }
        return nil
    }
}
