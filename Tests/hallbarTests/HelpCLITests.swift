import Foundation
import XCTest

/// Help that stands alone, "did you mean", keyword values in any case, and the small
/// message fixes of issue 13, through the built binary.
final class HelpCLITests: ReportCLITestCase {
    func testHelpImportListsEveryKindsColumnsAndTheTargetGrammar() throws {
        let out = try succeed(["help", "import"]).stdout
        XCTAssertTrue(out.contains("  entries     external_id, loan_number, value_date, amount_sek, kind\n"), out)
        XCTAssertTrue(out.contains("  indicators  indicator_id, project_number, area, goal, name, unit, direction, baseline_value,\n"
            + "              baseline_year, target, target_text, target_year [tolerance]\n"), out)
        XCTAssertTrue(out.contains("  programme: green (grön, gröna), social (sociala, socialt), other (övrig, övriga)\n"), out)
        XCTAssertTrue(out.contains("renewable_energy (Förnybar energi)"), out)
        XCTAssertTrue(out.contains("  ref>=NAME, ref>NAME    at least / above the reference series NAME"), out)
        XCTAssertTrue(out.contains("  X-Y (or X..Y)          an inclusive range"), out)
        XCTAssertEqual(try succeed(["import", "--help"]).stdout, out)
    }

    func testHelpFormatsAndTheTopicsInTheOverview() throws {
        let formats = try succeed(["help", "formats"]).stdout
        XCTAssertTrue(formats.contains("  - a first line sep=; or sep=, (Excel's delimiter hint), skipped\n"), formats)
        XCTAssertTrue(formats.contains("  xlsx       an Office Open XML workbook (needs --out)"), formats)
        XCTAssertTrue(formats.contains("  csv-excel  CSV for a spreadsheet"), formats)
        XCTAssertEqual(try succeed(["help", "FORMATS"]).stdout, formats)
        let overview = try succeed(["--help"]).stdout
        XCTAssertTrue(overview.contains("HELP TOPICS:\n  formats"), overview)
        XCTAssertTrue(try succeed(["help", "targets"]).stdout.contains("text:..."))
    }

    func testTheManualPageIsGeneratedAndTheCommittedCopyIsCurrent() throws {
        let page = try succeed(["help", "--man"]).stdout
        XCTAssertTrue(page.hasPrefix(".TH HALLBAR 1 "), page)
        XCTAssertTrue(page.contains(".SS \"hallbar report shares\"\n"), page)
        XCTAssertTrue(page.contains(".SH FORMATS\n"), page)
        let committed = try String(contentsOf: CLITestCase.packageRoot.appendingPathComponent("docs/hallbar.1"), encoding: .utf8)
        XCTAssertEqual(committed, page, "docs/hallbar.1 is stale: run .build/debug/hallbar help --man > docs/hallbar.1")
        // man(1) renders it without warnings, where man is installed.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sh", "-c", "command -v groff >/dev/null || exit 77; groff -k -man -Tutf8 -ww -z \"$0\" 2>&1", path("hallbar.1")]
        try page.write(toFile: path("hallbar.1"), atomically: true, encoding: .utf8)
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        let warnings = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        if check.terminationStatus != 77 { XCTAssertEqual(warnings, "", "groff warnings") }
    }

    func testDidYouMeanForCommandsSubcommandsAndOptions() throws {
        let command = try hallbar(["reprt"])
        XCTAssertEqual(command.status, 64)
        XCTAssertTrue(command.stderr.hasPrefix("Error: Unknown command 'reprt'; did you mean 'report'"), command.stderr)
        let sub = try hallbar(["report", "sharez"])
        XCTAssertTrue(sub.stderr.hasPrefix("Error: Unknown subcommand 'sharez' of 'report'; did you mean 'shares'?"), sub.stderr)
        let option = try hallbar(["disburse", "--loan", "1", "--date", "2024-01-01", "--ammount", "5"])
        XCTAssertEqual(option.status, 64)
        XCTAssertTrue(option.stderr.hasPrefix("Error: Unknown option '--ammount'; did you mean '--amount'?"), option.stderr)
        let swapped = try hallbar(["report", "shares", "--as-fo", "2024-01-01"])
        XCTAssertTrue(swapped.stderr.contains("did you mean '--as-of'?"), swapped.stderr)
        let far = try hallbar(["report", "shares", "--colour"])
        XCTAssertEqual(far.stderr.components(separatedBy: "\n").first, "Error: Unknown option '--colour'")
        let help = try hallbar(["help", "reprt"])
        XCTAssertTrue(help.stderr.contains("did you mean 'report'"), help.stderr)
        XCTAssertTrue(try hallbar(["help", "fromats"]).stderr.contains("did you mean 'formats'"))
    }

    func testKeywordValuesInAnyCase() throws {
        let db = try seededDatabase()
        let html = try succeed(["report", "social", "--db", db, "--as-of", "2025-03-18", "--format", "HTML", "--lang", "SV"]).stdout
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"), String(html.prefix(80)))
        let json = try self.json(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "Json"])
        XCTAssertNotNil(json["dates"])
        let asserted = try succeed(["assert", "--db", db, "--programme", "Grön", "--as-of", "2024-12-31", "--amount", "1"])
        XCTAssertTrue(asserted.stdout.hasPrefix("Recorded assertion 1: green outstanding"), asserted.stdout)
        let bad = try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "htlm"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("Unknown format 'htlm': use table, csv, json, md, html, csv-excel, xlsx; did you mean 'html'?"),
                      bad.stderr)
    }

    func testAnEmptyReasonIsSaidToBeEmpty() throws {
        let db = try seededDatabase()
        let before = try dump(db)
        for reason in ["", "   "] {
            let result = try hallbar(["reverse", "--db", db, "--entry", "E-000001", "--reason", reason])
            // Issue 12: a missing or empty reason is bad input data (65), not a usage error.
            XCTAssertEqual(result.status, 65)
            XCTAssertTrue(result.stderr.contains("--reason: the reason is empty"), result.stderr)
        }
        XCTAssertEqual(try dump(db), before)
    }

    func testAnEmptyDatabaseFileSaysRunInit() throws {
        let db = try writeFile("empty.db", "")
        let result = try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31"])
        XCTAssertEqual(result.status, 66)
        XCTAssertTrue(result.stderr.contains("is empty, not a ledger yet: create the ledger with 'hallbar init --db"), result.stderr)
        XCTAssertFalse(result.stderr.contains("migrate"), result.stderr)
        try succeed(["init", "--db", db])
    }

    func testTheMarketReportPrintsNoEnglishScenarioNameInSwedish() throws {
        let db = try seededDatabase()
        let sv = try succeed(["report", "market", "--db", db, "--year", "2020", "--as-of", "2024-12-31"]).stdout
        XCTAssertTrue(sv.hasPrefix("Klassgränser 2020 (grundscenario): "), String(sv.prefix(80)))
        XCTAssertFalse(sv.contains("(base)"))
        let en = try succeed(["report", "market", "--db", db, "--year", "2020", "--as-of", "2024-12-31", "--lang", "en"]).stdout
        XCTAssertTrue(en.hasPrefix("Class bounds 2020 (base scenario): "), String(en.prefix(80)))
    }
}
