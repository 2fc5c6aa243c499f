import Ledger
import LedgerStore

/// Help that stands alone, without docs/: the columns of every import kind with the
/// values each accepts and the target grammar (`hallbar help import`), the file and output
/// formats (`hallbar help formats`), and the manual page (`hallbar help --man`). The column
/// lists and vocabularies are read from the code (`ImportKind`, the `SpokenToken`
/// vocabularies), so help cannot drift from what import accepts.
enum HelpTopics {
    /// Topics that are not commands: `hallbar help NAME`.
    static let topics: [(name: String, abstract: String, text: @Sendable () -> String)] = [
        ("formats", "Import file formats, the spreadsheet habits accepted, report formats.", { formats }),
        ("targets", "The grammar of an indicator's target.", { "TARGETS\n\n" + targetGrammar }),
    ]

    static func topic(_ name: String) -> String? {
        topics.first { $0.name == name.lowercased() }?.text()
    }

    /// The block `hallbar help import` adds below the options.
    static var importDetails: String {
        var out = "COLUMNS (required; [optional]); names in any letter case, spaces around them ignored:\n"
        let width = (ImportKind.allCases.map(\.rawValue.count).max() ?? 0) + 2
        for kind in ImportKind.allCases {
            let columns = kind.requiredColumns.joined(separator: ", ")
                + (kind.optionalColumns.isEmpty ? "" : " [" + kind.optionalColumns.joined(separator: ", ") + "]")
            out += wrap(columns, first: "  " + kind.rawValue.padding(width), indent: width + 2)
        }
        out += "\nVALUES (the code, or the Swedish label, in any letter case):\n"
        out += vocabulary("programme", Programme.allCases)
        out += vocabulary("kind (entries)", [EntryKind.disbursement, .repayment])
        out += vocabulary("status (projects)", ProjectStatus.allCases)
        out += vocabulary("direction", Direction.allCases)
        out += wrap(SocialCategory.allCases.map { "\"\($0.rawValue)\" (\($0.englishName))" }.joined(separator: ", "),
                    first: "  social category: ", indent: 4)
        out += wrap(GreenCategory.allCases.map { "\($0.rawValue) (\($0.swedishName))" }.joined(separator: ", "),
                    first: "  green category: ", indent: 4)
        out += """
              booleans: true/false, ja/nej, sant/falskt, yes/no, 1/0
              organisation numbers: NNNNNN-NNNN, ten digits, or 16NNNNNN-NNNN (stored NNNNNN-NNNN)
              municipality code: four digits (0127); three digits are read with the leading zero a
                spreadsheet dropped (127 -> 0127); empty for a region
              amounts: SEK, at most two decimals; spaces or NBSP group thousands; with ; a decimal comma;
                a trailing kr or SEK is taken (1 234,50 kr), any other word or currency is refused
              dates: YYYY-MM-DD

            """
        out += "\nTARGETS (indicators' target column):\n" + targetGrammar
        out += "\nSee 'hallbar help formats' for the file format and the spreadsheet habits accepted.\n"
        return out
    }

    static func vocabulary<T: SpokenToken>(_ what: String, _ values: [T]) -> String {
        wrap(values.map { v in
            let labels = T.labels[v] ?? []
            return labels.isEmpty ? v.rawValue : "\(v.rawValue) (\(labels.prefix(2).joined(separator: ", ")))"
        }.joined(separator: ", "), first: "  \(what): ", indent: 4)
    }

    static let targetGrammar = """
          >=X, >X, <=X, <X, =X   a number with decimal comma or point, optional % (>=90, <=20 %, ≥90, ≤20%)
          X-Y (or X..Y)          an inclusive range (90-100)
          increasing, decreasing a direction (ökande, minskande): never met, judged by the trend
          ref>=NAME, ref>NAME    at least / above the reference series NAME in the same year
                                 (import references: name, year, value); a missing reference value
                                 counts as not met and the report says so
          text:...               a qualitative target, met only by a recorded decision
        A bare number (100) is refused: write >=100 or =100. target_text keeps the target as written
        for display ("90 (2025)"); target_year the year it should be met by.

        """

    static let formats = """
        FORMATS

        IMPORT FILES (hallbar import KIND FILE)
          CSV in UTF-8 (a byte order mark is accepted) or, with --encoding windows-1252, in Excel's
          Windows encoding. A header row is required; the delimiter , or ; is taken from the header
          line. RFC 4180 quoting (delimiters, quotes as "" and line breaks inside quotes). CRLF, LF or
          CR line ends. With ; amounts take a decimal comma (1 234,56); with , a decimal point.
          A file is imported whole or not at all; importing it again changes nothing.
          An xlsx workbook is read as it is: the sheet --sheet NAME names, else its only sheet, else
          the one named as the kind; numbers, dates and TRUE/FALSE as a CSV saved from it holds them.

        SPREADSHEET HABITS ACCEPTED (Excel, LibreOffice, Numbers)
          - header names in any letter case, with spaces around them; a space inside counts as _
            (External_ID, " Org_No ", "Value date")
          - a first line sep=; or sep=, (Excel's delimiter hint), skipped
          - empty columns after the last named one (a;b;; and 1;2;;) and rows of only delimiters
          - booleans true/false, ja/nej, sant/falskt (Swedish Excel's SANT/FALSKT), yes/no, 1/0
          - Swedish labels as well as codes, any case: grön/social/övrig, utbetalning/amortering,
            beviljad/avslagen/återkallad/avslutad, högre/lägre/ingen; categories by their Swedish
            or English names (Förnybar energi, Gröna byggnader, Housing and living environments)
          - 12-digit organisation numbers 16NNNNNN-NNNN; municipality codes whose leading zero was
            dropped (127 is 0127)
          - amounts formatted with thousands separators (space or NBSP: 1 234 567,89), and in the
            Swedish currency format (1 234 567,89 kr; also SEK after the number)
          Not accepted: another currency or word after an amount ("12 EUR", "12 kronor"), a
          currency before it ("SEK 12"), dates other than YYYY-MM-DD, three decimals, a value under
          an unnamed column. See 'hallbar help import' for each kind's columns.

        REPORT FORMATS (hallbar report ... --format F [--out FILE] [--lang sv|en])
          table      aligned text (the default); colour only on a terminal without NO_COLOR
          csv        RFC 4180 for programs: , and a decimal point, amounts in öre, fractions,
                     no byte order mark, whatever --lang says; text that a spreadsheet would run as
                     a formula (= + - @ first) gets a leading '
          csv-excel  CSV for a spreadsheet: UTF-8 with a byte order mark, CRLF; with --lang sv (the
                     default) ; and a decimal comma, with --lang en , and a point; amounts in kronor,
                     dates YYYY-MM-DD, percentages (16,8229%); opens in columns in Swedish Excel
          json       the keys of cli.md; amounts in öre, shares as fractions
          md         Markdown
          html       one self-contained page (the follow-up: a page per project, A4 print)
          xlsx       an Office Open XML workbook (needs --out): one sheet per table and an "about"
                     sheet (what, when, from which ledger, ledger head); numbers as numbers, amounts
                     in kronor with thousands grouping, dates as dates, a bold frozen header row
        Format and language names are taken in any letter case (--format HTML, --lang SV).

        """

    /// Lines of `text` wrapped at 100 columns: the first after `first`, the rest indented.
    static func wrap(_ text: String, first: String, indent: Int) -> String {
        var lines: [String] = []
        var line = first
        let pad = String(repeating: " ", count: indent)
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.count + word.count + 1 > 100, line.count > pad.count, line != first {
                lines.append(line)
                line = pad
            }
            line += (line.isEmpty || line == pad || line == first ? "" : " ") + word
        }
        lines.append(line)
        return lines.map { $0.trimmedTrailing() }.joined(separator: "\n") + "\n"
    }
}
