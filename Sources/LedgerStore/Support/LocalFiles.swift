#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls the store makes besides SQLite's, with POSIX calls (what
/// `FileManager` did, without loading Foundation).
enum LocalFiles {
    /// True when `path` names something (symbolic links followed, as `fileExists(atPath:)`).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Removes the file at `path`; a missing file is no error.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Removes a database file and the journal, WAL and shared-memory files beside it.
    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { remove(path + suffix) }
    }

    /// The folder for temporary files: `$TMPDIR`, else `/tmp`.
    static var temporaryDirectory: String {
        if let value = getenv("TMPDIR").map({ String(cString: $0) }), !value.isEmpty { return value }
        return "/tmp"
    }

    /// `name` in the temporary folder.
    static func temporaryPath(_ name: String) -> String {
        let folder = temporaryDirectory
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
