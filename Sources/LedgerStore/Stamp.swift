import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who recorded a row and when: every write carries one.
public struct Stamp: Sendable, Equatable {
    /// The person (`--by NAME`, else the login name).
    public var by: String
    /// UTC timestamp, `YYYY-MM-DDTHH:MM:SS.SSSZ`.
    public var at: String

    /// A stamp for now, by `name` or, when it is nil or blank, the login name.
    public static func now(by name: String? = nil) -> Stamp {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return Stamp(by: trimmed.isEmpty ? loginName() : trimmed, at: utcTimestamp())
    }

    /// The login name of the process owner (passwd entry, else `$USER`, else "unknown").
    public static func loginName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return "unknown"
    }

    /// The current time as `YYYY-MM-DDTHH:MM:SS.SSSZ` in UTC.
    public static func utcTimestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int(now.tv_nsec / 1_000_000)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// Today's date in local time, `YYYY-MM-DD`.
    public static func today() -> String {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
