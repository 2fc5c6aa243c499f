#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way a report or list reaches a file (`--out`): it never writes into the ledger
/// the command reads, its `-wal`, `-shm` or `-journal`, any SQLite database or a SQLite
/// database's journal files, a folder, a device, a FIFO or a socket (exit 73 saying which),
/// and it writes a regular file atomically: into a new file beside the target, flushed, then
/// renamed over it. Readers see the old file or the whole new one.
///
/// Aliases are resolved before anything is compared: symbolic links are followed (the link
/// stays, its target is written), `.` and `..` are taken as the file system takes them, and
/// files are compared by device and inode, so a hard link or another path to the ledger is
/// the ledger. A journal file that does not exist yet is recognised by its name in the
/// ledger's (resolved) folder.
///
/// ```swift
/// try OutputFile.write(Array(text.utf8), to: "out/shares.txt", ledger: "hallbar.db")
/// ```
enum OutputFile {
    /// The suffixes of SQLite's files beside a database.
    static let journalSuffixes = ["-wal", "-shm", "-journal"]
    /// The first 16 bytes of every SQLite database file.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Writes `bytes` to `path` for a command that reads the ledger at `ledger`.
    /// - Throws: `CLIError` with exit 73 naming the target and why it is refused or failed.
    static func write(_ bytes: [UInt8], to path: String, ledger: String) throws {
        func refuse(_ why: String) -> CLIError {
            CLIError(code: .cannotCreate, message: "cannot write the report to \(path): \(why)")
        }
        let target = try resolve(Files.standardPath(path), refuse)
        if let why = try unsafe(target, ledger: ledger) { throw refuse(why) }
        do {
            try replace(target, with: bytes) {
                // Checked again just before the rename: the target may have changed meanwhile.
                if let why = try unsafe(target, ledger: ledger) { throw refuse(why) }
            }
        } catch let error as CLIError {
            throw error
        } catch let error as Files.Failure {
            throw refuse(error.reason)
        }
    }

    /// Refuses `path` as a target for a file hallbar makes itself (a backup copy) for the
    /// same reasons as `write`: the ledger, its `-wal`, `-shm` or `-journal` by any name, or
    /// something that is not a file. What exists already is for the caller to refuse.
    /// - Throws: `CLIError` with exit 73.
    static func requireSafe(_ path: String, ledger: String, what: String) throws {
        func refuse(_ why: String) -> CLIError { CLIError(code: .cannotCreate, message: "cannot write \(what) to \(path): \(why)") }
        let target = try resolve(Files.standardPath(path), refuse)
        if let why = try unsafe(target, ledger: ledger) { throw refuse(why) }
    }

    /// Where `path` really is: symbolic links followed to the last one (whose target may not
    /// exist yet), the folder resolved by `realpath`.
    static func resolve(_ path: String, _ refuse: (String) -> CLIError) throws -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else {
                let name = Files.lastComponent(current)
                guard !name.isEmpty, name != ".", name != ".." else {
                    return try realFolder(current, refuse: refuse)
                }
                let folder = try realFolder(Files.folder(ofStandardPath: current), refuse: refuse)
                return Files.join(folder, name)
            }
            guard let target = Files.linkTarget(current) else { throw refuse("cannot read the symbolic link \(current)") }
            current = target.hasPrefix("/") ? target : Files.join(Files.folder(ofStandardPath: current), target)
        }
        throw refuse("too many symbolic links")
    }

    private static func realFolder(_ folder: String, refuse: (String) -> CLIError) throws -> String {
        guard let real = Files.realPath(folder) else { throw refuse("there is no folder \(folder)") }
        guard Files.isDirectory(real) else { throw refuse("\(folder) is not a folder") }
        return real
    }

    /// Why `target` (a resolved path) must not be written, or nil when it may be.
    static func unsafe(_ target: String, ledger: String) throws -> String? {
        var status = stat()
        let exists = stat(target, &status) == 0
        if exists {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: return "it is a folder; --out writes a regular file"
            case S_IFIFO: return "it is a FIFO (named pipe); --out writes a regular file"
            case S_IFSOCK: return "it is a socket; --out writes a regular file"
            case S_IFCHR: return "it is a character device; --out writes a regular file"
            case S_IFBLK: return "it is a block device; --out writes a regular file"
            default: return "it is not a regular file"
            }
        }
        // The ledger and its journal files: by device and inode where they exist, by name
        // in the ledger's real folder where they do not (yet).
        let ledgerFile = Files.realPath(ledger) ?? Files.standardPath(ledger)
        let ledgerName = Files.lastComponent(ledgerFile)
        let ledgerFolder = Files.folder(ofStandardPath: ledgerFile)
        for suffix in [""] + journalSuffixes {
            let file = ledgerFile + suffix
            let what = suffix.isEmpty ? "it is the ledger this command reads (\(ledger))" : "it is the ledger's \(ledgerName + suffix)"
            var other = stat()
            if exists, stat(file, &other) == 0, other.st_dev == status.st_dev, other.st_ino == status.st_ino { return what }
            if Files.lastComponent(target) == ledgerName + suffix, Files.sameFile(Files.folder(ofStandardPath: target), ledgerFolder) {
                return what
            }
        }
        if exists, isSQLiteFile(target) { return "it is a SQLite database; --out never replaces one" }
        // The journal of another SQLite database beside it.
        let name = Files.lastComponent(target)
        for suffix in journalSuffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            let database = String(target.dropLast(suffix.count))
            if isSQLiteFile(database) {
                return "\(name) belongs to the SQLite database \(Files.lastComponent(database)); --out never writes one's journal"
            }
        }
        return nil
    }

    /// True when `path` is a regular file that starts with SQLite's header.
    static func isSQLiteFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: sqliteHeader.count)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return count == sqliteHeader.count && header == sqliteHeader
    }

    /// Writes `bytes` into a new file beside `target` (its permissions kept when it exists,
    /// else 0666 less the umask), flushes it, runs `lastCheck`, renames it over `target`.
    /// - Throws: `Files.Failure` with the `errno` of the call that failed, or what
    ///   `lastCheck` throws; the new file is removed then.
    static func replace(_ target: String, with bytes: [UInt8], lastCheck: () throws -> Void) throws {
        let folder = Files.folder(ofStandardPath: target)
        let prefix = Files.join(folder, "." + Files.lastComponent(target) + ".hallbar-")
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            temporary = prefix + String(decoding: (0..<8).map { _ in letters.randomElement()! }, as: UTF8.self)
            fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Files.Failure(code: errno) }
        var failure: Int32 = 0
        var old = stat()
        if stat(target, &old) == 0, fchmod(fd, old.st_mode & 0o7777) != 0 { failure = errno }
        if failure == 0 {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    offset += n
                }
            }
        }
        if failure == 0, fsync(fd) != 0, errno != EINVAL { failure = errno }
        close(fd)
        do {
            if failure != 0 { throw Files.Failure(code: failure) }
            try lastCheck()
            if rename(temporary, target) != 0 { throw Files.Failure(code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
