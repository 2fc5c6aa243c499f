#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger

/// The bytes of one import file, opened once, so that the SHA-256 recorded for the import
/// (`import_batches.file_sha256`) is computed over exactly the bytes that were imported.
///
/// Before, the digest, the reader and the row-by-row fallback pass each opened the path:
/// a FIFO gave each of them other bytes (the digest of an empty file was recorded while
/// three rows were imported), and a file replaced or changed meanwhile did the same.
/// Here the path is opened once:
/// - a regular file is read through that one descriptor by every pass and by the digest
///   (`pread`, each from the start), and `requireUnchanged()` refuses the import when its
///   size or modification time changed meanwhile (someone wrote to it);
/// - anything else (a FIFO, `/dev/stdin`, a character device) is copied once into a private
///   temporary file (already unlinked), which every pass and the digest then read;
/// - a folder or a missing path is refused (exit 66) before anything is read;
/// - a spreadsheet saved as a workbook (xlsx, ods, xls: a ZIP or an OLE container, told by
///   its first bytes) is refused as such (exit 65), with what to do, instead of being read
///   as text whose first field "holds the control character U+0003" (`hallbar import` reads
///   an xlsx given by its file name itself and hands its sheet over as CSV, with the
///   workbook's digest: `ImportOptions.sourceSHA256`).
///
/// ```swift
/// let source = try ImportSource(path: "entries.csv", fileName: "entries.csv")
/// let reader = try source.reader(encoding: .utf8)    // again for a second pass
/// let sha256 = try source.wait().get()               // the digest of those bytes
/// try source.requireUnchanged()
/// ```
final class ImportSource: @unchecked Sendable {
    /// The file as the user named it.
    let fileName: String
    /// The open regular file every reader reads (the input, or the private copy).
    private let fd: Int32
    /// The file's size and times when it was opened (nil for a private copy).
    private let opened: Stamp?
    /// The SHA-256 of the file's bytes, computed on a thread of its own.
    private let thread: BackgroundThread<Result<String, any Error>>

    private struct Stamp: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        }
    }

    /// Opens `path` (blocking, for a FIFO, until a writer opens it, as reading a FIFO does)
    /// and starts the digest.
    /// - Throws: `ImportFailure` (`.unreadable`) for a missing path, a folder or a file that
    ///   cannot be opened; (`.readError`) when copying a non-regular input fails.
    /// `sha256`, when given, is the digest `wait` returns instead of the file's: the input is
    /// a conversion (a workbook's sheet as CSV) and the digest that of the original.
    init(path: String, fileName: String, sha256: String? = nil) throws {
        self.fileName = fileName
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ImportFailure(reason: .unreadable, InputProblem(file: fileName, message: "no such file"))
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else {
            throw ImportFailure(reason: .unreadable, InputProblem(file: fileName, message: "is a folder, not a file"))
        }
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            throw ImportFailure(reason: .unreadable, InputProblem(file: fileName, message: "cannot open the file for reading: \(ImportSource.reason(errno))"))
        }
        guard fstat(input, &status) == 0 else {
            let code = errno
            close(input)
            throw ImportFailure(reason: .unreadable, InputProblem(file: fileName, message: "cannot read the file: \(ImportSource.reason(code))"))
        }
        if (status.st_mode & S_IFMT) == S_IFREG {
            fd = input
            opened = Stamp(status)
        } else {
            defer { close(input) }
            fd = try ImportSource.privateCopy(of: input, fileName: fileName)
            opened = nil
        }
        if let workbook = ImportSource.workbookKind(fd) {
            close(fd)
            throw ImportFailure(reason: .invalidData, InputProblem(file: fileName, message: "is \(workbook), not CSV: "
                + (workbook.contains(".xlsx") ? "give the .xlsx by its file name (not through a pipe), and hallbar reads its sheet; or " : "")
                + "save it as CSV (UTF-8) or xlsx first (Excel: Save As, \"CSV UTF-8\"; LibreOffice: Save As, \"Text CSV\", "
                + "character set UTF-8) and import that file"))
        }
        let (fd, fileName) = (self.fd, fileName)
        if let sha256 {
            thread = BackgroundThread { .success(sha256) }
        } else {
            thread = BackgroundThread { Result { try ImportSource.digest(fd, fileName: fileName) } }
        }
    }

    deinit {
        _ = thread.join()
        close(fd)
    }

    /// A reader over the file from its first byte (each call a new, independent pass).
    /// - Throws: `CSVError` as `CSVReader` does.
    func reader(encoding: CSVEncoding) throws(CSVError) -> CSVReader {
        try CSVReader(positionedOn: fd, encoding: encoding)
    }

    /// The SHA-256 (hex) of the file's bytes, or the read error; waits for the digest.
    func wait() -> Result<String, any Error> { thread.join() }

    /// Refuses the import when the file was written to since it was opened (its size or its
    /// modification or change time differs): the bytes imported and the bytes hashed could
    /// differ. A private copy never changes.
    /// - Throws: `ImportFailure` (`.readError`, exit 74).
    func requireUnchanged() throws {
        guard let opened else { return }
        var status = stat()
        guard fstat(fd, &status) == 0, Stamp(status) == opened else {
            throw ImportFailure(reason: .readError, InputProblem(
                file: fileName, message: "the file changed while it was being imported; import it again once it is complete"))
        }
    }

    /// What kind of workbook the file is, by its first bytes, or nil for anything else: a ZIP
    /// (`PK\u{3}\u{4}`: an OpenDocument spreadsheet when its first entry is the `mimetype`
    /// naming one, else an Office Open XML workbook) or an OLE compound file (`D0 CF 11 E0`,
    /// the Excel 97-2003 format). No CSV starts with these bytes: a text file holds no
    /// control character 3, 4 or 0x11 there.
    static func workbookKind(_ fd: Int32) -> String? {
        var head = [UInt8](repeating: 0, count: 90)
        let count = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count >= 4 else { return nil }
        let bytes = head[0 ..< count]
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // A stored first entry named "mimetype" holds the ODF type (ODF 1.2, part 3, 3.3).
            let rest = String(decoding: bytes.dropFirst(30), as: UTF8.self)
            if rest.hasPrefix("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") { return "an OpenDocument spreadsheet (.ods)" }
            return "an Excel workbook (.xlsx, or another ZIP file)"
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "an Excel 97-2003 workbook (.xls)" }
        return nil
    }

    /// Copies everything `input` gives into a new temporary file that no other process can
    /// open (created 0600 and unlinked at once); returns it, positioned anywhere.
    private static func privateCopy(of input: Int32, fileName: String) throws -> Int32 {
        var template = Array(LocalFiles.temporaryPath("hallbar-import-XXXXXX").utf8CString)
        let copy = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard copy >= 0 else {
            throw ImportFailure(reason: .readError, InputProblem(file: fileName, message: "cannot make a temporary copy: \(reason(errno))"))
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(copy)
                throw ImportFailure(reason: .readError, InputProblem(file: fileName, message: "read error: \(reason(code))"))
            }
            if count == 0 { break }
            var written = 0
            while written < count {
                let n = chunk.withUnsafeBytes { write(copy, $0.baseAddress! + written, count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    close(copy)
                    throw ImportFailure(reason: .readError, InputProblem(file: fileName, message: "cannot write the temporary copy: \(reason(code))"))
                }
                written += n
            }
        }
        return copy
    }

    /// SHA-256 (hex) of every byte of `fd` from its first, read with `pread` in 1 MiB chunks.
    private static func digest(_ fd: Int32, fileName: String) throws -> String {
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportFailure(reason: .readError, InputProblem(file: fileName, message: "read error: \(reason(errno))"))
            }
            if count == 0 { break }
            offset += off_t(count)
            chunk.withUnsafeBytes { hasher.update(bytes: UnsafeRawBufferPointer(rebasing: $0[0 ..< count])) }
        }
        return hasher.hexDigest()
    }

    private static func reason(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
