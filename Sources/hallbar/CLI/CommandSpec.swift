
/// An option a command accepts: `--name <value>` or a flag `--name`.
struct OptionSpec: Sendable {
    /// The long name without dashes ("as-of").
    var name: String
    /// The value's placeholder ("date"); nil for a flag.
    var value: String?
    /// One line of help.
    var help: String
    /// A one-letter alias without the dash, if any.
    var short: Character? = nil

    static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, value: nil, help: help) }
    static func value(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: placeholder, help: help)
    }
}

/// What a command was called with, after parsing.
struct Invocation: Sendable {
    /// The command path ("report shares").
    var command: [String]
    /// Option values by long name; flags map to "".
    var options: [String: String]
    /// Positional arguments in order.
    var arguments: [String]
    /// The database path: `--db`, else `HALLBAR_DB`, else `./hallbar.db`.
    var databasePath: String

    /// The value of `--name`, or nil.
    func value(_ name: String) -> String? { options[name] }
    /// True when the flag `--name` was given.
    func flag(_ name: String) -> Bool { options[name] != nil }

    /// The value of a required option, or a usage error naming it.
    /// A value given but empty or only spaces (`--reason ""`) is refused as empty.
    func required(_ name: String) throws -> String {
        guard let v = options[name] else {
            throw UsageError(message: "Missing expected argument '--\(name)'", command: command)
        }
        guard v.contains(where: { !$0.isWhitespace }) else {
            throw UsageError(message: "'--\(name)' is empty: give a value", command: command)
        }
        return v
    }

    /// A usage error for this command.
    func usageError(_ message: String) -> UsageError { UsageError(message: message, command: command) }
}

/// One command or command group of the command line, with its help text.
struct CommandSpec: Sendable {
    /// The word that selects it ("shares" under "report").
    var name: String
    /// One line: what it does.
    var abstract: String
    /// Usage after the command path ("--as-of <date> [--compare <date>]").
    var usage: String = ""
    /// Paragraphs of help below the usage.
    var discussion: String = ""
    /// Options besides the global ones.
    var options: [OptionSpec] = []
    /// Names of positional arguments, for help and for counting.
    var positionals: [String] = []
    /// Subcommands of a group.
    var subcommands: [CommandSpec] = []
    /// The default subcommand of a group when none is named (`migrate` → `up`).
    var defaultSubcommand: String? = nil
    /// Runs the command; nil for a group, which prints its help.
    var run: (@Sendable (Invocation) throws -> Void)? = nil

    /// The options every command takes.
    static let globalOptions: [OptionSpec] = [
        .value("db", "path", "The ledger file (default: $HALLBAR_DB, else ./hallbar.db)."),
        OptionSpec(name: "help", value: nil, help: "Show help information.", short: "h"),
    ]
}
