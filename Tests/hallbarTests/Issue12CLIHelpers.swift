import Foundation
import Ledger
import XCTest

/// The helpers of the issue-12 CLI tests (Issue12CLITests, Issue12ReviewTests): run a
/// command and expect success, or a refusal that leaves the database byte for byte as it
/// was; read a report's JSON, a record's history, the follow-up.
extension CLITestCase {

    /// Runs `arguments --db db` and expects exit 0.
    @discardableResult
    func ok(_ arguments: [String], _ db: String, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try hallbar(arguments + ["--db", db])
        XCTAssertEqual(result.status, 0, "hallbar \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    /// Runs `arguments --db db`, expects `status` (65 unless said) and the database unchanged
    /// byte for byte, and that stderr mentions each of `mentions`.
    @discardableResult
    func refused(_ arguments: [String], _ db: String, status: Int32 = 65, mentions: [String] = [],
                 file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let before = try dump(db)
        XCTAssertFalse(before.isEmpty, "no dump of \(db)", file: file, line: line)
        let result = try hallbar(arguments + ["--db", db])
        let shown = "hallbar \(arguments.joined(separator: " ")) → \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)"
        XCTAssertEqual(result.status, status, shown, file: file, line: line)
        for word in mentions {
            XCTAssertTrue(result.stderr.contains(word), "stderr does not mention \"\(word)\": \(shown)", file: file, line: line)
        }
        XCTAssertTrue(try dump(db) == before, "the database changed: \(shown)", file: file, line: line)
        return result
    }

    /// The JSON object `arguments --format json --db db` prints.
    func json(_ arguments: [String], _ db: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try ok(arguments + ["--format", "json"], db, file: file, line: line)
        guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            XCTFail("not a JSON object: \(result.stdout)", file: file, line: line)
            return [:]
        }
        return object
    }

    /// One number of `sqlite3 db SQL`.
    func count(_ db: String, _ sql: String) throws -> Int {
        Int(try sqlite3(db, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The dates relative to today that the rules are about.
    static var today: Day { Day.today() }
    static func day(offset: Int) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone.current
        format.dateFormat = "yyyy-MM-dd"
        guard let base = format.date(from: today.description) else { return today.description }
        return format.string(from: base.addingTimeInterval(Double(offset) * 86_400 + 3_600))
    }
    static var tomorrow: String { day(offset: 1) }

    /// `report shares --as-of D --format json`: the figures of the date.
    func shares(_ db: String, _ date: String) throws -> [String: Any] {
        let object = try json(["report", "shares", "--as-of", date], db)
        return (object["dates"] as? [String: Any])?[date] as? [String: Any] ?? [:]
    }

    /// The revisions of `history KIND KEY --format json`, checking the keys of cli.md.
    func history(_ kind: String, _ key: String, year: String? = nil, _ db: String,
                 file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let object = try json(["history", kind, key] + (year.map { ["--year", $0] } ?? []), db, file: file, line: line)
        XCTAssertEqual(object["kind"] as? String, kind, file: file, line: line)
        XCTAssertNotNil(object["key"] as? String, "history has no key: \(object)", file: file, line: line)
        let revisions = object["revisions"] as? [[String: Any]] ?? []
        XCTAssertFalse(revisions.isEmpty, "history has no revisions: \(object)", file: file, line: line)
        for (index, revision) in revisions.enumerated() {
            XCTAssertEqual(revision["revision"] as? Int, index + 1, file: file, line: line)
            for key in ["revision", "effective_date", "recorded_at", "recorded_by", "reason", "changes"] {
                XCTAssertTrue(revision.keys.contains(key), "revision \(index + 1) has no \(key): \(revision)", file: file, line: line)
            }
            XCTAssertFalse((revision["recorded_at"] as? String ?? "").isEmpty, file: file, line: line)
            XCTAssertFalse((revision["recorded_by"] as? String ?? "").isEmpty, file: file, line: line)
            let changes = revision["changes"] as? [String: Any] ?? [:]
            XCTAssertFalse(changes.isEmpty, "revision \(index + 1) changes nothing: \(revision)", file: file, line: line)
            for (field, change) in changes {
                let pair = change as? [String: Any] ?? [:]
                XCTAssertTrue(pair.keys.contains("from") && pair.keys.contains("to"),
                              "change of \(field) is not {from, to}: \(change)", file: file, line: line)
            }
        }
        return revisions
    }

    /// The change of `field` in a history revision, as (from, to) rendered as text.
    func change(_ revision: [String: Any], _ field: String) -> (from: String, to: String)? {
        guard let pair = (revision["changes"] as? [String: Any])?[field] as? [String: Any] else { return nil }
        func text(_ value: Any?) -> String {
            switch value {
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            default: return "null"
            }
        }
        return (text(pair["from"]), text(pair["to"]))
    }

    /// The follow-up indicators of `report followup --year Y --format json`, by id.
    func followUp(_ db: String, year: String) throws -> (approval: [String: Any]?, indicators: [String: [String: Any]]) {
        let object = try json(["report", "followup", "--year", year], db)
        var result: [String: [String: Any]] = [:]
        for project in object["projects"] as? [[String: Any]] ?? [] {
            for indicator in project["indicators"] as? [[String: Any]] ?? [] {
                if let id = indicator["indicator_id"] as? String { result[id] = indicator }
            }
        }
        return (object["approval"] as? [String: Any], result)
    }
}
