#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few things the commands ask of the file system and the environment, with POSIX
/// calls (what `FileManager`, `URL`, `Data.write` and `ProcessInfo` did, without loading
/// Foundation at start-up).
enum Files {
    /// A failed system call: its `errno`.
    struct Failure: Error {
        let code: Int32
        /// The system's text for the error ("Permission denied").
        var reason: String { Files.message(code) }
    }

    /// The value of environment variable `name`, if set.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// True when `path` names something (symbolic links followed, as `fileExists(atPath:)`).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// True when `path` names a folder (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The size in bytes of what `path` names, or nil when it does not exist; a symbolic
    /// link is not followed (its own size, as `FileManager.attributesOfItem` gives it).
    static func size(_ path: String) -> Int64? {
        var status = stat()
        return lstat(path, &status) == 0 ? Int64(status.st_size) : nil
    }

    /// `name` inside `folder`, as `NSString.appendingPathComponent` joins them here: a
    /// slash between them unless the folder is empty or already ends with one.
    static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `path` as `URL(fileURLWithPath:).path` spells it: a leading `~` or `~/` expanded to
    /// the home folder; an absolute path kept as written but for trailing slashes; a
    /// relative one made absolute from the current folder with its `.` and `..` components
    /// resolved by name. It differs from `URL` only for a path ending in `..`.
    ///
    /// ```swift
    /// Files.standardPath("out/./x.html")   // "/home/me/out/x.html" in /home/me
    /// ```
    static func standardPath(_ path: String) -> String {
        var text = path
        if text == "~" || text.hasPrefix("~/") { text = homeFolder() + text.dropFirst() }
        if text.hasPrefix("/") {
            while text.count > 1, text.hasSuffix("/") { text.removeLast() }
            return text
        }
        text = currentFolder() + "/" + text
        var parts: [Substring] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        while let last = parts.last, last.isEmpty, parts.count > 0 { parts.removeLast() }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder of a standard (absolute) path, as `URL.deletingLastPathComponent` gives
    /// it: "/a/b/x.html" → "/a/b", "/x" → "/".
    static func folder(ofStandardPath path: String) -> String {
        var folder = Substring(path)
        guard let slash = folder.lastIndex(of: "/") else { return "/" }
        folder = folder[..<slash]
        while folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Writes `bytes` to `path` atomically, as `Data.write(to:options: .atomic)` does: into
    /// a new file beside it (mode 0666 less the umask), flushed with `fsync`, then renamed
    /// over `path`. Readers see the old file or the whole new one, never a part.
    /// - Throws: `Failure` with the `errno` of the call that failed; the temporary file is removed.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let folder = folder(ofStandardPath: path)
        let prefix = (folder == "/" ? "/" : folder + "/") + ".dat.nosync" + String(getpid(), radix: 16, uppercase: true) + "."
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<7 {
            temporary = prefix + String(decoding: (0..<6).map { _ in letters.randomElement()! }, as: UTF8.self)
            fd = open(temporary, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Failure(code: errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, !bytes.isEmpty, fsync(fd) != 0, errno != EINVAL { failure = errno }
        close(fd)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Failure(code: failure)
        }
    }

    /// The system's text for `errno`-style code `code`.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    private static func currentFolder() -> String {
        guard let buffer = getcwd(nil, 0) else { return "." }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    private static func homeFolder() -> String {
        if let home = environment("HOME"), !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }
}
