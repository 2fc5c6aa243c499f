import Ledger

/// Command-line values checked by the same field rules as an import, refusals naming the
/// option (`--amount: "12,3,4" is not an amount: …`) as `ImportFailure`s (exit 65).
enum Options {
    /// A refusal of option `--name`.
    static func refusal(_ name: String, _ message: String) -> ImportFailure {
        ImportFailure(InputProblem(field: .option(name), message: message))
    }

    /// A refusal that concerns no single option (the record as a whole).
    static func refusal(_ message: String) -> ImportFailure {
        ImportFailure(InputProblem(message: message))
    }

    /// Applies a field rule to an option's value, turning its refusal into an `ImportFailure`.
    static func parse<T>(_ name: String, _ text: String, _ rule: (String) throws(FieldError) -> T) throws -> T {
        do throws(FieldError) { return try rule(text) } catch { throw refusal(name, error.message) }
    }

    /// A date option, YYYY-MM-DD.
    static func day(_ text: String, option: String) throws -> Day {
        do { return try Day.parse(text) } catch { throw refusal(option, error.description) }
    }

    /// `--reason`: not blank.
    static func reason(_ text: String) throws -> String {
        try parse("reason", text) { text throws(FieldError) in try FieldRules.nonBlank(text, what: "the reason") }
    }

    /// The date an amendment or decision takes effect: `--date`, else today; never in the
    /// future (the revision in force now is the latest one).
    static func effectiveDate(_ text: String?) throws -> Day {
        guard let text else { return Day.today() }
        let day = try self.day(text, option: "date")
        if day > Day.today() {
            throw refusal("date", "\(day) is in the future: a change is recorded when it has taken effect")
        }
        return day
    }
}
