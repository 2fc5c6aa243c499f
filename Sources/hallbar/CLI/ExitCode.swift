import LedgerStore

/// The exit codes of cli.md (sysexits), in one place.
enum ExitCode: Int32 {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cannotCreate = 73
    case ioError = 74
}

/// A failure the command line reports: an exit code, a first line that says what and
/// where, and optional detail lines.
struct CLIError: Error {
    var code: ExitCode
    var message: String
    var detail: [String] = []

    /// The command ran but something it checked does not hold (used by `verify`): exit 65.
    static func data(_ message: String, _ detail: [String] = []) -> CLIError {
        CLIError(code: .dataError, message: message, detail: detail)
    }
}

/// A mistake in how the command was called: exit 64 with the usage line.
struct UsageError: Error {
    var message: String
    /// The command path whose usage to print ("report shares").
    var command: [String]
}

extension CLIError {
    /// Maps any error of the lower layers to the exit code and message of cli.md.
    static func from(_ error: Error) -> CLIError {
        switch error {
        case let e as CLIError:
            return e
        case let e as StoreError:
            switch e {
            case .databaseMissing, .emptyDatabase, .notAFile, .hardLinked: return CLIError(code: .noInput, message: e.description)
            case .alreadyExists: return CLIError(code: .cannotCreate, message: e.description)
            default: return CLIError(code: .dataError, message: e.description)
            }
        case let e as ImportFailure:
            let code: ExitCode
            switch e.reason {
            case .invalidData: code = .dataError
            case .unreadable: code = .noInput
            case .readError: code = .ioError
            case .notImplemented: code = .software
            }
            let detail = e.detailLines + (e.reason == .notImplemented ? [] : ["nothing was written"])
            return CLIError(code: code, message: e.firstLine, detail: detail)
        case let e as MigrationError:
            return CLIError(code: .dataError, message: e.description)
        case let e as BackupError:
            switch e {
            case .destinationExists, .cannotCreate: return CLIError(code: .cannotCreate, message: e.description)
            case .copyUnsound: return CLIError(code: .ioError, message: e.description)
            }
        case let e as ReportError:
            return CLIError(code: .dataError, message: e.description)
        case let e as AuditQueryError:
            switch e {
            case .refused: return CLIError(code: .dataError, message: e.description)
            case .timedOut, .memoryLimit: return CLIError(code: .unavailable, message: e.description)
            }
        case let e as SumOverflow:
            return CLIError(code: .dataError, message: e.description)
        default:
            if let failure = DatabaseFailure(error) { return fromDatabase(failure) }
            return CLIError(code: .software, message: "internal error: \(error)")
        }
    }

    static func fromDatabase(_ e: DatabaseFailure) -> CLIError {
        switch e.kind {
        case .busy:
            return CLIError(
                code: .unavailable,
                message: "the database is busy: another process held it longer than the wait (--wait SECONDS); try again",
                detail: [e.detail])
        case .io:
            return CLIError(code: .ioError, message: "I/O error: \(e.message) (disk full or failing?); nothing was written", detail: [e.detail])
        case .corrupt:
            return CLIError(code: .dataError, message: "the database file is damaged or not a database: \(e.message)", detail: [e.detail])
        case .cannotOpen:
            return CLIError(code: .cannotCreate, message: "cannot open the database: \(e.message)", detail: [e.detail])
        case .constraint:
            return CLIError(code: .dataError, message: "refused by the schema: \(e.message)", detail: [e.detail])
        case .overflow:
            return CLIError(code: .dataError, message: SumOverflow().description, detail: [e.detail])
        case .readOnly:
            return CLIError(code: .dataError, message: "the database is read-only here: \(e.message)", detail: [e.detail])
        case .other:
            return CLIError(code: .software, message: "database error: \(e.message)", detail: [e.detail])
        }
    }
}
