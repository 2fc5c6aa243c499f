import Ledger
import LedgerStore

/// An aligned text table written as bytes, for lists of tens of thousands of rows: each
/// cell is laid out once into one buffer with its width, then the lines are padded. It
/// prints what `Tabular.table` prints (two spaces between columns, a rule of `─`, figures
/// right-aligned, no trailing spaces), at a fraction of the cost, so that `hallbar list
/// loans` on 10⁶ entries costs little more than its query (docs/performance.md).
struct TextTable {
    /// The cells' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where each cell ends in `bytes` (cell i starts where cell i − 1 ends); 32 bits, as
    /// the cell widths 16, to keep a table of a million cells small.
    private var ends: [UInt32] = []
    /// Each cell's width in terminal columns.
    private var widths: [UInt16] = []

    init(capacity cells: Int) {
        ends.reserveCapacity(cells)
        widths.reserveCapacity(cells)
        bytes.reserveCapacity(cells * 12)
    }

    /// How many cells it holds.
    var count: Int { ends.count }

    private mutating func close(width: Int) {
        precondition(bytes.count <= Int(UInt32.max), "a text table of more than 4 GiB")
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
        widths.append(UInt16(clamping: width))
    }

    /// True for a byte of printable ASCII (space to `~`), which a cell shows as it is.
    private static func isPlain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// Text on one line, as `Cell.display` shows it: line breaks become spaces, control and
    /// invisible format characters are shown visibly (`\e`, `\u{202E}`), so a stored escape
    /// sequence or direction override never reaches the terminal raw.
    mutating func append(text: String) {
        if text.utf8.allSatisfy(Self.isPlain) {
            bytes.append(contentsOf: text.utf8)
            close(width: text.utf8.count)
        } else {
            let line = TextRules.terminalSafe(text.oneLine)
            bytes.append(contentsOf: line.utf8)
            close(width: line.displayWidth)
        }
    }

    /// Text given as UTF-8 bytes (a column's bytes lent by SQLite), on one line.
    mutating func append(utf8 text: UnsafeRawBufferPointer) {
        if !text.allSatisfy(Self.isPlain) {
            append(text: String(decoding: text, as: UTF8.self))
            return
        }
        bytes.append(contentsOf: text)
        close(width: text.count)
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

    /// Appends the digits of `magnitude`, with `separator` (one or two bytes; none when
    /// empty) between groups of three, written in place from the last digit back.
    /// - Returns: how many separators it appended.
    @discardableResult
    private mutating func appendDigits(_ magnitude: UInt64, grouping separator: (UInt8, UInt8?)? = nil) -> Int {
        var count = 1
        var limit: UInt64 = 10
        while count < 20 && magnitude >= limit {
            count += 1
            if count < 20 { limit &*= 10 }
        }
        let separators = separator == nil ? 0 : (count - 1) / 3
        let width = separator.map { $0.1 == nil ? 1 : 2 } ?? 0
        let start = bytes.count
        Self.zeroes.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<(count + separators * width)])) }
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = buffer.count - 1
            var rest = magnitude
            for digit in 0..<count {
                if digit > 0 && digit % 3 == 0, let separator {
                    if let second = separator.1 { buffer[index] = second; index -= 1 }
                    buffer[index] = separator.0
                    index -= 1
                }
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                index -= 1
            }
            precondition(index == start - 1)
        }
        return separators
    }

    /// An amount of öre as `MoneyFormat.kronor` prints it: "1 234 kr", "1 234,50 kr",
    /// "-5 kr"; English "SEK 1,234", "SEK 1,234.50" (U+00A0 grouping and before the unit).
    mutating func append(kronor ore: Int64, language: FormatLanguage) {
        let start = bytes.count
        var extra = 0  // the bytes of each U+00A0 beyond its one column
        if language == .en {
            bytes.append(contentsOf: Self.sekPrefix)
            extra += 1
        }
        if ore < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = ore.magnitude
        let separators = appendDigits(magnitude / 100, grouping: language == .sv ? (0xC2, 0xA0) : (UInt8(ascii: ","), nil))
        if language == .sv { extra += separators }
        let cents = magnitude % 100
        if cents != 0 {
            bytes.append(UInt8(ascii: language == .sv ? "," : "."))
            bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(cents % 10))
        }
        if language == .sv {
            bytes.append(contentsOf: Self.krSuffix)
            extra += 1
        }
        close(width: bytes.count - start - extra)
    }

    /// Room for the longest number with separators (20 digits, 6 separators of 2 bytes).
    private static let zeroes = [UInt8](repeating: 0, count: 32)
    private static let sekPrefix: [UInt8] = Array("SEK\u{00A0}".utf8)
    private static let krSuffix: [UInt8] = Array("\u{00A0}kr".utf8)

    /// The table under `header`, `header.count` cells a row; the cells of columns marked in
    /// `right` are right-aligned (the header stays on the left, as in every report); the
    /// columns not marked in `keep` (default: all) are left out.
    func render(header: [String], right: [Bool], keep: [Bool]? = nil) -> String {
        var text = ""
        render(header: header, right: right, keep: keep) { text += $0 }
        return text
    }

    /// `render`, given to `emit` in pieces of about 64 KiB.
    func render(header: [String], right: [Bool], keep: [Bool]? = nil, _ emit: (String) -> Void) {
        let columns = header.count
        guard columns > 0 else { return }
        var columnWidths = header.map(\.displayWidth)
        for (index, width) in widths.enumerated() where Int(width) > columnWidths[index % columns] {
            columnWidths[index % columns] = Int(width)
        }
        let shown = (0..<columns).filter { keep?[$0] ?? true }
        let piece = 1 << 16
        var line = LineWriter(widths: columnWidths, right: right, capacity: piece + 4 * columnWidths.reduce(0, +) + 64)
        for (k, c) in shown.enumerated() {
            Array(header[c].utf8).withUnsafeBufferPointer {
                line.cell($0, width: header[c].displayWidth, column: c, first: k == 0, aligned: false)
            }
        }
        line.endLine()
        let rule: [UInt8] = Array("─".utf8)
        for (k, c) in shown.enumerated() {
            if k > 0 { line.out.append(contentsOf: [0x20, 0x20]) }
            for _ in 0..<columnWidths[c] { line.out.append(contentsOf: rule) }
        }
        line.endLine()
        bytes.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                widths.withUnsafeBufferPointer { widths in
                    var row = 0
                    while row + columns <= ends.count {
                        for (k, c) in shown.enumerated() {
                            let index = row + c
                            let start = index == 0 ? 0 : Int(ends[index - 1])
                            line.cell(UnsafeBufferPointer(rebasing: all[start..<Int(ends[index])]), width: Int(widths[index]),
                                      column: c, first: k == 0, aligned: true)
                        }
                        line.endLine()
                        row += columns
                        if line.out.count >= piece {
                            emit(String(decoding: line.out, as: UTF8.self))
                            line.out.removeAll(keepingCapacity: true)
                        }
                    }
                }
            }
        }
        emit(String(decoding: line.out, as: UTF8.self))
    }
}

/// Writes the lines of a `TextTable`: cells padded to their column's width, two spaces
/// between columns, spaces written only before something that is not a space (so no line
/// ends in them).
private struct LineWriter {
    let widths: [Int]
    let right: [Bool]
    var out: [UInt8] = []
    /// Spaces owed before the next cell's content.
    private var pending = 0
    private static let spaces = [UInt8](repeating: 0x20, count: 256)

    init(widths: [Int], right: [Bool], capacity: Int) {
        self.widths = widths
        self.right = right
        out.reserveCapacity(capacity)
    }

    mutating func cell(_ content: UnsafeBufferPointer<UInt8>, width: Int, column c: Int, first: Bool, aligned: Bool) {
        if !first { pending += 2 }
        let fill = max(0, widths[c] - width)
        let onRight = aligned && right[c]
        if onRight { pending += fill }
        if !content.isEmpty {
            while pending > 0 {
                let n = min(pending, Self.spaces.count)
                Self.spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                pending -= n
            }
            out.append(contentsOf: content)
        }
        if !onRight { pending += fill }
    }

    mutating func endLine() {
        pending = 0
        out.append(0x0A)
    }
}

/// A list's text table laid out as its rows come: the cells in a `TextTable`, which
/// columns hold a value somewhere (the others are left out, as in every people format),
/// and the totals of the amount columns the document sums.
struct TableBuilder {
    let columns: [ListColumn]
    let output: ReportOutput
    /// The columns that get a total line.
    private let summed: [Bool]
    private var table: TextTable
    private var hasValue: [Bool]
    private var sums: [Ore]
    private var overflowed: [Bool]
    /// How many rows it holds.
    private(set) var rows = 0

    /// The keys of the summed columns whose total leaves 64 bits of öre (the total line
    /// marks them `RecordRender.tooLarge`); none with one row, which has no total line.
    var overflowedTotals: [String] {
        rows > 1 ? columns.indices.filter { summed[$0] && overflowed[$0] }.map { columns[$0].key } : []
    }

    init(columns: [ListColumn], totals: Set<String>, output: ReportOutput, capacity: Int = 64) {
        self.columns = columns
        self.output = output
        summed = columns.map { totals.contains($0.key) }
        table = TextTable(capacity: capacity * max(1, columns.count))
        hasValue = Array(repeating: false, count: columns.count)
        sums = Array(repeating: 0, count: columns.count)
        overflowed = Array(repeating: false, count: columns.count)
    }

    private mutating func add(_ amount: Int64, column c: Int) {
        guard summed[c] else { return }
        let (sum, overflow) = sums[c].addingReportingOverflow(amount)
        sums[c] = sum
        overflowed[c] = overflowed[c] || overflow
    }

    private mutating func append(integer v: Int64, column c: Int) {
        hasValue[c] = true
        switch columns[c].type {
        case .ore:
            table.append(kronor: v, language: output.language)
            add(v, column: c)
        case .bool: table.append(text: v != 0 ? output.text("ja", "yes") : output.text("nej", "no"))
        case .hundredths: table.append(text: MoneyFormat.hundredths(v, language: output.language))
        default: table.append(integer: v)
        }
    }

    /// Stored text as `RecordRender.display` shows it: a moment to the minute, an indicator's
    /// number in the language's form, a code by its word.
    private mutating func append(text: String, column c: Int) {
        switch columns[c].type {
        case .timestamp: table.append(text: RecordRender.minute(text))
        case .measure: table.append(text: RecordRender.measure(text).display(language: output.language))
        case .code(let vocabulary): table.append(text: RecordLabels.code(text, vocabulary, output))
        default: table.append(text: text)
        }
    }

    /// A row read in place.
    mutating func append(_ row: ListRow) {
        for c in columns.indices {
            switch row.stored(c) {
            case .null: table.appendEmpty()
            case .integer: append(integer: row.integer(c), column: c)
            case .text:
                hasValue[c] = true
                switch columns[c].type {
                case .timestamp, .measure, .code:
                    append(text: row.withUTF8(c) { String(decoding: $0, as: UTF8.self) }, column: c)
                default:
                    row.withUTF8(c) { table.append(utf8: $0) }
                }
            }
        }
        rows += 1
    }

    /// A row of values.
    mutating func append(_ values: [ListValue]) {
        for (c, value) in values.enumerated() {
            switch value {
            case .null: table.appendEmpty()
            case .integer(let v): append(integer: v, column: c)
            case .text(let t):
                hasValue[c] = true
                append(text: t, column: c)
            }
        }
        rows += 1
    }

    /// The table, with a total line under the summed columns when it has more than one row,
    /// given to `emit` in pieces.
    mutating func finish(_ emit: (String) -> Void) {
        if rows > 1 && summed.contains(true) {
            for c in columns.indices {
                if c == 0 {
                    table.append(text: output.text("Summa", "Total"))
                } else if summed[c] && !overflowed[c] {
                    table.append(kronor: sums[c], language: output.language)
                } else if summed[c] {
                    table.append(text: RecordRender.tooLarge(output))
                } else {
                    table.appendEmpty()
                }
            }
        }
        table.render(header: columns.map { RecordLabels.label($0.key, output) },
                     right: columns.map { RecordRender.rightAligned($0.type) }, keep: hasValue, emit)
    }
}
