import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long a connection waits for a lock another connection holds, and whom it tells.
///
/// Installed with `Connection.waitWhenBusy(_:)` instead of the plain busy timeout: SQLite
/// calls it each time it finds the database locked; it sleeps a little longer each time
/// (1, 2, 5, 10, 20, 50 ms, then 100 ms) until `seconds` have passed since the lock was
/// first found taken, and then gives up (the statement fails with SQLITE_BUSY). Once the
/// wait has lasted `noticeAfter` seconds it calls `notice` once, so a person at a terminal
/// learns why nothing happens.
///
/// The caller keeps the object alive as long as the connection is open.
public final class BusyWait: @unchecked Sendable {
    /// The longest wait, in seconds.
    public let seconds: Double
    /// When to call `notice`, in seconds of waiting.
    public let noticeAfter: Double
    private let notice: (() -> Void)?
    private var started = timespec()
    private var noticed = false

    /// A wait of `seconds` (0: give up at once), telling `notice` after `noticeAfter`.
    public init(seconds: Double, noticeAfter: Double = 2, notice: (() -> Void)? = nil) {
        self.seconds = max(0, seconds)
        self.noticeAfter = noticeAfter
        self.notice = notice
    }

    /// SQLite's busy callback: `count` is how often it was called for this lock before.
    /// - Returns: 1 to try again, 0 to give up.
    fileprivate func shouldRetry(count: Int32) -> Int32 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        if count == 0 {
            started = now
            noticed = false
        }
        let elapsed = Double(now.tv_sec - started.tv_sec) + Double(now.tv_nsec - started.tv_nsec) / 1e9
        if elapsed >= seconds { return 0 }
        if !noticed, elapsed >= noticeAfter {
            noticed = true
            notice?()
        }
        let steps: [Int32] = [1, 2, 5, 10, 20, 50]
        let sleepMilliseconds = Double(count < Int32(steps.count) ? steps[Int(count)] : 100)
        let remaining = (seconds - elapsed) * 1000
        let milliseconds = max(1, min(sleepMilliseconds, remaining))
        var pause = timespec(tv_sec: Int(milliseconds) / 1000, tv_nsec: (Int(milliseconds) % 1000) * 1_000_000)
        var left = timespec()
        while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
        return 1
    }
}

extension Connection {
    /// Waits for other connections' locks as `wait` says (replacing the busy timeout).
    /// `wait` must outlive the connection.
    public func waitWhenBusy(_ wait: BusyWait) {
        let context = Unmanaged.passUnretained(wait).toOpaque()
        sqlite3_busy_handler(handle, { context, count in
            guard let context else { return 0 }
            return Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue().shouldRetry(count: count)
        }, context)
    }
}
