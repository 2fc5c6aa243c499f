import LedgerStore

/// Opening the ledger the way every command does: `--db`, `--wait`, and a word on a
/// terminal when a writer has to wait for another.
enum StoreAccess {
    /// `--wait SECONDS` on every command that writes.
    static let waitOption = OptionSpec.value(
        "wait", "seconds", "Wait this long for another writer to finish (default 60); then exit 69.")

    /// Opens the ledger to read.
    static func read(_ invocation: Invocation) throws -> LedgerStore {
        try LedgerStore.open(path: invocation.databasePath, access: .read)
    }

    /// Opens the ledger to write, waiting for another writer as `--wait` says.
    static func write(_ invocation: Invocation) throws -> LedgerStore {
        let seconds = try wait(invocation)
        let path = invocation.databasePath
        let notice: (() -> Void)? = Console.stderrIsTerminal ? {
            // The lock's holder may be any program (sqlite3, a backup tool), not only hallbar.
            Console.error("Waiting for another process writing to \(path) to finish (up to \(Int(seconds)) s; --wait changes this) …")
        } : nil
        return try LedgerStore.open(path: path, access: .write, wait: seconds, notice: notice)
    }

    /// The `--wait` value in seconds, or a usage error.
    static func wait(_ invocation: Invocation) throws -> Double {
        guard let text = invocation.value("wait") else { return LedgerStore.defaultWaitSeconds }
        guard let seconds = Double(text), seconds >= 0, seconds <= 86_400 else {
            throw invocation.usageError("'--wait' needs a number of seconds (0-86400), not '\(text)'")
        }
        return seconds
    }

    /// Opens the ledger to write and runs `body` in one write transaction by `--by`.
    static func writing<T>(_ invocation: Invocation, _ body: (LedgerWrite) throws -> T) throws -> T {
        let store = try write(invocation)
        defer { store.close() }
        return try store.write(by: invocation.value("by"), body)
    }

    /// `--reason`: its text, or "" when absent (the store refuses an empty reason with exit 65).
    static func reason(_ invocation: Invocation) -> String { invocation.value("reason") ?? "" }
}
