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

    /// The last component of a path ("/a/b/x.html" → "x.html"; "/" → "").
    static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The path with every symbolic link, `.` and `..` resolved (`realpath`), or nil when
    /// it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where the symbolic link at `path` points, as written in the link.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `a` and `b` name the same existing file or folder (device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
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
