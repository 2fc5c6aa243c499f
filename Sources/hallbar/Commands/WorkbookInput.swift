#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger
import LedgerStore
import XLSX

/// An xlsx workbook given to `hallbar import`: the sheet to import, read by `WorkbookReader`
/// and handed to the importer as the CSV the spreadsheet would save (`WorksheetText.csv`),
/// in a private temporary file (created 0600 and unlinked at once, so it vanishes with the
/// process); the batch records the workbook's own SHA-256.
///
/// Which sheet: `--sheet NAME` (exact, else in any letter case), else the only worksheet,
/// else the one named as the kind (`entries`). Anything else is exit 65 naming the sheets.
struct WorkbookInput {
    /// The path the importer opens (`/dev/fd/N` of the temporary file).
    let path: String
    /// The sheet read.
    let sheet: String
    /// The workbook's SHA-256 (hex).
    let sha256: String
    private let fd: Int32

    /// The largest workbook read (its compressed size).
    static let sizeLimit = 512 << 20

    /// The workbook at `path`, or nil when `path` is no regular file starting as a ZIP file
    /// does (a CSV, a pipe, an OpenDocument file: those go to the importer as they are).
    /// - Throws: `CLIError` (exit 65) for a damaged workbook or a sheet that is not there,
    ///   (exit 66/74) when the file cannot be read, (exit 73/74) when the temporary file
    ///   cannot be written.
    static func open(_ path: String, fileName: String, kind: ImportKind, sheet wanted: String?) throws -> WorkbookInput? {
        guard let bytes = try readWorkbook(path, fileName: fileName) else {
            if wanted != nil { throw CLIError.data("\(fileName): --sheet is for an xlsx workbook; this file is not one") }
            return nil
        }
        let book: WorkbookReader
        do { book = try WorkbookReader(bytes) } catch {
            if error.reason.contains("OpenDocument") { return nil }  // ImportSource names it
            throw CLIError.data("\(fileName): cannot be read as an xlsx workbook: \(error.reason)")
        }
        let name = try choose(book.sheetNames, wanted: wanted, kind: kind, fileName: fileName)
        let text: WorksheetText
        do { text = try book.sheet(name) } catch { throw CLIError.data("\(fileName): \(error.reason)") }
        let fd = try privateFile(text.csv(), fileName: fileName)
        return WorkbookInput(path: "/dev/fd/\(fd)", sheet: name, sha256: SHA256.hex(SHA256.hash(bytes)), fd: fd)
    }

    /// Closes the temporary file (it is gone then).
    func close() { _ = Glibc_close(fd) }

    /// The sheet to read: `wanted`, else the only one, else the one named as `kind`.
    static func choose(_ names: [String], wanted: String?, kind: ImportKind, fileName: String) throws -> String {
        let list = names.map { TextRules.quoted($0) }.joined(separator: ", ")
        if let wanted {
            if names.contains(wanted) { return wanted }
            let folded = SpokenText.normalized(wanted)
            if let match = names.first(where: { SpokenText.normalized($0) == folded }) { return match }
            throw CLIError.data("\(fileName): the workbook has no sheet \(TextRules.quoted(wanted)); its sheets are \(list)"
                + Suggestion.didYouMean(wanted, among: names))
        }
        guard !names.isEmpty else { throw CLIError.data("\(fileName): the workbook has no worksheet") }
        if names.count == 1 { return names[0] }
        if let match = names.first(where: { SpokenText.normalized($0) == kind.rawValue }) { return match }
        throw CLIError.data("\(fileName): the workbook has \(names.count) sheets (\(list)) and none is named "
            + "\"\(kind.rawValue)\": choose one with --sheet NAME")
    }

    /// The whole file when it is a regular file that starts with a ZIP local header
    /// (`PK\u{3}\u{4}`), nil for anything else (read no further).
    private static func readWorkbook(_ path: String, fileName: String) throws -> [UInt8]? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let fd = Glibc_open(path)
        guard fd >= 0 else { return nil }  // the importer says why
        defer { _ = Glibc_close(fd) }
        var head = [UInt8](repeating: 0, count: 4)
        guard head.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 4, 0) }) == 4, head == [0x50, 0x4B, 0x03, 0x04] else { return nil }
        guard Int(status.st_size) <= sizeLimit else {
            throw CLIError.data("\(fileName): the workbook is larger than \(sizeLimit >> 20) MiB; save the sheet as CSV and import that")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw CLIError(code: .ioError, message: "\(fileName): read error: \(Files.message(errno))") }
            done += n
        }
        return bytes
    }

    /// A new temporary file holding `bytes`, unlinked, positioned at its start.
    private static func privateFile(_ bytes: [UInt8], fileName: String) throws -> Int32 {
        let folder = Files.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/hallbar-sheet-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CLIError(code: .cannotCreate, message: "\(fileName): cannot make a temporary file for the sheet: \(Files.message(errno))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let code = errno
                _ = Glibc_close(fd)
                throw CLIError(code: .ioError, message: "\(fileName): cannot write the sheet to a temporary file: \(Files.message(code))")
            }
            written += n
        }
        return fd
    }
}

/// `close(2)` and `open(2)` under names that do not clash with the methods above.
private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
private func Glibc_open(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }
