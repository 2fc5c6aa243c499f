#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Under a file-size limit (`ulimit -f`) the kernel sends SIGXFSZ, whose default action
// kills the process mid-write; ignored, the write fails with EFBIG, SQLite reports an
// I/O error and rolls back, and hallbar exits 74 with a message.
signal(SIGXFSZ, SIG_IGN)
let status = Hallbar.main(Array(CommandLine.arguments.dropFirst()))
Console.flush()
exit(status)
