import Foundation
import XCTest

/// The files LibreOffice saved with Swedish settings (Tests/Corpus/excel/README.md) import
/// without edits through the built binary, and what is stored is what the spreadsheet said.
/// Bad values of the same kinds are refused with the file, line and column, exit 65, and
/// the database unchanged.
final class ExcelCorpusCLITests: CLITestCase {
    static let corpus = CLITestCase.packageRoot.appendingPathComponent("Tests/Corpus/excel")
    static let kinds = ["members", "borrowers", "projects", "loans", "entries", "indicators", "readings"]

    func importFolder(_ folder: String, encoding: [String] = []) throws -> String {
        let db = path("\(folder).db")
        try succeed(["init", "--db", db])
        for kind in Self.kinds {
            let file = Self.corpus.appendingPathComponent("\(folder)/portfolj-\(kind).csv").path
            let result = try hallbar(["import", kind, file, "--db", db] + encoding)
            XCTAssertEqual(result.status, 0, "\(folder) \(kind): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("new, 0 already present"), result.stdout)
        }
        return db
    }

    func rows(_ db: String, _ sql: String) throws -> [String] {
        try sqlite3(db, sql).stdout.split(separator: "\n").map(String.init)
    }

    func assertStored(_ db: String, _ folder: String) throws {
        XCTAssertEqual(try rows(db, "SELECT org_no, municipality_code FROM members ORDER BY org_no"),
                       ["212000-2882|0127", "212000-3005|0380", "232100-0016|"], folder)
        XCTAssertEqual(try rows(db, "SELECT org_no, owner_org_no FROM borrowers WHERE org_no = '212000-2882'"),
                       ["212000-2882|212000-2882"], folder)
        XCTAssertEqual(try rows(db, "SELECT project_number, programme, category, status, approved_ore FROM projects ORDER BY 1"), [
            "1|social|Boende och boendemiljöer|approved|200000000000",
            "2|green|renewable_energy|approved|1800000050",
            "3|social|Hälsa, utbildning, idrott och kultur|rejected|4500000000",
        ], folder)
        XCTAssertEqual(try sqlite3(db, "SELECT physical_investment FROM projects WHERE project_number = 1").stdout,
                       "Stambyten i 1 200 lägenheter.\nNya entréer; \"trygga\" gårdar.\n", folder)
        XCTAssertEqual(try rows(db, "SELECT loan_number, programme, ifnull(green_bond_eligible, '-') FROM loans ORDER BY 1"),
                       ["220001|social|-", "230001|green|1", "230002|green|0", "900001|other|-"], folder)
        XCTAssertEqual(try rows(db, "SELECT external_id, kind, amount_ore, value_date FROM ledger_entries ORDER BY 1"), [
            "X-1|disbursement|110000000000|2022-06-30", "X-2|disbursement|1000000050|2023-06-30",
            "X-3|disbursement|800000000|2023-07-01", "X-4|repayment|25000025|2024-01-31",
            "X-5|disbursement|123456789|2024-02-29",
        ], folder)
        XCTAssertEqual(try rows(db, "SELECT indicator_id, direction, baseline_value FROM indicators ORDER BY 1"),
                       ["ALBY-HYRA|lower|15", "ALBY-TRIVSEL|higher|86.5"], folder)
        XCTAssertEqual(try rows(db, "SELECT indicator_id, value_low FROM readings ORDER BY 1"),
                       ["ALBY-HYRA|14", "ALBY-TRIVSEL|86.25"], folder)
    }

    func testEveryFolderImportsWithoutEdits() throws {
        for folder in ["sv-utf8", "sv-utf8-bom", "sv-via-xlsx"] {
            try assertStored(try importFolder(folder), folder)
        }
        try assertStored(try importFolder("sv-windows-1252", encoding: ["--encoding", "windows-1252"]), "sv-windows-1252")
    }

    /// The workbook itself, as LibreOffice saved it (xlsx/portfolj.xlsx, one sheet per kind,
    /// named as the kind): each kind imports from it without edits and stores what the CSV
    /// files store; the batch records the workbook's SHA-256; importing it again changes nothing.
    func testTheWorkbookImportsSheetBySheetAsItsCSVDoes() throws {
        let book = Self.corpus.appendingPathComponent("xlsx/portfolj.xlsx").path
        let db = path("xlsx.db")
        try succeed(["init", "--db", db])
        for kind in Self.kinds {
            let result = try succeed(["import", kind, book, "--db", db])
            XCTAssertTrue(result.stdout.hasPrefix("\(book): sheet \"\(kind)\"\n"), result.stdout)
            XCTAssertTrue(result.stdout.contains("new, 0 already present"), result.stdout)
        }
        try assertStored(db, "xlsx")
        let digest = try tool(["sha256sum", book]).stdout.prefix(64)
        XCTAssertEqual(Set(try rows(db, "SELECT file_sha256 FROM import_batches")), [String(digest)])
        XCTAssertEqual(Set(try rows(db, "SELECT file_name FROM import_batches")), [book])
        let before = try dump(db)
        for kind in Self.kinds { XCTAssertTrue(try succeed(["import", kind, book, "--db", db]).stdout.contains(" 0 new")) }
        XCTAssertEqual(try dump(db), before)
    }

    func testTheFilesHaveTheHabitsTheREADMESays() throws {
        func text(_ name: String) throws -> String {
            try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
        }
        XCTAssertTrue(try text("sv-utf8/portfolj-members.csv").hasPrefix("\"sep=;\"\n Org_No ;Name;Municipality_Code;;\n16212000-2882;Botkyrka kommun;127;;\n"))
        XCTAssertTrue(try text("sv-utf8/portfolj-loans.csv").contains("230001;556900-1117;Grön;2;SANT;\n"))
        XCTAssertTrue(try text("sv-utf8/portfolj-entries.csv").contains("X-1;220001;2022-06-30;1\u{00A0}100\u{00A0}000\u{00A0}000,00;Utbetalning\n"))
        let bom = try Data(contentsOf: Self.corpus.appendingPathComponent("sv-utf8-bom/portfolj-entries.csv"))
        XCTAssertEqual(Array(bom.prefix(3)), [0xEF, 0xBB, 0xBF])
    }

    func testReimportingTheSameFilesChangesNothing() throws {
        let db = try importFolder("sv-utf8")
        let before = try dump(db)
        for kind in Self.kinds {
            let file = Self.corpus.appendingPathComponent("sv-utf8-bom/portfolj-\(kind).csv").path
            let result = try succeed(["import", kind, file, "--db", db])
            XCTAssertTrue(result.stdout.contains(" 0 new"), result.stdout)
        }
        XCTAssertEqual(try dump(db), before)
    }

    /// A value the spreadsheet habits do not cover is refused: file, line, column, exit 65, nothing written.
    func testBadValuesAreRefusedWithFileLineAndColumn() throws {
        let db = try importFolder("sv-utf8")
        let before = try dump(db)
        let cases: [(kind: String, text: String, message: String)] = [
            ("members", "org_no;name;municipality_code\n212000-0142;Botkyrka;280\n",
             "m.csv:2: column \"municipality_code\": \"280\" is not a municipality code: three digits; read as 0280"),
            ("members", "org_no;name;municipality_code\n19212000-0142;Botkyrka;0127\n",
             "a 12-digit organisation number starts with 16"),
            ("loans", "loan_number;borrower_org_no;programme;project_number;green_bond_eligible\n5;556900-1117;Grönn;2;SANT\n",
             "m.csv:2: column \"programme\": \"Grönn\" is not one of green (grön), social (sociala), other (övrig)"),
            ("loans", "loan_number;borrower_org_no;programme;project_number;green_bond_eligible\n5;556900-1117;Grön;2;kanske\n",
             "\"kanske\" is not true or false (also accepted: ja/nej, sant/falskt, 1/0)"),
            ("entries", "external_id;loan_number;value_date;amount_sek;kind;;\nY-1;220001;2024-01-02;5;Utbetalning;;oj\n",
             "m.csv:2: 7 fields where the header has 5"),
            ("projects", "project_number;programme;borrower_org_no;title;category;investment_type;approved_sek;decision_date;status\n"
                + "9;Grön;556900-1117;T;Förnybar energy;;5;2024-01-01;Beviljad\n",
             "\"Förnybar energy\" is not a green category: expected one of renewable_energy (Förnybar energi)"),
        ]
        for c in cases {
            let file = try writeFile("m.csv", c.text)
            let result = try hallbar(["import", c.kind, file, "--db", db])
            XCTAssertEqual(result.status, 65, "\(c.kind): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(c.message), "expected \(c.message) in: \(result.stderr)")
            XCTAssertEqual(try dump(db), before, c.kind)
        }
    }
}
