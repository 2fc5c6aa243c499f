import SQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a backup was refused or failed.
public enum BackupError: Error, Sendable, CustomStringConvertible {
    /// The destination exists: a backup never overwrites a file.
    case destinationExists(path: String)
    /// The destination cannot be created (missing folder, permissions).
    case cannotCreate(path: String, reason: String)
    /// The copy was written but fails `integrity_check`; it was removed.
    case copyUnsound(path: String, problems: [String])

    public var description: String {
        switch self {
        case .destinationExists(let path):
            return "\(path) already exists: a backup never overwrites a file; choose a new name"
        case let .cannotCreate(path, reason):
            return "cannot create \(path): \(reason)"
        case let .copyUnsound(path, problems):
            return "the copy \(path) fails integrity_check and was removed: \(problems.prefix(3).joined(separator: "; "))"
        }
    }
}

/// A consistent copy of a live ledger.
public enum LedgerBackup {
    /// What was written.
    public struct Copy: Sendable {
        /// The copy's path.
        public let path: String
        /// The copy's ledger head, to keep with it.
        public let head: ChainHead
        /// The copy's size in bytes.
        public let bytes: Int64
    }

    /// Copies `db` to `destination` with SQLite's online backup API (a snapshot, safe while
    /// other processes write), checks the copy with `integrity_check` and computes its head.
    /// The file is created exclusively with permissions 0600.
    /// - Throws: `BackupError` (exists, cannot create, unsound copy), `SQLiteError`.
    static func write(_ db: Connection, to destination: String) throws -> Copy {
        let fd = open(destination, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { throw BackupError.destinationExists(path: destination) }
            throw BackupError.cannotCreate(path: destination, reason: String(cString: strerror(errno)))
        }
        _ = close(fd)
        do {
            try db.backup(to: destination)
            let copy = try Connection(path: destination, mode: .readOnly)
            defer { try? copy.close() }
            let problems = try copy.integrityProblems()
            guard problems.isEmpty else { throw BackupError.copyUnsound(path: destination, problems: problems) }
            let head = try ChainHead.read(in: copy)
            var status = stat()
            let size = stat(destination, &status) == 0 ? Int64(status.st_size) : 0
            return Copy(path: destination, head: head, bytes: size)
        } catch {
            LocalFiles.removeDatabase(destination)
            throw error
        }
    }
}

extension LedgerStore {
    /// Writes a consistent, checked copy of the ledger to `destination` (never over an
    /// existing file), with SQLite's online backup API: safe while other processes write.
    /// - Throws: `BackupError`, `SQLiteError`.
    public func backup(to destination: String) throws -> LedgerBackup.Copy {
        try LedgerBackup.write(db, to: destination)
    }
}
