
/// The command line's entry point: parse, run, map failures to exit codes.
enum Hallbar {
    static let version = "0.1.0"

    static let root = CommandSpec(
        name: "hallbar",
        abstract: "A portfolio ledger for green loans and Loans for Social Sustainability.",
        discussion: """
            Records loans, disbursements, repayments, social projects and their indicators in one
            SQLite file, and reports the green and sustainable shares of lending, the social portfolio
            and the annual follow-up. Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing file or
            database, 69 busy, 70 internal, 73 cannot create, 74 I/O error.
            """,
        subcommands: Commands.all)

    static func main(_ arguments: [String]) -> Int32 {
        let parser = ArgumentParser(root: root)
        do {
            switch try parser.parse(arguments, environment: Files.environment) {
            case .version:
                Console.line(version)
                return ExitCode.success.rawValue
            case .help(let path):
                if path.count == 1, let topic = HelpTopics.topic(path[0]) {
                    Console.out(topic)
                    return ExitCode.success.rawValue
                }
                guard let spec = parser.spec(at: path) else {
                    let known = root.subcommands.map(\.name) + HelpTopics.topics.map(\.name)
                    throw UsageError(message: "Unknown command '\(path.joined(separator: " "))'"
                        + Suggestion.didYouMean(path.first ?? "", among: known), command: [])
                }
                Console.out(Help.text(for: spec, path: path))
                return ExitCode.success.rawValue
            case .manual:
                Console.out(Manual.roff(root: root))
                return ExitCode.success.rawValue
            case let .run(spec, invocation):
                try OptionText.check(invocation)
                try spec.run?(invocation)
                return ExitCode.success.rawValue
            }
        } catch let usage as UsageError {
            let spec = parser.spec(at: usage.command) ?? root
            Console.error(ErrorText.line("Error: \(usage.message)"))
            Console.error("Usage: \(Help.usageLine(for: spec, path: usage.command))")
            let helpPath = (["hallbar"] + usage.command).joined(separator: " ")
            Console.error("  See '\(helpPath) --help' for more information.")
            return ExitCode.usage.rawValue
        } catch {
            let failure = CLIError.from(error)
            Console.error(ErrorText.line("Error: \(failure.message)"))
            for line in failure.detail { Console.error(ErrorText.line("  \(line)")) }
            return failure.code.rawValue
        }
    }
}
