import Ledger
import LedgerStore

/// Writes the rows of `hallbar query` as they come, in one of its formats, so that no
/// format holds more than a bounded number of rows:
///
/// - `csv`, `json`, `md`: one row at a time (Markdown holds its header until the first row,
///   which decides the right-aligned columns);
/// - `table`: the column widths come from the header and the first `previewRows` rows,
///   which are held and printed together; later rows are padded to those widths (a longer
///   cell pushes its row's later columns right rather than making the whole table wait).
///
/// The output is byte for byte what `Tabular` prints for the same rows when they fit the
/// preview (QueryOutputTests).
struct QueryOutput {
    enum Format: String { case table, csv, json, md }

    /// Rows a table holds to measure its columns.
    static let previewRows = 1_000

    let format: Format
    private var columns: [String] = []
    private var preview: [[Cell]] = []
    private var widths: [Int]? = nil
    private var rows = 0
    /// Where text goes (stdout; a test collects it).
    private let emit: (String) -> Void

    init(_ format: Format, emit: @escaping (String) -> Void = Console.out) {
        self.format = format
        self.emit = emit
    }

    /// The cell of a value: numbers stay numbers, a blob is shown as `x'…'` hex.
    static func cell(_ value: QueryValue) -> Cell {
        switch value {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .real(let v): return .decimal(String(v))
        case .text(let s): return .text(s)
        case .blob(let bytes): return .text("x'" + SHA256.hex(bytes) + "'")
        }
    }

    mutating func begin(_ names: [String]) {
        columns = names
        if format == .csv { emit(names.map { Tabular.csvField(.text($0)) }.joined(separator: ",") + "\n") }
    }

    mutating func row(_ values: [QueryValue]) {
        let cells = values.map(QueryOutput.cell)
        rows += 1
        switch format {
        case .csv:
            emit(cells.map(Tabular.csvField).joined(separator: ",") + "\n")
        case .json:
            let object = JSON.object(zip(columns, cells).map { ($0, JSON(cell: $1)) })
            emit((rows == 1 ? "[\n" : ",\n") + "  " + object.rendered(indent: 1))
        case .md:
            if rows == 1 { emit(Tabular(columns: columns, rows: [cells]).markdown()) } else {
                emit("| " + cells.map { ReportText.markdown($0.display) }.joined(separator: " | ") + " |\n")
            }
        case .table:
            if let widths {
                emit(Tabular.tableRow(cells, widths: widths))
            } else {
                preview.append(cells)
                if preview.count == QueryOutput.previewRows { flushPreview() }
            }
        }
    }

    mutating func end() {
        switch format {
        case .csv: break
        case .json: emit(rows == 0 ? "[]\n" : "\n]\n")
        case .md: if rows == 0 { emit(Tabular(columns: columns, rows: []).markdown()) }
        case .table: if widths == nil { flushPreview() }
        }
    }

    private mutating func flushPreview() {
        let table = Tabular(columns: columns, rows: preview)
        widths = table.columnWidths
        emit(table.table())
        preview = []
    }
}
