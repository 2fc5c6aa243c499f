import XCTest
@testable import Ledger

/// What a spreadsheet writes and the domain accepts (cli.md, "Excel as people really save it").
final class ExcelVariantsTests: XCTestCase {
    func testVocabulariesTakeLabelsAndAnyCase() {
        XCTAssertEqual(Programme.parse(spoken: "green"), .green)
        XCTAssertEqual(Programme.parse(spoken: " Grön "), .green)
        XCTAssertEqual(Programme.parse(spoken: "GRÖNA"), .green)
        XCTAssertEqual(Programme.parse(spoken: "Social"), .social)
        XCTAssertEqual(Programme.parse(spoken: "övrig"), .other)
        XCTAssertEqual(EntryKind.parse(spoken: "Disbursement"), .disbursement)
        XCTAssertEqual(EntryKind.parse(spoken: "UTBETALNING"), .disbursement)
        XCTAssertEqual(EntryKind.parse(spoken: "Amortering"), .repayment)
        XCTAssertEqual(ProjectStatus.parse(spoken: "Beviljad"), .approved)
        XCTAssertEqual(ProjectStatus.parse(spoken: "avslagen"), .rejected)
        XCTAssertEqual(ProjectStatus.parse(spoken: "Återkallad"), .withdrawn)
        XCTAssertEqual(ProjectStatus.parse(spoken: "AVSLUTAD"), .completed)
        XCTAssertEqual(Direction.parse(spoken: "Högre"), .higher)
        XCTAssertEqual(Direction.parse(spoken: "lägre"), .lower)
        XCTAssertEqual(Direction.parse(spoken: "Ingen"), Direction.none)
        for text in ["", "gren", "grön lån x", "utbetal", "beviljat!", "hogre"] {
            XCTAssertTrue(Programme.parse(spoken: text) == nil, text)
            XCTAssertTrue(EntryKind.parse(spoken: text) == nil, text)
            XCTAssertTrue(Direction.parse(spoken: text) == nil, text)
        }
        XCTAssertEqual(Programme.green.spokenChoice, "green (grön)")
    }

    func testBooleansAsSpreadsheetsWriteThem() {
        for text in ["true", "TRUE", "Sant", "SANT", "ja", "Ja", "1", "yes", " true "] {
            XCTAssertEqual(SpokenText.boolean(text), true, text)
        }
        for text in ["false", "FALSE", "falskt", "FALSKT", "nej", "NEJ", "0", "no"] {
            XCTAssertEqual(SpokenText.boolean(text), false, text)
        }
        for text in ["", "2", "sann", "j", "-1", "tru"] {
            XCTAssertNil(SpokenText.boolean(text), text)
        }
    }

    func testGreenCategoriesInSwedishEnglishAndTokens() {
        XCTAssertEqual(GreenCategory.parse(spoken: "renewable_energy"), .renewableEnergy)
        XCTAssertEqual(GreenCategory.parse(spoken: "Förnybar energi"), .renewableEnergy)
        XCTAssertEqual(GreenCategory.parse(spoken: "FÖRNYBAR  ENERGI"), .renewableEnergy)
        XCTAssertEqual(GreenCategory.parse(spoken: "Renewable energy"), .renewableEnergy)
        XCTAssertEqual(GreenCategory.parse(spoken: "Gröna byggnader"), .greenBuildings)
        XCTAssertEqual(GreenCategory.parse(spoken: "Gröna byggnader och energieffektivisering"), .greenBuildings)
        XCTAssertEqual(GreenCategory.parse(spoken: "Energieffektivisering inom energisystem"), .energyEfficiency)
        XCTAssertEqual(GreenCategory.parse(spoken: "Hållbara transporter"), .cleanTransport)
        XCTAssertEqual(GreenCategory.parse(spoken: "Vatten- och avloppshantering"), .waterManagement)
        XCTAssertEqual(GreenCategory.parse(spoken: "Klimatanpassning"), .climateAdaptation)
        XCTAssertEqual(GreenCategory.parse(spoken: "Miljöhantering"), .environmentalManagement)
        XCTAssertEqual(GreenCategory.parse(spoken: "Avfallshantering"), .wasteManagement)
        // Every label names one category only.
        var seen: [String: GreenCategory] = [:]
        for (category, labels) in GreenCategory.labels {
            for label in labels {
                XCTAssertNil(seen[label], "\(label) names two categories")
                seen[label] = category
                XCTAssertEqual(label, SpokenText.normalized(label), "labels are stored normalized")
            }
        }
        XCTAssertEqual(ProjectCategory.parse("Förnybar energi", programme: .green), "renewable_energy")
        XCTAssertNil(ProjectCategory.parse("Förnybar energi", programme: .social))
        XCTAssertEqual(ProjectCategory.parse("housing and living environments", programme: .social), "Boende och boendemiljöer")
        XCTAssertEqual(ProjectCategory.parse("TRYGGHET, SÄKERHET OCH TILLGÄNGLIGHET", programme: .social),
                       "Trygghet, säkerhet och tillgänglighet")
        XCTAssertNil(ProjectCategory.parse("Boende", programme: .social))
    }

    func testTwelveDigitOrganisationNumbers() throws {
        XCTAssertEqual(try OrgNumber.parse("16212000-0142").description, "212000-0142")
        XCTAssertEqual(try OrgNumber.parse("162120000142").description, "212000-0142")
        XCTAssertThrowsError(try OrgNumber.parse("19212000-0142")) {
            XCTAssertTrue("\($0)".contains("a 12-digit organisation number starts with 16"), "\($0)")
        }
        XCTAssertThrowsError(try OrgNumber.parse("16212000-0143")) {
            XCTAssertEqual("\($0)", "\"16212000-0143\" is not an organisation number: the check digit should be 2")
        }
        XCTAssertThrowsError(try OrgNumber.parse("1621200-00142"))
    }

    func testMunicipalityCodeWithoutItsLeadingZero() throws {
        XCTAssertEqual(try MunicipalityCode.parse("180").description, "0180")
        XCTAssertEqual(try MunicipalityCode.parse("127").description, "0127")
        XCTAssertThrowsError(try MunicipalityCode.parse("280")) {
            XCTAssertEqual("\($0)", "\"280\" is not a municipality code: three digits; read as 0280 (a leading zero dropped by a spreadsheet), "
                + "but county 02 does not exist (01, 03–10, 12–14, 17–25)")
        }
        XCTAssertThrowsError(try MunicipalityCode.parse("18"))
        XCTAssertThrowsError(try MunicipalityCode.parse("1 80"))
    }

    func testHeaderNamesInAnyCaseWithSpaces() throws {
        let columns = try CSVColumns(header: [" External_ID ", "LOAN_NUMBER", "Value date", "amount_sek\u{00A0}", "Kind"],
                                     required: ["external_id", "loan_number", "value_date", "amount_sek", "kind"])
        XCTAssertEqual(columns.index(of: "external_id"), 0)
        XCTAssertEqual(columns.index(of: "value_date"), 2)
        XCTAssertEqual(columns.index(of: "amount_sek"), 3)
        XCTAssertEqual(columns.index(of: "kind"), 4)
        XCTAssertThrowsError(try CSVColumns(header: ["External_ID", "external id"], required: ["external_id"])) {
            XCTAssertTrue(($0 as? CSVError)?.reason.hasPrefix("duplicate column \"external_id\"") == true, "\($0)")
        }
    }

    func testSeparatorLine() throws {
        for chunk in [1, 2, 5, 64 * 1024] {
            let r = try csvReadAll(Array("sep=;\r\na;b\r\n1,5;2\r\n".utf8), chunkSize: chunk)
            XCTAssertEqual(r.delimiter, .semicolon)
            XCTAssertEqual(r.header, ["a", "b"])
            XCTAssertEqual(r.rows, [["1,5", "2"]])
            XCTAssertEqual(r.lines, [3])
        }
        let quoted = try csvReadAll("\"SEP=,\"\na,b\n1;5,2\n")
        XCTAssertEqual(quoted.delimiter, .comma)
        XCTAssertEqual(quoted.rows, [["1;5", "2"]])
        let padded = try csvReadAll(Array("\u{FEFF}sep=;;;\na;b;c\n1;2;3\n".utf8))
        XCTAssertEqual(padded.header, ["a", "b", "c"])
        // Not a separator line: a header that merely starts with "sep".
        XCTAssertEqual(try csvReadAll("sepal;b\n1;2\n").header, ["sepal", "b"])
        XCTAssertEqual(try csvReadAll("sep=x,b\n1,2\n").header, ["sep=x", "b"])
    }

    func testEmptyTrailingColumns() throws {
        let r = try csvReadAll("a;b;;\n1;2;;\n3;4\n5;6;\n;;;\n")
        XCTAssertEqual(r.header, ["a", "b"])
        XCTAssertEqual(r.rows, [["1", "2"], ["3", "4"], ["5", "6"], ["", ""]])
        XCTAssertEqual(csvError("a;b;;\n1;2;x;\n"), CSVError(.raggedRow(expected: 2, found: 4), line: 2))
        XCTAssertEqual(csvError("a;b;;\n1\n"), CSVError(.raggedRow(expected: 2, found: 1), line: 2))
        // An empty name between named columns is still an error of the header.
        let reader = try CSVReader(bytes: Array("a;;b\n".utf8))
        XCTAssertEqual(reader.header, ["a", "", "b"])
    }
}
