#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger

/// Who recorded a row and when: every write carries one.
public struct Stamp: Sendable, Equatable {
    /// The person (`--by NAME`, else the login name).
    public var by: String
    /// UTC timestamp, `YYYY-MM-DDTHH:MM:SS.SSSZ`.
    public var at: String

    /// A stamp for now, by `name` or, when it is nil or blank, the login name.
    public static func now(by name: String? = nil) -> Stamp {
        let trimmed = name?.trimmingScalars(where: \.isWhitespaceOrNewline) ?? ""
        return Stamp(by: trimmed.isEmpty ? loginName() : trimmed, at: utcTimestamp())
    }

    /// The login name of the process owner (passwd entry, else `$USER`, else "unknown").
    public static func loginName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        if let user = getenv("USER").map({ String(cString: $0) }), !user.isEmpty { return user }
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
        var text = date(parts)
        text += "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2)
        text += ":" + digits(Int(parts.tm_sec), 2) + "." + digits(millis, 3) + "Z"
        return text
    }

    /// Today's date in local time, `YYYY-MM-DD`.
    public static func today() -> String {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return date(parts)
    }

    /// `YYYY-MM-DD` of broken-down time.
    private static func date(_ parts: tm) -> String {
        digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
    }

    /// `value` in decimal with leading zeros up to `width` digits, as `%0*d` prints it.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value.magnitude)
        let padded = text.count < width ? String(repeating: "0", count: width - text.count - (value < 0 ? 1 : 0)) + text : text
        return value < 0 ? "-" + padded : padded
    }
}
