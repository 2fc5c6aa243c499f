import Ledger

/// An aligned text table written as bytes, for lists of tens of thousands of rows: each
/// cell is laid out once into one buffer with its width, then the lines are padded. It
/// prints what `Tabular.table` prints (two spaces between columns, a rule of `─`, figures
/// right-aligned, no trailing spaces), at a fraction of the cost, so that `hallbar list
/// loans` on 10⁶ entries costs little more than its query (docs/performance.md).
struct TextTable {
    /// The cells' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where each cell ends in `bytes` (cell i starts where cell i − 1 ends).
    private var ends: [Int] = []
    /// Each cell's width in terminal columns.
    private var widths: [Int] = []
    /// Digits of a number, least significant first (reused).
    private var digits: [UInt8] = []

    init(capacity cells: Int) {
        ends.reserveCapacity(cells)
        widths.reserveCapacity(cells)
        bytes.reserveCapacity(cells * 12)
    }

    /// How many cells it holds.
    var count: Int { ends.count }

    private mutating func close(width: Int) {
        ends.append(bytes.count)
        widths.append(width)
    }

    /// Text on one line (line breaks become spaces, as `Cell.display` shows them).
    mutating func append(text: String) {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 || (byte >= 0x0A && byte <= 0x0D) {
                ascii = false
                break
            }
        }
        if ascii {
            bytes.append(contentsOf: text.utf8)
            close(width: text.utf8.count)
        } else {
            let line = text.oneLine
            bytes.append(contentsOf: line.utf8)
            close(width: line.displayWidth)
        }
    }

    /// An empty cell.
    mutating func appendEmpty() { close(width: 0) }

    /// A whole number in plain digits.
    mutating func append(integer value: Int64) {
        let start = bytes.count
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
        close(width: bytes.count - start)
    }

    /// Appends the digits of `magnitude`, `separator` between groups of three.
    /// - Returns: how many separators it appended.
    @discardableResult
    private mutating func appendDigits(_ magnitude: UInt64, grouping separator: [UInt8] = []) -> Int {
        digits.removeAll(keepingCapacity: true)
        var rest = magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        var separators = 0
        for index in stride(from: digits.count - 1, through: 0, by: -1) {
            bytes.append(digits[index])
            if index > 0 && index % 3 == 0 && !separator.isEmpty {
                bytes.append(contentsOf: separator)
                separators += 1
            }
        }
        return separators
    }

    private static let nbsp: [UInt8] = [0xC2, 0xA0]

    /// An amount of öre as `MoneyFormat.kronor` prints it: "1 234 kr", "1 234,50 kr",
    /// "-5 kr"; English "SEK 1,234", "SEK 1,234.50" (U+00A0 grouping and before the unit).
    mutating func append(kronor ore: Int64, language: FormatLanguage) {
        let start = bytes.count
        var extra = 0  // the bytes of each U+00A0 beyond its one column
        if language == .en {
            bytes.append(contentsOf: Array("SEK".utf8) + Self.nbsp)
            extra += 1
        }
        if ore < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = ore.magnitude
        let separators = appendDigits(magnitude / 100, grouping: language == .sv ? Self.nbsp : [UInt8(ascii: ",")])
        if language == .sv { extra += separators }
        let cents = magnitude % 100
        if cents != 0 {
            bytes.append(UInt8(ascii: language == .sv ? "," : "."))
            bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(cents % 10))
        }
        if language == .sv {
            bytes.append(contentsOf: Self.nbsp + Array("kr".utf8))
            extra += 1
        }
        close(width: bytes.count - start - extra)
    }

    /// The table under `header`, `columns` cells a row; the cells of columns marked in
    /// `right` are right-aligned (the header stays on the left, as in every report).
    func render(header: [String], right: [Bool]) -> String {
        let columns = header.count
        guard columns > 0 else { return "" }
        var columnWidths = header.map(\.displayWidth)
        for (index, width) in widths.enumerated() where width > columnWidths[index % columns] {
            columnWidths[index % columns] = width
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ends.count * 4 + columnWidths.reduce(0, +) * 4)
        func line(aligned: Bool = true, _ cells: (Int) -> (bytes: ArraySlice<UInt8>, width: Int)) {
            let lineStart = out.count
            for c in 0..<columns {
                if c > 0 { out.append(contentsOf: [0x20, 0x20]) }
                let cell = cells(c)
                let fill = max(0, columnWidths[c] - cell.width)
                let onRight = aligned && right[c]
                if onRight { out.append(contentsOf: repeatElement(0x20, count: fill)) }
                out.append(contentsOf: cell.bytes)
                if !onRight { out.append(contentsOf: repeatElement(0x20, count: fill)) }
            }
            while out.count > lineStart && out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        let headerBytes = header.map { Array($0.utf8) }
        line(aligned: false) { c in (headerBytes[c][...], header[c].displayWidth) }
        let rule: [UInt8] = Array("─".utf8)
        for c in 0..<columns {
            if c > 0 { out.append(contentsOf: [0x20, 0x20]) }
            for _ in 0..<columnWidths[c] { out.append(contentsOf: rule) }
        }
        out.append(0x0A)
        var cell = 0
        while cell + columns <= ends.count {
            let first = cell
            line { c in
                let index = first + c
                let start = index == 0 ? 0 : ends[index - 1]
                return (bytes[start..<ends[index]], widths[index])
            }
            cell += columns
        }
        return String(decoding: out, as: UTF8.self)
    }
}
