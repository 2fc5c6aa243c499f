import CSQLite

/// Limits for SQL that someone else wrote (`hallbar query`): a progress handler that can
/// stop a statement (a timeout), and SQLite's process-wide heap limit (a runaway recursive
/// query fails with `SQLITE_NOMEM` instead of exhausting the machine).
extension Connection {
    /// Calls `shouldStop` every `instructions` virtual-machine instructions while a
    /// statement of this connection runs; when it returns true the statement stops with
    /// `SQLITE_INTERRUPT` (`SQLiteError.isInterrupt`). `nil` removes the handler.
    ///
    /// ```swift
    /// let deadline = now + 60
    /// db.setProgressHandler(every: 10_000) { now > deadline }
    /// ```
    public func setProgressHandler(every instructions: Int32, _ shouldStop: (() -> Bool)?) {
        guard let shouldStop else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            progressBox = nil
            return
        }
        let box = ProgressBox(shouldStop)
        progressBox = box
        sqlite3_progress_handler(handle, max(1, instructions), { context in
            guard let context else { return 0 }
            return Unmanaged<ProgressBox>.fromOpaque(context).takeUnretainedValue().shouldStop() ? 1 : 0
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Sets SQLite's hard heap limit for the whole process (`sqlite3_hard_heap_limit64`): an
    /// allocation that would pass it fails, and the statement with `SQLITE_NOMEM`. 0 removes
    /// the limit; a negative value only reads it.
    /// - Returns: the limit before the call.
    @discardableResult
    public static func setHardHeapLimit(_ bytes: Int64) -> Int64 {
        sqlite3_hard_heap_limit64(bytes)
    }

    /// The bytes SQLite has allocated now, in the whole process.
    public static var memoryUsed: Int64 { sqlite3_memory_used() }

    /// The highest `memoryUsed` since the last reset (`reset: true` starts again from now).
    public static func memoryHighwater(reset: Bool = false) -> Int64 { sqlite3_memory_highwater(reset ? 1 : 0) }
}

/// The closure of a progress handler, kept alive by its connection.
final class ProgressBox {
    let shouldStop: () -> Bool
    init(_ shouldStop: @escaping () -> Bool) { self.shouldStop = shouldStop }
}
