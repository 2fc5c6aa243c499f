import Foundation
import XCTest

/// The follow-up HTML as the committee receives it (issue 13): a first page with the approval
/// and the portfolio, page numbers, the committee's reference, long texts that do not squeeze
/// the table. `make report-preview` prints it at A4 to look at; these tests pin the structure.
final class FollowUpHTMLCLITests: ReportCLITestCase {
    func approvedDatabase(note: String) throws -> String {
        let db = try seededDatabase()
        try succeed(["followup", "approve", "--db", db, "--year", "2023", "--date", "2024-03-20", "--by", "Sara Lind", "--note", note])
        return db
    }

    func testFirstPageHasTheApprovalThePortfolioAndTheStatusCounts() throws {
        let db = try approvedDatabase(note: "Protokoll 2024:3 §5")
        let html = plain(try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout)
        XCTAssertEqual(try htmlProblems(html), "")
        let cover = try XCTUnwrap(html.components(separatedBy: "<section class=\"project\"").first)
        XCTAssertTrue(cover.contains("Godkänd 2024-03-20, Protokoll 2024:3 §5. Registrerad av Sara Lind "), cover)
        XCTAssertFalse(cover.contains("domain.md 2025 rules v2 (committee decisions)"), "the rule version is in the footer, not the approval line")
        XCTAssertTrue(html.contains("<footer>Statusarna beräknade enligt uppföljningsreglerna 2025, version 2 (med kommitténs beslut); "
            + "huvudbokens hash vid godkännandet sha256:"))
        // The portfolio: each project with approved, disbursed and outstanding, then the totals.
        XCTAssertTrue(cover.contains("<a href=\"#p1\">Botkyrkabyggen AB: Socialt hållbara stadsdelar – Alby, Fittja och Norsborg (etapp 1) (#1)</a>"
            + "</td><td class=\"num\">2 000 mnkr</td><td class=\"num\">1 100 mnkr</td><td class=\"num\">1 100 mnkr</td>"), cover)
        XCTAssertTrue(cover.contains("<tr class=\"total\"><td>Summa, 3 projekt</td><td class=\"num\">2 624,5 mnkr</td>"), cover)
        // The colour code counts the statuses: 25 indicators in all.
        XCTAssertTrue(cover.contains("<tr class=\"total\"><td>Summa</td><td class=\"num\">25</td>"), cover)
        // Page numbers and the reference in the printed margins.
        XCTAssertTrue(html.contains("@bottom-right { content: \"Sida \" counter(page) \" av \" counter(pages);"), html)
        XCTAssertTrue(html.contains("@bottom-left { content: \"Årlig uppföljning mot mål och indikatorer 2023 · Protokoll 2024:3 §5\";"), html)
        // Every project starts a page; the table repeats its header and keeps rows whole.
        XCTAssertTrue(html.contains("section.project { break-before: page;"))
        XCTAssertTrue(html.contains("thead { display: table-header-group; }"))
        XCTAssertTrue(html.contains("tr { break-inside: avoid;"))
    }

    func testEnglishAmountsAreNotBrokenAndPagesAreNumbered() throws {
        let db = try approvedDatabase(note: "Minutes 2024:3 §5")
        let html = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html", "--lang", "en"]).stdout
        XCTAssertEqual(try htmlProblems(html), "")
        XCTAssertTrue(html.contains("Approved on 2024-03-20, Minutes 2024:3 §5. Recorded by Sara Lind on "), html)
        XCTAssertTrue(html.contains("\"Page \" counter(page) \" of \" counter(pages)"))
        // One amount per line in a cell that does not wrap, not "SEK 500 m / SEK 500 m" in one breakable line.
        XCTAssertTrue(html.contains("<dt>Approved</dt><dd>SEK\u{00A0}500\u{00A0}m</dd><dt>Disbursed</dt><dd>SEK\u{00A0}500\u{00A0}m</dd>"), html)
        XCTAssertFalse(html.contains("m / SEK"))
        XCTAssertTrue(html.contains(".facts dd { margin: 0; font-size: 16px; font-weight: bold; white-space: nowrap;"))
    }

    func testANoteCannotBreakOutOfTheStyleOrTheText() throws {
        let db = try approvedDatabase(note: "P \"2024\" \\ </style><script>x</script>")
        let html = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout
        XCTAssertEqual(try htmlProblems(html), "")
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(html.contains("· P \\22 2024\\22  \\5c  \\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \";"), html)
    }

    func testALongTextReadingDoesNotSqueezeTheTable() throws {
        let db = try seededDatabase()
        let long = "Enkäten genomfördes inte 2024 på grund av omorganisation; nästa mätning sker hösten 2025"
        try succeed(["reading", "--db", db, "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2024", "--value", long])
        try succeed(["reading", "--db", db, "--indicator", "ALBY-TRYGGHET-TRAPPHUS", "--year", "2024", "--value", "Ej mätt"])
        let html = try succeed(["report", "followup", "--db", db, "--year", "2024", "--project", "1", "--format", "html"]).stdout
        XCTAssertEqual(try htmlProblems(html), "")
        // Fixed column widths, the indicator column a quarter of the table.
        XCTAssertTrue(html.contains("table.indicators { border-collapse: collapse; width: 100%; table-layout: fixed; }"))
        XCTAssertTrue(html.contains("<colgroup><col style=\"width:12%\"><col style=\"width:25%\">"))
        // The long text is written under the indicator; its cell points there. A short one stays.
        XCTAssertTrue(html.contains("<span class=\"reading-text\">Utfall 2024: \(long)</span>"), html)
        XCTAssertTrue(html.contains("<td class=\"value-text\"><em>text, se under indikatorn</em></td>"))
        XCTAssertTrue(html.contains("<td class=\"value-text\">Ej mätt</td>"))
    }
}
