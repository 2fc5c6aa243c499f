#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long each part of a command took, when a developer asks with an environment variable
/// (`HALLBAR_IMPORT_TIMES`, `HALLBAR_VERIFY_TIMES`; docs/performance.md): `mark` notes the time
/// since the previous mark, `finish` prints one line to standard error. Without the variable it
/// records and prints nothing.
struct PhaseTimes {
    private let title: String
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private var parts: [String] = []
    private let enabled: Bool

    init(_ title: String, variable: String) {
        self.title = title
        enabled = getenv(variable) != nil
        last = clock.now
    }

    /// Notes the part that ends now.
    mutating func mark(_ part: String) {
        guard enabled else { return }
        let now = clock.now
        parts.append("\(part) \(now - last)")
        last = now
    }

    /// Prints "TITLE: part 0.12 seconds, part …".
    func finish() {
        guard enabled, !parts.isEmpty else { return }
        let line = "\(title): \(parts.joined(separator: ", "))\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
