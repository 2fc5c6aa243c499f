#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: stdout for results, stderr for errors and progress.
/// Stdout is buffered (large reports), stderr is written at once.
enum Console {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    /// Writes `text` to stdout as is.
    static func out(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flushOut() }
    }
    /// Writes `bytes` (a workbook) to stdout as they are.
    static func out(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flushOut() }
    }
    /// Writes `text` and a newline to stdout.
    static func line(_ text: String = "") { out(text + "\n") }
    /// Writes `text` and a newline to stderr (after what stdout holds, to keep order on a terminal).
    static func error(_ text: String) {
        flushOut()
        writeAll(Array((text + "\n").utf8), to: STDERR_FILENO)
    }

    /// Flushes the stdout buffer.
    static func flush() { flushOut() }

    /// Seconds spent so far writing stdout (mostly waiting for a pipe or a terminal to take
    /// it): `query`'s timeout does not count them.
    nonisolated(unsafe) private(set) static var secondsWritingStdout: Double = 0

    private static func flushOut() {
        guard !buffer.isEmpty else { return }
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        writeAll(buffer, to: STDOUT_FILENO)
        clock_gettime(CLOCK_MONOTONIC, &end)
        secondsWritingStdout += Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// True when stdout is a terminal (colour, tables by default).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    /// True when stderr is a terminal (progress lines).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
