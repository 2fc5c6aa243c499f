#!/usr/bin/env python3
"""Writes the CSV conformance corpus Tests/Corpus/csv/*.csv and its manifest.json.

The corpus is committed; this script documents how every byte came to be and
regenerates it (`python3 reliability/csv_corpus.py`). Each manifest case names a file,
the encoding to read it in, and either the expected header and rows (and, for an
amount column, the öre each row parses to or the refusal kind) or the expected
CSVError kind and line. Kinds are the case names of CSVError.Kind and NumberRefusal.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "Corpus", "csv")
NBSP = "\u00a0"
NNBSP = "\u202f"
MINUS = "\u2212"
ENTRY = ["external_id", "loan_number", "value_date", "amount_sek", "kind"]

cases = []
os.makedirs(OUT, exist_ok=True)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def case(name, data, note, encoding="utf-8", header=None, rows=None, error=None, line=None,
         amounts=None, allow_negative=False, importable=None, delimiter=None):
    write(name, data)
    c = {"file": name, "note": note, "encoding": encoding}
    if error is not None:
        c["error"] = error
        c["line"] = line
    else:
        c["header"] = header
        c["rows"] = rows
        if delimiter:
            c["delimiter"] = delimiter
        if amounts is not None:
            c["amount_column"] = "amount_sek"
            c["amounts"] = amounts
            c["allow_negative"] = allow_negative
    if importable is not None:
        # For the CLI test: "ok" (imports, N rows) or "refused" (exit 65, naming line).
        c["import"] = importable
    cases.append(c)


def u(text):
    return text.encode("utf-8")


# ---- RFC 4180 -------------------------------------------------------------------
case("rfc-quotes.csv",
     u('a,b,c\n"quoted","with ""doubled"" quotes","comma, inside"\nplain,"",x\n'),
     "quoted fields, doubled quotes, a delimiter inside quotes, an empty quoted field",
     header=["a", "b", "c"],
     rows=[["quoted", 'with "doubled" quotes', "comma, inside"], ["plain", "", "x"]])
case("rfc-newline-in-quotes.csv",
     u('id,text\n1,"first line\nsecond line"\n2,"a\n\nb"\n3,end\n'),
     "line breaks inside quotes are kept; records after them get the right line",
     header=["id", "text"],
     rows=[["1", "first line\nsecond line"], ["2", "a\n\nb"], ["3", "end"]])
case("rfc-crlf.csv",
     b'id,text\r\n1,"x\r\ny"\r\n2,z\r\n',
     "CRLF line ends (real CR LF bytes), a CRLF inside quotes is kept as is",
     header=["id", "text"], rows=[["1", "x\r\ny"], ["2", "z"]])
case("rfc-no-final-newline.csv",
     u("a,b\n1,2\n3,4"),
     "the last record has no line break",
     header=["a", "b"], rows=[["1", "2"], ["3", "4"]])
case("rfc-no-final-newline-quoted.csv",
     u('a,b\n1,"two"'),
     "the last record ends inside a closed quote with no line break",
     header=["a", "b"], rows=[["1", "two"]])
case("rfc-empty-fields.csv",
     u('a,b,c\n,,\n1,,3\n"",x,""\n'),
     "empty fields, quoted and unquoted",
     header=["a", "b", "c"], rows=[["", "", ""], ["1", "", "3"], ["", "x", ""]])
case("rfc-empty-lines.csv",
     u("a,b\n\n1,2\n\n\n3,4\n\n"),
     "lines with no bytes are skipped",
     header=["a", "b"], rows=[["1", "2"], ["3", "4"]])
case("rfc-lone-cr.csv",
     b"a,b\r1,2\r3,4\r",
     "old Mac line ends (a lone CR)",
     header=["a", "b"], rows=[["1", "2"], ["3", "4"]])
case("rfc-utf8.csv",
     u("kommun,namn\n1480,Göteborg\n1280,Malmö\n2321,\"Åre, Jämtland\"\n0180,Stockholm 🌳\n"),
     "UTF-8 text: å ä ö and a four-byte character",
     header=["kommun", "namn"],
     rows=[["1480", "Göteborg"], ["1280", "Malmö"], ["2321", "Åre, Jämtland"], ["0180", "Stockholm 🌳"]])
case("rfc-unterminated-quote.csv",
     u('a,b\n1,2\n3,"never closed\n4,5\n'),
     "a quote that is never closed is refused at the line where it opened",
     error="unterminatedQuote", line=3)
case("rfc-quote-in-unquoted.csv",
     u('a,b\n1,2\n3,4"5\n'),
     "a quote inside an unquoted field",
     error="quoteInUnquotedField", line=3)
case("rfc-after-closing-quote.csv",
     u('a,b\n"1"x,2\n'),
     "a character after a closing quote",
     error="characterAfterClosingQuote", line=2)
case("rfc-ragged.csv",
     u("a,b,c\n1,2,3\n4,5\n"),
     "a record with fewer fields than the header",
     error="raggedRow", line=3)
case("ctl-nul-unquoted.csv", u("org_no,name\n212000-0001,Foo\x00Bar kommun\n"),
     "a NUL in an unquoted field is refused (it used to be stored as a cut: \"Foo\")",
     error="controlCharacter", line=2)
case("ctl-escape-quoted.csv", u('a,b\n1,"x\x1b]0;pwned\x07\x1b[2J"\n'),
     "terminal escape sequences inside quotes are refused",
     error="controlCharacter", line=2)
case("ctl-c1.csv", u("a,b\n1,ok\n2,x\u009by\n"),
     "a C1 control (U+009B CSI) in UTF-8 text is refused",
     error="controlCharacter", line=3)
case("ctl-del.csv", u("a;b\n1;x\x7fy\n"),
     "DEL is refused", error="controlCharacter", line=2)
case("ctl-tab-and-quoted-breaks.csv", u('a,b\n\tx\t,"two\r\nlines"\n'),
     "a tab, and CR LF inside quotes, are read (the field rules decide where they may stand)",
     header=["a", "b"], rows=[["\tx\t", "two\r\nlines"]])
case("rfc-empty.csv", b"", "an empty file has no header", error="emptyFile", line=0)
case("rfc-utf16.csv", "a,b\n1,2\n".encode("utf-16"),
     "UTF-16 (with its BOM) is refused with advice", error="utf16", line=0)

# ---- Entries files (also imported by the CLI test once import exists) -------------
case("entries-comma.csv",
     u(",".join(ENTRY) + "\n"
       "C-1,L-1,2024-01-15,1250000.50,disbursement\n"
       "C-2,L-1,2024-02-01,250000,disbursement\n"
       "\"C-3\",\"L-1\",2024-03-01,\"1 234 567.89\",repayment\n"),
     "a comma file: decimal point, space grouping inside quotes",
     header=ENTRY,
     rows=[["C-1", "L-1", "2024-01-15", "1250000.50", "disbursement"],
           ["C-2", "L-1", "2024-02-01", "250000", "disbursement"],
           ["C-3", "L-1", "2024-03-01", "1 234 567.89", "repayment"]],
     amounts=["125000050", "25000000", "123456789"], delimiter=",", importable="ok")
case("se-excel-bom-crlf.csv",
     b"\xef\xbb\xbf" + u(";".join(ENTRY) + "\r\n"
       "S-1;L-1;2024-01-15;1" + NBSP + "250" + NBSP + "000,50;disbursement\r\n"
       "S-2;L-1;2024-02-01;250" + NNBSP + "000;disbursement\r\n"
       "S-3;L-1;2024-03-01;\"1 234,5\";repayment\r\n"),
     "Swedish Excel: BOM, semicolon, CRLF, decimal comma, NBSP and U+202F grouping",
     header=ENTRY,
     rows=[["S-1", "L-1", "2024-01-15", "1" + NBSP + "250" + NBSP + "000,50", "disbursement"],
           ["S-2", "L-1", "2024-02-01", "250" + NNBSP + "000", "disbursement"],
           ["S-3", "L-1", "2024-03-01", "1 234,5", "repayment"]],
     amounts=["125000050", "25000000", "123450"], delimiter=";", importable="ok")
case("se-excel-no-bom.csv",
     u(";".join(ENTRY) + "\n"
       "N-1;L-1;2024-01-15;99,99;disbursement\n"
       "N-2;L-1;2024-01-16;0,01;disbursement\n"),
     "semicolon without a BOM, LF line ends",
     header=ENTRY,
     rows=[["N-1", "L-1", "2024-01-15", "99,99", "disbursement"],
           ["N-2", "L-1", "2024-01-16", "0,01", "disbursement"]],
     amounts=["9999", "1"], delimiter=";", importable="ok")
case("se-minus.csv",
     u("name;value\nminus;" + MINUS + "1" + NBSP + "234,56\nhyphen;-7,5\n"),
     "U+2212 MINUS SIGN and a hyphen minus (where a negative is allowed)",
     header=["name", "value"],
     rows=[["minus", MINUS + "1" + NBSP + "234,56"], ["hyphen", "-7,5"]],
     amounts=["-123456", "-750"], allow_negative=True, delimiter=";")
cases[-1]["amount_column"] = "value"
case("se-minus-in-entries.csv",
     u(";".join(ENTRY) + "\nM-1;L-1;2024-01-15;" + MINUS + "100,00;disbursement\n"),
     "a minus in an entries file is refused (amounts are positive; kind says the direction)",
     header=ENTRY, rows=[["M-1", "L-1", "2024-01-15", MINUS + "100,00", "disbursement"]],
     amounts=["!negativeNotAllowed"], delimiter=";", importable="refused:2")
case("se-point-in-comma-file.csv",
     u(";".join(ENTRY) + "\nP-1;L-1;2024-01-15;100,00;disbursement\nP-2;L-1;2024-01-15;12.5;disbursement\n"),
     "\"12.5\" in a decimal-comma file is refused, never read as 125 or 12",
     header=ENTRY,
     rows=[["P-1", "L-1", "2024-01-15", "100,00", "disbursement"],
           ["P-2", "L-1", "2024-01-15", "12.5", "disbursement"]],
     amounts=["10000", "!decimalPointInCommaFile"], delimiter=";", importable="refused:3")
case("se-mixed-separators.csv",
     u(";".join(ENTRY) + "\nX-1;L-1;2024-01-15;1.234,56;disbursement\n"),
     "\"1.234,56\" is refused: the grouping is ambiguous",
     header=ENTRY, rows=[["X-1", "L-1", "2024-01-15", "1.234,56", "disbursement"]],
     amounts=["!mixedSeparators"], delimiter=";", importable="refused:2")
case("se-three-decimals.csv",
     u(";".join(ENTRY) + "\nT-1;L-1;2024-01-15;1,567;disbursement\n"),
     "three decimals are refused, never truncated to 1,56",
     header=ENTRY, rows=[["T-1", "L-1", "2024-01-15", "1,567", "disbursement"]],
     amounts=["!tooManyDecimals"], delimiter=";", importable="refused:2")
case("comma-three-decimals.csv",
     u(",".join(ENTRY) + "\nD-1,L-1,2024-01-15,12.345,disbursement\n"),
     "three decimals in a comma file are refused",
     header=ENTRY, rows=[["D-1", "L-1", "2024-01-15", "12.345", "disbursement"]],
     amounts=["!tooManyDecimals"], delimiter=",", importable="refused:2")
case("comma-decimal-comma.csv",
     u(",".join(ENTRY) + "\nK-1,L-1,2024-01-15,\"12,50\",disbursement\n"),
     "a decimal comma in a comma file (quoted) is refused",
     header=ENTRY, rows=[["K-1", "L-1", "2024-01-15", "12,50", "disbursement"]],
     amounts=["!decimalCommaInPointFile"], delimiter=",", importable="refused:2")
case("se-bad-grouping.csv",
     u("name;amount_sek\na;12 34\nb;1234 567\nc;1 234 567\nd;12 EUR\ne;1 234,50 kr\nf;250 SEK\n"),
     "grouping only in threes; a word after a number is refused, except the currency kr or SEK",
     header=["name", "amount_sek"],
     rows=[["a", "12 34"], ["b", "1234 567"], ["c", "1 234 567"], ["d", "12 EUR"], ["e", "1 234,50 kr"], ["f", "250 SEK"]],
     amounts=["!badGrouping", "!badGrouping", "123456700", "!trailingText", "123450", "25000"], delimiter=";")

# ---- Windows-1252 ----------------------------------------------------------------
latin = "kommun;namn;belopp\n1480;Göteborg;1 000,00\n1280;Malmö – centrum;€ 5\n".encode("cp1252")
case("win1252.csv", latin,
     "Windows-1252 bytes (ö, en dash, euro) refused as UTF-8 at the first bad line",
     error="invalidUTF8", line=2)
case("win1252.csv", latin,
     "the same file converted with --encoding windows-1252",
     encoding="windows-1252", header=["kommun", "namn", "belopp"],
     rows=[["1480", "Göteborg", "1 000,00"], ["1280", "Malmö – centrum", "€ 5"]], delimiter=";")
case("win1252-undefined-byte.csv", b"a;b\n1;x\x81y\n",
     "0x81 is undefined in Windows-1252: refused, not garbled",
     encoding="windows-1252", error="undefinedWindows1252Byte", line=2)
case("utf8-as-win1252.csv", u("a;b\n1;Göteborg\n"),
     "a UTF-8 file read with --encoding windows-1252 is refused (it would be garbled)",
     encoding="windows-1252", error="utf8InWindows1252Mode", line=2)
case("bom-as-win1252.csv", b"\xef\xbb\xbfa;b\n1;2\n",
     "a UTF-8 BOM with --encoding windows-1252 is refused",
     encoding="windows-1252", error="utf8ByteOrderMarkInWindows1252Mode", line=0)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"about": __doc__.strip().splitlines()[0], "cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases, {len({c['file'] for c in cases})} files in {os.path.normpath(OUT)}")
