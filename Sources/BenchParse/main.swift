// BenchParse: CSV parsing alone, for `make bench` (quality.md: "CSV parsing alone, 10⁶
// rows, ≥ 200 MB/s"). It reads an entries file with the importer's reader (CSVReader,
// one reused CSVRecord) and parses every field the way the import does — amount to öre
// from bytes, value date checked, kind and ids looked at — without any database.
//
// Usage: BenchParse FILE   (prints rows, the sum of the amounts and MB/s)
import Foundation
import Ledger

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: BenchParse entries.csv\n".utf8))
    exit(64)
}
let path = arguments[1]
let start = Date()
do {
    let reader = try CSVReader(path: path)
    let columns = try CSVColumns(header: reader.header, headerLine: reader.headerLine,
                                 required: ["external_id", "loan_number", "value_date", "amount_sek", "kind"])
    let id = columns.index(of: "external_id")!, loan = columns.index(of: "loan_number")!
    let date = columns.index(of: "value_date")!, amount = columns.index(of: "amount_sek")!
    let kind = columns.index(of: "kind")!
    let decimalComma = reader.delimiter.usesDecimalComma
    var record = CSVRecord()
    var rows = 0, refused = 0, textBytes = 0
    var total: Int64 = 0
    while try reader.next(into: &record) {
        if record.isBlank { continue }
        rows += 1
        do {
            total &+= try record.withUTF8(at: amount) { try AmountParser.parse(utf8: $0, decimalComma: decimalComma) }
            _ = try record.withUTF8(at: date) { try Day.parse(utf8: $0) }
        } catch {
            refused += 1
        }
        textBytes += record.withUTF8(at: id) { $0.count } + record.withUTF8(at: loan) { $0.count }
            + record.withUTF8(at: kind) { $0.count }
    }
    let seconds = Date().timeIntervalSince(start)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("\(rows) rows (\(refused) refused), sum \(total) öre, \(textBytes) text bytes, "
        + "\(String(format: "%.3f", seconds)) s, \(String(format: "%.0f", Double(size) / 1e6 / seconds)) MB/s")
} catch {
    FileHandle.standardError.write(Data("BenchParse: \(error)\n".utf8))
    exit(65)
}
