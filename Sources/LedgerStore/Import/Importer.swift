#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger
import SQLite

/// How to import one file.
public struct ImportOptions: Sendable {
    /// The file's encoding (`--encoding`): UTF-8 (default) or Windows-1252, converted.
    public var encoding: CSVEncoding
    /// Validate everything inside the transaction, then roll back (`--dry-run`).
    public var dryRun: Bool
    /// Who imports and when; every new row and the batch carry it.
    public var stamp: Stamp
    /// The name used in messages and `import_batches.file_name` (default: the path).
    public var fileName: String?

    /// Options for an import by `stamp`.
    public init(encoding: CSVEncoding = .utf8, dryRun: Bool = false, stamp: Stamp, fileName: String? = nil) {
        self.encoding = encoding
        self.dryRun = dryRun
        self.stamp = stamp
        self.fileName = fileName
    }
}

/// What an import did (or, for a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    public var kind: ImportKind
    /// The file as named in messages.
    public var fileName: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// Data rows read (blank rows such as `;;;` excluded).
    public var rowsInFile: Int
    /// Rows inserted.
    public var rowsNew: Int
    /// Rows whose key was already stored with equal content: skipped.
    public var rowsAlreadyPresent: Int
    /// The `import_batches` row written; nil when nothing new was written (or a dry run).
    public var batchID: Int64?
    /// True when everything was rolled back on purpose.
    public var dryRun: Bool

    /// "412 new, 3 already present".
    public var counts: String { "\(rowsNew) new, \(rowsAlreadyPresent) already present" }
}

/// Imports CSV files: one `BEGIN IMMEDIATE` transaction per file, whole file or nothing.
///
/// ```swift
/// let db = try LedgerDatabase.open(path: "hallbar.db", access: .write)
/// let summary = try Importer.importFile(.entries, path: "entries.csv", into: db,
///                                       options: ImportOptions(stamp: .now(by: "anna")))
/// print(summary.counts)   // "412 new, 3 already present"
/// ```
///
/// Rows are streamed (one reused `CSVRecord`), so memory does not grow with the file.
/// A row already stored with equal content is skipped; the same key with other content,
/// or twice in the file, is an error. New rows carry the batch id of the file's
/// `import_batches` row, written in the same transaction once its counts are known. When nothing is new, no
/// batch is recorded and the database is left exactly as it was.
public enum Importer {
    /// How much of the database file an entries import maps into memory (64 MiB).
    static let importMapBytes = 64 << 20

    /// How often (in rows) `progress` is called.
    public static let progressInterval = 100_000

    /// Imports the file at `path` as `kind`.
    /// - Parameter progress: called with the rows read so far, every `progressInterval` rows.
    /// - Returns: the counts; for a dry run, what would have been written.
    /// - Throws: `ImportFailure` (bad data: the first problems and their count; a missing
    ///   file; a kind not implemented), `SQLiteError` (busy, I/O). Nothing is written then.
    @discardableResult
    public static func importFile(_ kind: ImportKind, path: String, into db: Connection, options: ImportOptions,
                                  progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        let fileName = options.fileName ?? path
        guard let definition = kind.definition else {
            throw ImportFailure(reason: .notImplemented, InputProblem(
                file: fileName, message: "importing \(kind.rawValue) is not implemented yet in this hallbar"))
        }
        // The file's SHA-256 is computed on a thread of its own while the rows are read (a
        // missing or unopenable file is still refused first, here); an entries import needs it
        // when the last row has been read, for the batch row it writes before its rows.
        let digest = try ImportSource(path: path, fileName: fileName)  // issue 17: opened once, read and hashed from one descriptor
        defer { _ = digest.wait() }
        // Statement journals in memory for the import's transaction (SQLite decides when the
        // transaction begins), restored afterwards: past 64 KiB SQLite spills a statement
        // journal to a temporary file page by page (261 000 writes for 10⁵ entries when they
        // went in 64 rows a statement); in memory it holds at most the pages one statement
        // touches. Not for entries: they are streamed by one statement (EntryStream) whose
        // journal holds every page it changes that existed before it, so that one stays in a
        // file (flat memory) — also when a refused stream sends the file down the row-by-row
        // path, since the setting cannot change inside the transaction.
        // The stream reads pages of the file that existed before it (loans, projects, the
        // indexes' upper levels, for the lookups and triggers of every row) over and over as
        // the default page cache cycles: through a memory map they cost no system call and no
        // copy (SQLite never writes through the map). At most `importMapBytes` of the file are
        // mapped, so peak memory stays bounded whatever the ledger's size.
        let mapBytes = try db.scalarInt("PRAGMA mmap_size") ?? 0
        if definition.streamsRows { try db.execute("PRAGMA mmap_size = \(Self.importMapBytes)") }
        defer { if definition.streamsRows { try? db.execute("PRAGMA mmap_size = \(mapBytes)") } }
        let tempStore = try db.scalarInt("PRAGMA temp_store") ?? 0
        if !definition.streamsRows { try db.execute("PRAGMA temp_store = MEMORY") }
        defer { if !definition.streamsRows { try? db.execute("PRAGMA temp_store = \(tempStore)") } }
        do {
            return try db.inTransaction(.immediate) {
                // New rows point at a batch row written once the counts are known: last, or for
                // a stream before SQLite inserts its rows (`ImportContext.writeBatchRow`).
                try db.execute("PRAGMA defer_foreign_keys = ON")
                let batchID = (try db.scalarInt("SELECT max(batch_id) FROM import_batches") ?? 0) + 1
                var context = ImportContext(db: db, stamp: options.stamp, batchID: batchID, fileName: fileName,
                                            path: path, encoding: options.encoding)
                var summary: ImportSummary
                do {
                    summary = try run(definition, context: context, progress: progress, digest: digest)
                } catch is EntryStream.Refused {
                    // The database refused a streamed row and rolled that statement back: import
                    // the file again row by row, which names every refused row.
                    context = ImportContext(db: db, stamp: options.stamp, batchID: batchID, fileName: fileName,
                                            path: path, encoding: options.encoding)
                    context.streamRows = false
                    summary = try run(definition, context: context, progress: progress, digest: digest)
                }
                let sha256 = try digest.wait().get()
                try digest.requireUnchanged()  // issue 17: the bytes hashed are the bytes imported
                summary.sha256 = sha256
                summary.dryRun = options.dryRun
                if context.problemCount > 0 {
                    throw ImportFailure(problems: context.problems, totalProblems: context.problemCount)
                }
                if summary.rowsNew > 0 && context.batchRowWritten {
                    summary.batchID = batchID
                } else if summary.rowsNew > 0 {
                    try recordBatch(kind, context, sha256: sha256, rowsInFile: summary.rowsInFile, rowsNew: summary.rowsNew,
                                    rowsAlreadyPresent: summary.rowsAlreadyPresent)
                    summary.batchID = batchID
                }
                if options.dryRun { throw DryRunFinished(summary: summary) }
                return summary
            }
        } catch let finished as DryRunFinished {
            var summary = finished.summary
            summary.batchID = nil
            return summary
        }
    }

    /// Writes the file's `import_batches` row (its id, name, who and when from `context`).
    private static func recordBatch(_ kind: ImportKind, _ context: ImportContext, sha256: String, rowsInFile: Int, rowsNew: Int,
                                    rowsAlreadyPresent: Int) throws {
        try context.db.run(
            """
            INSERT INTO import_batches (batch_id, kind, file_name, file_sha256, rows_in_file, rows_new,
                rows_already_present, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [context.batchID, kind.rawValue, context.fileName, sha256, rowsInFile, rowsNew,
             rowsAlreadyPresent, context.stamp.at, context.stamp.by])
    }

    /// Thrown to roll a dry run back after everything was checked.
    private struct DryRunFinished: Error { var summary: ImportSummary }

    private static func run(_ definition: any ImportKindDefinition.Type, context: ImportContext,
                            progress: ((Int) -> Void)?, digest: ImportSource) throws -> ImportSummary {
        var summary = ImportSummary(kind: definition.kind, fileName: context.fileName, sha256: "", rowsInFile: 0,
                                    rowsNew: 0, rowsAlreadyPresent: 0, batchID: nil, dryRun: false)
        let reader: CSVReader
        let columns: CSVColumns
        do {
            reader = try digest.reader(encoding: context.encoding)  // issue 17: every pass reads the one open file
            columns = try CSVColumns(header: reader.header, headerLine: reader.headerLine,
                                     required: definition.requiredColumns, optional: definition.optionalColumns)
        } catch {
            throw failure(error, fileName: context.fileName)
        }
        context.decimalComma = reader.delimiter.usesDecimalComma
        var kind = try definition.init(context: context)
        // On an error, nothing may still be writing when the transaction rolls back.
        var completed = false
        defer { if !completed { kind.abandonPending() } }
        var record = CSVRecord()
        func settle() throws {
            let late = try kind.flushPending()
            summary.rowsNew += late.new
            summary.rowsAlreadyPresent += late.alreadyPresent
        }
        while true {
            do {
                guard try reader.next(into: &record) else { break }
            } catch {
                // Rows held back come first, so the problems stay in file order.
                try settle()
                if case .raggedRow = error.kind {
                    context.problem(line: error.line, column: nil, error.reason)
                    continue
                }
                if case .readFailed = error.kind { throw failure(error, fileName: context.fileName) }
                context.problem(line: error.line > 0 ? error.line : nil, column: nil, error.reason)
                break
            }
            if record.isBlank { continue }
            summary.rowsInFile += 1
            switch try kind.importRow(RowFields(record: record, columns: columns, context: context)) {
            case .new: summary.rowsNew += 1
            case .alreadyPresent: summary.rowsAlreadyPresent += 1
            case .refused, .deferred: break
            }
            if let progress, summary.rowsInFile % progressInterval == 0 { progress(summary.rowsInFile) }
        }
        if definition.streamsRows && context.problemCount == 0 {
            // The batch row, written by the stream before SQLite inserts its rows (they point
            // at it): with every row read and valid, a stream that goes in stores all of them.
            let sha256 = try digest.wait().get()
            let (rowsInFile, kind) = (summary.rowsInFile, definition.kind)
            context.writeBatchRow = { [unowned context] rowsNew in
                try recordBatch(kind, context, sha256: sha256, rowsInFile: rowsInFile, rowsNew: rowsNew, rowsAlreadyPresent: 0)
                context.batchRowWritten = true
            }
        }
        let late = try kind.endOfFile()
        summary.rowsNew += late.new
        summary.rowsAlreadyPresent += late.alreadyPresent
        completed = true
        if context.problemCount == 0 { try kind.finish(context) }
        return summary
    }

    /// The `ImportFailure` for a reader error: a file that cannot be opened is exit 66,
    /// a read error 74, everything else bad data.
    private static func failure(_ error: CSVError, fileName: String) -> ImportFailure {
        let problem = InputProblem(file: fileName, line: error.line > 0 ? error.line : nil, message: error.reason)
        switch error.kind {
        case .cannotOpen: return ImportFailure(reason: .unreadable, problem)
        case .readFailed: return ImportFailure(reason: .readError, problem)
        default: return ImportFailure(problem)
        }
    }

    /// SHA-256 of the file's bytes, read in 1 MiB chunks.
    /// - Throws: `ImportFailure` (`.unreadable`) when the file is missing or not a regular file.
    static func fileDigest(path: String, fileName: String) throws -> String {
        try digest(of: try openForDigest(path: path, fileName: fileName), fileName: fileName)
    }

    /// The file opened for reading (a file descriptor); `ImportFailure` when it is missing,
    /// a folder or unreadable.
    static func openForDigest(path: String, fileName: String) throws -> Int32 {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            throw ImportFailure(reason: .unreadable, InputProblem(file: fileName, message: "no such file"))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ImportFailure(reason: .unreadable, InputProblem(file: fileName, message: "cannot open the file for reading"))
        }
        return fd
    }

    /// The SHA-256 (hex) of everything read from `fd`, in 1 MiB chunks; closes it.
    static func digest(of fd: Int32, fileName: String) throws -> String {
        defer { _ = close(fd) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
                throw ImportFailure(reason: .readError, InputProblem(file: fileName, message: "read error: \(reason)"))
            }
            if count == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bytes: UnsafeRawBufferPointer(rebasing: $0[0 ..< count])) }
        }
        return hasher.hexDigest()
    }
}

/// `Importer.fileDigest` on a second thread: the file is opened at once (so a missing file
/// is refused before anything else), read and hashed while the import runs; `wait()`
/// returns the digest or the read error. Waiting more than once returns the same result.
final class FileDigestTask: Sendable {
    private let thread: BackgroundThread<Result<String, any Error>>

    init(path: String, fileName: String) throws {
        let fd = try Importer.openForDigest(path: path, fileName: fileName)
        thread = BackgroundThread { Result { try Importer.digest(of: fd, fileName: fileName) } }
    }

    func wait() -> Result<String, any Error> { thread.join() }
}
