import Ledger
import LedgerStore

/// `hallbar list KIND --format csv|json` to stdout, written row by row while SQLite hands
/// the rows over: a list of a million entries needs no copy of every row first. It prints
/// exactly what `RecordRender` prints for the same list (a test compares the two).
struct ListStream {
    let format: ReportFormat
    /// The list's key in JSON (`loans`).
    let name: String
    /// The JSON object's first keys (`as_of`, `filters`).
    let leading: [(String, JSON)]
    let emit: (String) -> Void

    private var columns: [ListColumn]?
    private var rows = 0
    private var chunk = ""

    init(format: ReportFormat, name: String, leading: [(String, JSON)], emit: @escaping (String) -> Void) {
        precondition(format == .csv || format == .json, "ListStream writes csv or json")
        self.format = format
        self.name = name
        self.leading = leading
        self.emit = emit
        chunk.reserveCapacity(1 << 17)
    }

    private mutating func write(_ text: String) {
        chunk += text
        if chunk.utf8.count >= 1 << 16 {
            emit(chunk)
            chunk.removeAll(keepingCapacity: true)
        }
    }

    /// The start, once the columns are known: the CSV header, or the JSON object up to the
    /// opening of the list.
    private mutating func start(_ columns: [ListColumn]) {
        guard self.columns == nil else { return }
        self.columns = columns
        if format == .csv {
            write(columns.map { Tabular.csvField(.text($0.key)) }.joined(separator: ",") + "\n")
        } else {
            write("{\n" + leading.map { "  " + JSON.quote($0.0) + ": " + $0.1.rendered(indent: 1) + ",\n" }.joined()
                + "  " + JSON.quote(name) + ": [")
        }
    }

    /// One row.
    mutating func append(_ row: ListRow) {
        start(row.columns)
        let values = row.columns.indices.map { row.value($0) }
        if format == .csv {
            write(zip(row.columns, values).map { Tabular.csvField(RecordRender.cell($1, $0.type)) }.joined(separator: ",") + "\n")
        } else {
            let object = JSON.object(zip(row.columns, values).map { ($0.key, RecordRender.json($1, $0.type)) })
            write((rows == 0 ? "\n    " : ",\n    ") + object.rendered(indent: 2))
        }
        rows += 1
    }

    /// The end: the JSON list closed and the meta; everything written out.
    mutating func finish(columns: [ListColumn], meta: ReportMeta) {
        start(columns)
        if format == .json {
            write((rows == 0 ? "]" : "\n  ]") + ",\n  \"meta\": " + meta.json.rendered(indent: 1) + "\n}\n")
        }
        emit(chunk)
        chunk = ""
    }
}
