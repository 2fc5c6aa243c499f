import Ledger
import SQLite

/// One row of `projects` (revision 1 of a project: the committee's decision).
struct ProjectRow: ChainRow {
    static let table = ChainedTable.projects
    let number: Int64
    /// Every column after project_number up to social_goals, in table order.
    let values: [SQLValue]
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        sink.integer(number)
        for value in values {
            switch value {
            case .integer(let v): sink.integer(v)
            case .text(let t): try sink.text(t)
            default: sink.null()
            }
        }
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// `projects`: the committee's decisions on green and social projects.
///
/// Optional columns: total_cost_sek, framework_version (green), basic_requirements,
/// physical_investment, social_intervention, social_goals (social) and slide_label
/// (accepted for the seeds' sake but not stored: the schema has no column for it; still
/// under the free-text rule, so a file with a hostile label is refused as any other).
struct ProjectsImport: ImportKindDefinition {
    static let kind = ImportKind.projects
    static let requiredColumns = ["project_number", "programme", "borrower_org_no", "title", "category",
                                  "investment_type", "approved_sek", "decision_date", "status"]
    static let optionalColumns = ["total_cost_sek", "framework_version", "basic_requirements", "physical_investment",
                                  "social_intervention", "social_goals", "slide_label"]

    let context: ImportContext

    init(context: ImportContext) throws {
        self.context = context
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let number = row.required("project_number") { text throws(FieldError) in
            try FieldRules.integer(text, in: 1...Int64.max, what: "a project number")
        }
        let programme = row.required("programme") { text throws(FieldError) in
            try FieldRules.token(text, Programme.self, allowed: [.green, .social])
        }
        let borrower = row.required("borrower_org_no", FieldRules.orgNumber)
        let title = row.nonBlank("title")
        let approved = row.required("approved_sek") { [context] text throws(FieldError) in
            try FieldRules.positiveAmount(text, decimalComma: context.decimalComma)
        }
        let decided = row.required("decision_date", FieldRules.day)
        let status = row.required("status") { text throws(FieldError) in try FieldRules.token(text, ProjectStatus.self) }
        let totalCost = row.optional("total_cost_sek") { [context] text throws(FieldError) in
            try FieldRules.positiveAmount(text, decimalComma: context.decimalComma)
        }
        let slideLabel = row.optional("slide_label") { text throws(FieldError) in try FieldRules.freeText(text, what: "the slide label") }
        guard let number, let programme, let borrower, let title, let approved, let decided, let status,
              let totalCost, slideLabel != nil else { return .refused }
        if let totalCost, totalCost < approved {
            row.problem("total_cost_sek", "the project's total cost is below its approved amount")
        }
        guard let programmeColumns = programmeColumns(row, programme) else { return .refused }
        guard try context.db.scalarInt("SELECT count(*) FROM borrowers WHERE org_no = ?", [borrower]) == 1 else {
            row.problem("borrower_org_no", "no borrower \(borrower): import the borrower first (borrowers.csv)")
            return .refused
        }
        var values: [SQLValue] = [.text(programme.rawValue), .text(borrower), .text(title)]
        values += programmeColumns.head
        values += [.integer(approved), .text(decided), .text(status.rawValue), programmeColumns.framework,
                   totalCost.map(SQLValue.integer) ?? .null]
        values += programmeColumns.tail
        return try context.store(ProjectRow(number: number, values: values, stamp: context.stamp, batchID: context.batchID),
                                 kind: .project, key: String(number), label: "project \(number)", line: row.line)
    }

    /// The columns that depend on the programme: category and investment type (head),
    /// framework version, the five basic requirements and the three social texts (tail).
    private func programmeColumns(_ row: RowFields, _ programme: Programme)
        -> (head: [SQLValue], framework: SQLValue, tail: [SQLValue])? {
        // The category as stored: a social category's Swedish name, a green category's token.
        let written = row.text("category")
        let category = ProjectCategory.parse(written, programme: programme) ?? written
        var ok = true
        let investmentType: SQLValue
        var requirements = [SQLValue](repeating: .null, count: 5)
        var texts = [SQLValue](repeating: .null, count: 3)
        var framework = SQLValue.null
        if programme == .social {
            if !FieldRules.socialCategories.contains(category) {
                row.problem("category", "\(TextRules.quoted(written)) is not a social category: expected one of "
                    + FieldRules.socialCategories.map { "\"\($0)\"" }.joined(separator: ", "))
                ok = false
            }
            if let type = row.required("investment_type", { text throws(FieldError) in
                try FieldRules.integer(text, in: 1...2, what: "an investment type (1 or 2)")
            }) { investmentType = .integer(type) } else { investmentType = .null; ok = false }
            ok = row.requireEmpty("framework_version", because: "for a social project (green projects only)") && ok
            switch row.optional("basic_requirements", ProjectsImport.basicRequirements) {
            case .some(let flags?): requirements = flags.map { .integer($0) }
            case .some(nil): break
            case nil: ok = false
            }
            for (offset, column) in ["physical_investment", "social_intervention", "social_goals"].enumerated() {
                switch row.optional(column, { text throws(FieldError) in try FieldRules.freeText(text, what: "the text") }) {
                case .some(let text?): texts[offset] = .text(text)
                case .some(nil): break
                case nil: ok = false
                }
            }
        } else {
            if !FieldRules.greenCategories.contains(category) {
                row.problem("category", "\(TextRules.quoted(written)) is not a green category: expected one of "
                    + GreenCategory.allCases.map { "\($0.rawValue) (\($0.swedishName))" }.joined(separator: ", "))
                ok = false
            }
            investmentType = .null
            ok = row.requireEmpty("investment_type", because: "for a green project") && ok
            switch row.optional("framework_version", { text throws(FieldError) in try FieldRules.nonBlank(text, what: "the version") }) {
            case .some(let version?): framework = .text(version)
            case .some(nil): break
            case nil: ok = false
            }
            for column in ["basic_requirements", "physical_investment", "social_intervention", "social_goals"] {
                ok = row.requireEmpty(column, because: "for a green project (social projects only)") && ok
            }
        }
        guard ok else { return nil }
        return ([.text(category), investmentType], framework, requirements + texts)
    }

    /// The five basic requirements (grundkrav) of Bild 4, in the schema's column order
    /// (practice/innovation/quality, systematic work, defined target group, long term,
    /// goals and evaluation): five digits 0/1 ("11100"), or "5/5" (all) / "0/5" (none).
    /// Any other "N/5" does not say which were met and is refused.
    static func basicRequirements(_ text: String) throws(FieldError) -> [Int64] {
        if text == "5/5" { return Array(repeating: 1, count: 5) }
        if text == "0/5" { return Array(repeating: 0, count: 5) }
        let bytes = Array(text.utf8)
        if bytes.count == 5, bytes.allSatisfy({ $0 == 0x30 || $0 == 0x31 }) {
            return bytes.map { Int64($0 - 0x30) }
        }
        if bytes.count == 3, bytes[1] == 0x2F, bytes[2] == 0x35, (0x31...0x34).contains(bytes[0]) {
            throw FieldError("\(TextRules.quoted(text)) is ambiguous: it does not say which of the five basic requirements were met; "
                + "write five digits 0/1 in Bild 4 order (e.g. \"11100\"), or 5/5 / 0/5")
        }
        throw FieldError("\(TextRules.quoted(text)) is not a basic-requirements assessment: write five digits 0/1 in Bild 4 order "
            + "(e.g. \"11100\"), or 5/5 / 0/5")
    }
}
