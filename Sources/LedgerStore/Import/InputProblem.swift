/// One thing wrong with the input: where it is (file and line, or a command-line
/// option) and what is wrong.
///
/// `description` is the first line the command line prints:
/// `entries.csv:1042: column "amount_sek": "12,3,4" is not an amount: …`, or
/// `--amount: "12,3,4" is not an amount: …` for an option of a single record.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which field of the input a problem concerns.
    public enum Field: Sendable, Equatable {
        /// A column of an import file.
        case column(String)
        /// An option of a command (`--amount`), given without the dashes.
        case option(String)
    }

    /// The file as the user named it; nil for a command-line record.
    public var file: String?
    /// The 1-based line of the file; nil when the problem concerns the whole file.
    public var line: Int?
    /// The column or option; nil when the problem concerns the whole row or file.
    public var field: Field?
    /// What is wrong, e.g. `"12,3,4" is not an amount: more than one decimal separator`.
    public var message: String

    /// Creates a problem.
    public init(file: String? = nil, line: Int? = nil, field: Field? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = ""
        if let file {
            text += file
            if let line { text += ":\(line)" }
            text += ": "
        }
        switch field {
        case .column(let name)?: text += "column \"\(name)\": "
        case .option(let name)?: text += "--\(name): "
        case nil: break
        }
        return text + message
    }
}

/// A refused import or single record: nothing was written.
///
/// Holds the first `InputProblem`s (at most `ImportFailure.listLimit`) and how many
/// there were in all, so a user can fix a whole file in one pass.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// Why the input was refused; the command line maps it to an exit code.
    public enum Reason: Sendable, Equatable {
        /// The data is wrong (exit 65).
        case invalidData
        /// The file is missing or cannot be opened (exit 66).
        case unreadable
        /// Reading the file failed part-way (exit 74).
        case readError
        /// The kind cannot be imported by this hallbar yet (exit 70).
        case notImplemented
    }

    /// How many problems are listed; the rest are counted.
    public static let listLimit = 20

    /// Why.
    public var reason: Reason
    /// The first problems, in file order (at most `listLimit`).
    public var problems: [InputProblem]
    /// How many problems were found in all.
    public var totalProblems: Int

    /// A failure with the given problems (at least one).
    public init(reason: Reason = .invalidData, problems: [InputProblem], totalProblems: Int? = nil) {
        self.reason = reason
        self.problems = Array(problems.prefix(ImportFailure.listLimit))
        self.totalProblems = max(totalProblems ?? problems.count, self.problems.count)
    }

    /// A failure with one problem.
    public init(reason: Reason = .invalidData, _ problem: InputProblem) {
        self.init(reason: reason, problems: [problem])
    }

    /// The lines after the first: the other listed problems, then `… and N more`.
    public var detailLines: [String] {
        var lines = problems.dropFirst().map(\.description)
        if totalProblems > problems.count { lines.append("… and \(totalProblems - problems.count) more") }
        return lines
    }

    /// The first problem, or a generic line when there is none.
    public var firstLine: String { problems.first?.description ?? "the input was refused" }

    public var description: String { ([firstLine] + detailLines).joined(separator: "\n") }
}
