#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `--db` must name before SQLite opens it: a regular file (symbolic links followed),
/// or nothing yet for `init`. A FIFO made SQLite wait for a writer forever, a folder gave
/// "disk full or failing?"; both are refused here with what the path is (exit 66).
public enum LedgerFileCheck {
    /// Refuses `path` when it exists and is not a regular file.
    /// - Throws: `StoreError.notAFile` naming what the path is.
    public static func requireRegularFile(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return }  // missing: the caller decides
        let what: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
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
