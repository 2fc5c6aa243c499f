/// The SQL that reads records "as the ledger stood on date D": for each record, the
/// revision in force on D (docs/schema.md, "As of a date").
enum AsOf {
    /// The revision of each row of `view` (a `*_versions` view) in force on the date bound
    /// at `parameter` ("?1"). For members, borrowers and loans revision 1 is in force from
    /// the beginning, so each record has exactly one row.
    static func versions(_ view: String, at parameter: String) -> String {
        "(SELECT * FROM \(view) WHERE valid_from <= \(parameter) AND (valid_until IS NULL OR valid_until > \(parameter)))"
    }

    /// Projects as of the date bound at `parameter`: the revision in force, or for a
    /// project decided after the date its first revision (so a report can still say what
    /// was decided later; reports filter on decision_date where it matters).
    static func projects(at parameter: String) -> String {
        "(SELECT * FROM project_versions WHERE valid_from <= \(parameter) AND (valid_until IS NULL OR valid_until > \(parameter)) "
            + "UNION ALL SELECT * FROM project_versions WHERE revision = 1 AND valid_from > \(parameter))"
    }
}
