#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few questions the commands ask the file system, answered with `stat(2)`.
enum Files {
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

    /// The system's text for `errno`-style code `code`.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
