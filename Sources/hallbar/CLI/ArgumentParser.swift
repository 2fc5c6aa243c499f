
/// Parses `hallbar [--db PATH] COMMAND [SUBCOMMAND] [OPTIONS] [ARGUMENTS]` by hand,
/// the way swift-argument-parser would: `--name value`, `--name=value`, flags,
/// `-h`/`--help` anywhere, `--` ending the options.
struct ArgumentParser {
    let root: CommandSpec

    /// What the parser decided to do.
    enum Outcome {
        case run(CommandSpec, Invocation)
        case help([String])
        /// `hallbar help --man`: the manual page in roff.
        case manual
        case version
    }

    func parse(_ arguments: [String], environment: (String) -> String?) throws -> Outcome {
        var path: [String] = []
        var spec = root
        var options: [String: String] = [:]
        var positionals: [String] = []
        var index = 0
        var wantsHelp = false
        var optionsEnded = false

        func optionSpec(_ name: String) -> OptionSpec? {
            (spec.options + CommandSpec.globalOptions).first { $0.name == name }
        }

        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if !optionsEnded && word == "--" { optionsEnded = true; continue }
            // A word that starts with "-" but whose name part holds white space is no option
            // (option names never do): SQL that starts with a comment, "-- total\nSELECT …".
            if !optionsEnded && word.hasPrefix("-") && ArgumentParser.isText(word) {
                positionals.append(word)
                continue
            }
            if !optionsEnded && (word == "--help" || word == "-h") { wantsHelp = true; continue }
            if !optionsEnded && path.isEmpty && word == "--version" { return .version }
            // An option given to a group with a default subcommand belongs to that subcommand
            // (`migrate --dry-run` is `migrate up --dry-run`).
            if !optionsEnded && word.hasPrefix("--") && spec.run == nil && !isGlobalOption(word),
               let name = spec.defaultSubcommand, let sub = spec.subcommands.first(where: { $0.name == name }) {
                path.append(name)
                spec = sub
            }
            if !optionsEnded && word.hasPrefix("--") && word.count > 2 {
                var name = String(word.dropFirst(2))
                var inline: String?
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let option = optionSpec(name) else {
                    let known = (spec.options + CommandSpec.globalOptions).map(\.name)
                    throw UsageError(message: "Unknown option '--\(name)'"
                        + Suggestion.didYouMean(name, among: known, prefix: "--"), command: path)
                }
                if option.value != nil {
                    if let inline {
                        options[name] = KeywordValues.normalized(name, inline)
                    } else {
                        guard index < arguments.count else {
                            throw UsageError(message: "Missing value for '--\(name) <\(option.value ?? "value")>'", command: path)
                        }
                        options[name] = KeywordValues.normalized(name, arguments[index])
                        index += 1
                    }
                } else {
                    guard inline == nil else {
                        throw UsageError(message: "Option '--\(name)' takes no value", command: path)
                    }
                    options[name] = ""
                }
                continue
            }
            if !optionsEnded && word.hasPrefix("-") && word.count > 1 && !isNumberLike(word) {
                throw UsageError(message: "Unknown option '\(word)'", command: path)
            }
            // A word: a subcommand while the current spec is a group, else a positional.
            if !spec.subcommands.isEmpty && positionals.isEmpty {
                if path.isEmpty && word == "help" {
                    if arguments[index...].contains("--man") { return .manual }
                    let rest = Array(arguments[index...]).filter { !$0.hasPrefix("-") }
                    return .help(rest.first == "help" ? [] : rest)
                }
                guard let sub = spec.subcommands.first(where: { $0.name == word }) else {
                    let what = path.isEmpty ? "command '\(word)'" : "subcommand '\(word)' of '\(path.joined(separator: " "))'"
                    let known = spec.subcommands.map(\.name) + (path.isEmpty ? ["help"] : [])
                    throw UsageError(message: "Unknown \(what)" + Suggestion.didYouMean(word, among: known), command: path)
                }
                path.append(word)
                spec = sub
                continue
            }
            positionals.append(word)
        }

        if wantsHelp { return .help(path) }
        if spec.run == nil, let name = spec.defaultSubcommand, let sub = spec.subcommands.first(where: { $0.name == name }) {
            path.append(name)
            spec = sub
        }
        guard spec.run != nil else { return .help(path) }
        if positionals.count > spec.positionals.count {
            throw UsageError(message: "Unexpected argument '\(positionals[spec.positionals.count])'", command: path)
        }
        if positionals.count < spec.positionals.count {
            throw UsageError(message: "Missing expected argument '<\(spec.positionals[positionals.count])>'", command: path)
        }
        let db = options["db"] ?? environment("HALLBAR_DB").flatMap { $0.isEmpty ? nil : $0 } ?? "hallbar.db"
        if db.isEmpty { throw UsageError(message: "'--db' needs a path", command: path) }
        return .run(spec, Invocation(command: path, options: options, arguments: positionals, databasePath: db))
    }

    /// True for a word whose part before any `=` holds white space: text, not an option.
    static func isText(_ word: String) -> Bool {
        let name = word.unicodeScalars.prefix { $0 != "=" }
        return name.contains { $0.properties.isWhitespace }
    }

    private func isGlobalOption(_ word: String) -> Bool {
        let name = word.dropFirst(2).split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        return CommandSpec.globalOptions.contains { $0.name == name }
    }

    private func isNumberLike(_ word: String) -> Bool {
        word.dropFirst().first.map { $0.isNumber } ?? false
    }

    /// The spec at a command path, or nil.
    func spec(at path: [String]) -> CommandSpec? {
        var spec = root
        for word in path {
            guard let sub = spec.subcommands.first(where: { $0.name == word }) else { return nil }
            spec = sub
        }
        return spec
    }
}
