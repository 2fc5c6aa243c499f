#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `--db` must name before SQLite opens it: a regular file with one name (symbolic
/// links followed; no second hard link), or nothing yet for `init`. A FIFO made SQLite wait for a writer forever, a folder gave
/// "disk full or failing?"; both are refused here with what the path is (exit 66).
public enum LedgerFileCheck {
    /// Refuses `path` when it exists and is not a regular file.
    /// - Throws: `StoreError.notAFile` naming what the path is.
    public static func requireRegularFile(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return }  // missing: the caller decides
        let what: String
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            // SQLite keeps the write-ahead log beside the name it was given: through two hard
            // links, two logs, and a write committed through one name is lost through the other.
            guard status.st_nlink <= 1 else {
                throw StoreError.hardLinked(path: path, links: Int(status.st_nlink))
            }
            return
        case S_IFDIR: what = "a folder"
        case S_IFIFO: what = "a FIFO (named pipe)"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR: what = "a character device"
        case S_IFBLK: what = "a block device"
        default: what = "not a regular file"
        }
        throw StoreError.notAFile(path: path, what: what)
    }
}
