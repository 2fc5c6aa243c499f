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
    /// Who imports (`--by`, else the login name).
    public var by: String?
    /// The name used in messages and `import_batches.file_name` (default: the path).
    public var fileName: String?
    /// `--amend --reason TEXT [--date D]`: rows whose key exists with other content become
    /// revisions with this reason, taking effect on this date (today when nil).
    public var amend: (reason: String, date: String?)?
    /// The SHA-256 (hex) to record as the file's (`import_batches.file_sha256`) instead of
    /// that of the bytes read, when those are a conversion of the file the user gave: a
    /// workbook's sheet handed over as CSV records the workbook's digest.
    public var sourceSHA256: String?
    /// The stamp to use instead of the time the lock is taken (tests).
    var stamp: Stamp?

    /// Options for an import by `by`.
    public init(encoding: CSVEncoding = .utf8, dryRun: Bool = false, by: String? = nil, fileName: String? = nil,
                amend: (reason: String, date: String?)? = nil) {
        self.encoding = encoding
        self.dryRun = dryRun
        self.by = by
        self.fileName = fileName
        self.amend = amend
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
    /// Rows that became revisions of records already there (`--amend`).
    public var rowsAmended: Int
    /// Rows whose key was already stored with equal content: skipped.
    public var rowsAlreadyPresent: Int
    /// The revisions recorded, one line each ("project 12: revision 2 (status approved → withdrawn)").
    public var amendments: [String]
    /// Notes about rows that were not problems (a row that repeats an earlier revision),
    /// at most `ImportFailure.listLimit`, and how many there were in all.
    public var notes: [String] = []
    public var noteCount = 0
    /// The `import_batches` row written; nil when nothing new was written (or a dry run).
    public var batchID: Int64?
    /// True when everything was rolled back on purpose.
    public var dryRun: Bool

    /// "412 new, 3 already present" (and "2 amended" when there are).
    public var counts: String {
        "\(rowsNew) new, " + (rowsAmended > 0 ? "\(rowsAmended) amended, " : "") + "\(rowsAlreadyPresent) already present"
    }
}

/// Imports CSV files: one `BEGIN IMMEDIATE` transaction per file, whole file or nothing.
///
/// Rows are streamed (one reused `CSVRecord`), so memory does not grow with the file.
/// A row already stored with equal content is skipped; the same key with other content is
/// an error, or with `--amend` a new revision; a key twice in the file is an error. New
/// rows carry the batch id of the file's `import_batches` row, written last, after them,
/// so that its link covers the whole file. When nothing changes, no batch is recorded and
/// the database is left exactly as it was.
extension LedgerStore {
    /// How often (in rows) `progress` is called.
    public static let progressInterval = 100_000

    /// Imports the file at `path` as `kind`.
    /// - Parameter progress: called with the rows read so far, every `progressInterval` rows.
    /// - Returns: the counts; for a dry run, what would have been written.
    /// - Throws: `ImportFailure` (bad data: the first problems and their count; a missing
    ///   file), `SQLiteError` (busy, I/O). Nothing is written then.
    @discardableResult
    public func importFile(_ kind: ImportKind, path: String, options: ImportOptions,
                           progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        let fileName = options.fileName ?? path
        let definition = kind.definition
        if options.amend != nil, !definition.amendable {
            throw ImportFailure(InputProblem(file: fileName, message: "\(kind.rawValue) cannot be amended: "
                + (kind == .entries ? "an entry is corrected by a reversal ('hallbar reverse')" : "import it without --amend")))
        }
        // The file's SHA-256 is computed on a thread of its own while the rows are read (a
        // missing or unopenable file is still refused first, here); an entries import needs it
        // when the last row has been read, for the batch row it writes before its rows.
        // issue 17: opened once, read and hashed from one descriptor
        let digest = try ImportSource(path: path, fileName: fileName, sha256: options.sourceSHA256)
        defer { _ = digest.wait() }
        // Statement journals in memory for the small kinds (restored afterwards); entries are
        // streamed by one statement whose journal stays in a file (flat memory). The pages of
        // the file that existed before the stream (loans, the indexes' upper levels), read over
        // and over, stay in the writing connection's page cache (32 MiB,
        // `Connection.pageCacheKibibytes`); a memory map of the file, used before that cache,
        // added every mapped page to the import's peak memory (122 MiB into a ledger of
        // 400 000 entries), so it is gone.
        let tempStore = try db.scalarInt("PRAGMA temp_store") ?? 0
        if !definition.streamsRows { try db.execute("PRAGMA temp_store = MEMORY") }
        defer { if !definition.streamsRows { try? db.execute("PRAGMA temp_store = \(tempStore)") } }
        let body = { (tx: LedgerWrite) throws -> ImportSummary in
            var summary = try Importer.run(definition, tx: tx, path: path, fileName: fileName, options: options,
                                           progress: progress, digest: digest)
            summary.dryRun = options.dryRun
            return summary
        }
        if options.dryRun {
            var summary = try rehearse(by: options.by, stamp: options.stamp, body)
            summary.batchID = nil
            return summary
        }
        return try write(stamp: options.stamp, by: options.by, body)
    }
}

/// The import driver: reads the file row by row and hands each row to its kind.
enum Importer {
    static func run(_ definition: any ImportKindDefinition.Type, tx: LedgerWrite, path: String, fileName: String,
                    options: ImportOptions, progress: ((Int) -> Void)?, digest: ImportSource) throws -> ImportSummary {
        let batchID = (try tx.db.scalarInt("SELECT max(batch_id) FROM import_batches") ?? 0) + 1
        let amend = try options.amend.map { (reason: try Options.reason($0.reason), date: try Options.effectiveDate($0.date)) }
        var context = ImportContext(tx: tx, batchID: batchID, fileName: fileName, path: path, encoding: options.encoding, amend: amend)
        var summary: ImportSummary
        do {
            summary = try readFile(definition, context: context, progress: progress, digest: digest)
        } catch is EntryStream.Refused {
            // The database refused a streamed row and rolled that statement back: import the
            // file again row by row, which names every refused row.
            context = ImportContext(tx: tx, batchID: batchID, fileName: fileName, path: path, encoding: options.encoding, amend: amend)
            context.streamRows = false
            summary = try readFile(definition, context: context, progress: progress, digest: digest)
        }
        let sha256 = try digest.wait().get()
        try digest.requireUnchanged()  // the bytes hashed are the bytes imported
        summary.sha256 = sha256
        summary.amendments = context.amendments
        summary.notes = context.notes
        summary.noteCount = context.noteCount
        if context.problemCount > 0 {
            throw ImportFailure(problems: context.problems, totalProblems: context.problemCount)
        }
        let changed = summary.rowsNew + summary.rowsAmended
        if changed > 0 && context.batchRowWritten {
            summary.batchID = batchID
        } else if changed > 0 {
            try recordBatch(definition.kind, context, sha256: sha256, rowsInFile: summary.rowsInFile, rowsNew: summary.rowsNew,
                            rowsAmended: summary.rowsAmended, rowsAlreadyPresent: summary.rowsAlreadyPresent)
            summary.batchID = batchID
        }
        return summary
    }

    /// One row of `import_batches`: written after the file's rows, so its link covers them.
    struct BatchRow: ChainRow {
        static let table = ChainedTable.importBatches
        let id: Int64
        let kind: ImportKind
        let fileName: String
        let sha256: String
        let rowsInFile: Int
        let rowsNew: Int
        let rowsAmended: Int
        let rowsAlreadyPresent: Int
        let amend: (reason: String, date: Day)?
        let stamp: Stamp

        func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
            sink.integer(seq)
            sink.integer(id)
            try sink.text(kind.rawValue)
            try sink.text(fileName)
            try sink.text(sha256)
            sink.integer(Int64(rowsInFile))
            sink.integer(Int64(rowsNew))
            sink.integer(Int64(rowsAmended))
            sink.integer(Int64(rowsAlreadyPresent))
            sink.integer(amend == nil ? 0 : 1)
            try sink.text(amend?.date.description)
            try sink.text(amend?.reason)
            try stamp.write(to: &sink)
        }
    }

    /// Writes the file's `import_batches` row.
    static func recordBatch(_ kind: ImportKind, _ context: ImportContext, sha256: String, rowsInFile: Int, rowsNew: Int,
                            rowsAmended: Int, rowsAlreadyPresent: Int) throws {
        try context.tx.chain.append(BatchRow(
            id: context.batchID, kind: kind, fileName: context.fileName, sha256: sha256, rowsInFile: rowsInFile,
            rowsNew: rowsNew, rowsAmended: rowsAmended, rowsAlreadyPresent: rowsAlreadyPresent, amend: context.amend,
            stamp: context.stamp))
    }

    private static func readFile(_ definition: any ImportKindDefinition.Type, context: ImportContext,
                             progress: ((Int) -> Void)?, digest: ImportSource) throws -> ImportSummary {
        var summary = ImportSummary(kind: definition.kind, fileName: context.fileName, sha256: "", rowsInFile: 0, rowsNew: 0,
                                    rowsAmended: 0, rowsAlreadyPresent: 0, amendments: [], batchID: nil, dryRun: false)
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
            case .amended: summary.rowsAmended += 1
            case .alreadyPresent: summary.rowsAlreadyPresent += 1
            case .refused, .deferred: break
            }
            if let progress, summary.rowsInFile % LedgerStore.progressInterval == 0 { progress(summary.rowsInFile) }
        }
        if definition.streamsRows && context.problemCount == 0 {
            // The batch row, written by the stream once SQLite has every row and before it
            // inserts them (they point at it); its seq comes after theirs.
            let sha256 = try digest.wait().get()
            let (rowsInFile, kind) = (summary.rowsInFile, definition.kind)
            context.writeBatchRow = { [unowned context] rowsNew in
                try recordBatch(kind, context, sha256: sha256, rowsInFile: rowsInFile, rowsNew: rowsNew, rowsAmended: 0,
                                rowsAlreadyPresent: 0)
                context.batchRowWritten = true
            }
        }
        // HALLBAR_IMPORT_TIMES=1: how long the end of the stream and the checks after the file took.
        var times = PhaseTimes("import times", variable: "HALLBAR_IMPORT_TIMES")
        defer { times.finish() }
        let late = try kind.endOfFile()
        summary.rowsNew += late.new
        summary.rowsAlreadyPresent += late.alreadyPresent
        completed = true
        times.mark("end of stream")
        if context.problemCount == 0 { try kind.finish(context) }
        times.mark("checks after the file")
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
