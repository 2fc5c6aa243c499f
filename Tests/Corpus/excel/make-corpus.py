#!/usr/bin/env python3
"""Builds the Excel-habits corpus: a spreadsheet made the way a loan officer makes one
(Swedish labels, headers in mixed case, amounts formatted with thousands separators,
dates as date cells, booleans as boolean cells, municipality codes typed as numbers so
the leading zero is lost, 12-digit organisation numbers, a `sep=;` first line, empty
formula cells that make trailing empty columns), written as a flat OpenDocument
spreadsheet (portfolj.fods), then saved as CSV by LibreOffice itself, headless, with
Swedish settings. See README.md beside this file for the exact commands.

Run from this folder: python3 make-corpus.py  (needs soffice: apt-get install libreoffice-calc-nogui)
"""
import os
import shutil
import subprocess
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

# Each cell: str (text), int/float (number, plain), ('money', n) (number formatted "# ##0,00"),
# ('date', 'YYYY-MM-DD') (a date cell), ('bool', True) (a boolean cell), None (empty),
# ('blank',) (a formula ="" : an empty value that still counts as used, as cleared
# cells do in Excel, so the CSV gets empty trailing columns).
B = ('blank',)

SHEETS = {
    "members": {
        "sep_line": True,  # A1 holds "sep=;": the table starts on row 2
        "rows": [
            [" Org_No ", "Name", "Municipality_Code", B, B],
            ["16212000-2882", "Botkyrka kommun", 127, B, B],
            ["212000-3005", "Uppsala kommun", 380, B, B],
            ["232100-0016", "Region Stockholm", None, B, B],
        ],
    },
    "borrowers": {
        "rows": [
            ["ORG_NO", "Name ", "Owner_Org_No"],
            ["212000-2882", "Botkyrka kommun", "16212000-2882"],
            ["556900-1018", "Botkyrkabyggen AB", "212000-2882"],
            ["212000-3005", "Uppsala kommun", "212000-3005"],
            ["556900-1117", "Uppsala Energi AB", "212000-3005"],
        ],
    },
    "projects": {
        "rows": [
            ["Project_Number", "Programme", "Borrower_Org_No", "Title", "Category", "Investment_Type", "Approved_SEK",
             "Decision_Date", "Status", "Total_Cost_SEK", "Framework_Version", "Basic_Requirements",
             "Physical_Investment", "Social_Intervention", "Social_Goals"],
            [1, "Social", "556900-1018", "Socialt hållbara stadsdelar – Alby och Fittja", "Boende och boendemiljöer", 1,
             ('money', 2000000000), ('date', '2022-03-15'), "Beviljad", ('money', 3500000000), None, "5/5",
             "Stambyten i 1 200 lägenheter.\nNya entréer; \"trygga\" gårdar.", "Boendedialog och sommarjobb", "Ökad trivsel; Ökad trygghet"],
            [2, "Grön", "556900-1117", "Solpark Uppsala", "Förnybar energi", None,
             ('money', 18000000.5), ('date', '2023-05-02'), "beviljad", None, "2022", None, None, None, None],
            [3, "social", "212000-2882", "Fritidsgård Tumba", "Hälsa, utbildning, idrott och kultur", 2,
             ('money', 45000000), ('date', '2023-09-01'), "Avslagen", None, None, "11100", None, None, None],
        ],
    },
    "loans": {
        "rows": [
            ["Loan_Number", "Borrower_Org_No", "Programme", "Project_Number", "Green_Bond_Eligible", B],
            [220001, "556900-1018", "Social", 1, None, B],
            [230001, "556900-1117", "Grön", 2, ('bool', True), B],
            [230002, "556900-1117", "grön", 2, ('bool', False), B],
            [900001, "212000-3005", "Övrig", None, None, B],
        ],
    },
    "entries": {
        "rows": [
            ["External_ID", "Loan_Number", "Value_Date", "Amount_SEK", "Kind"],
            ["X-1", 220001, ('date', '2022-06-30'), ('money', 1100000000), "Utbetalning"],
            ["X-2", 230001, ('date', '2023-06-30'), ('money', 10000000.5), "Disbursement"],
            ["X-3", 230002, ('date', '2023-07-01'), ('money', 8000000), "utbetalning"],
            ["X-4", 230001, ('date', '2024-01-31'), ('money', 250000.25), "Amortering"],
            ["X-5", 900001, ('date', '2024-02-29'), ('money', 1234567.89), "UTBETALNING"],
        ],
    },
    "indicators": {
        "rows": [
            ["Indicator_ID", "Project_Number", "Area", "Goal", "Name", "Unit", "Direction", "Baseline_Value",
             "Baseline_Year", "Target", "Target_Text", "Target_Year"],
            ["ALBY-TRIVSEL", 1, "Alby", "Ökad trivsel", "Trivsel i lägenheten Alby", "index", "Högre", 86.5, 2022,
             ">=90", "90 (2025)", 2025],
            ["ALBY-HYRA", 1, "Alby", "Hållbara ROT-projekt", "Hyreshöjning vid ROT", "%", "Lägre", 15, 2022,
             "<=20", "≤20 %", None],
        ],
    },
    "readings": {
        "rows": [
            ["Indicator_ID", "Year", "Value"],
            ["ALBY-TRIVSEL", 2023, 86.25],
            ["ALBY-HYRA", 2023, 14],
        ],
    },
}


def cell(value):
    if value is None:
        return '<table:table-cell/>'
    if value == B:
        return '<table:table-cell table:formula="of:=&quot;&quot;" office:value-type="string" office:string-value=""><text:p/></table:table-cell>'
    if isinstance(value, tuple) and value[0] == 'money':
        return ('<table:table-cell table:style-name="money" office:value-type="float" office:value="%s"><text:p/></table:table-cell>'
                % repr(value[1]))
    if isinstance(value, tuple) and value[0] == 'date':
        return ('<table:table-cell table:style-name="date" office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>'
                % (value[1], value[1]))
    if isinstance(value, tuple) and value[0] == 'bool':
        v = 'true' if value[1] else 'false'
        return ('<table:table-cell table:style-name="bool" office:value-type="boolean" office:boolean-value="%s"><text:p/></table:table-cell>'
                % v)
    if isinstance(value, (int, float)):
        return '<table:table-cell office:value-type="float" office:value="%s"><text:p/></table:table-cell>' % repr(value)
    paragraphs = ''.join('<text:p>%s</text:p>' % escape(line) for line in value.split('\n'))
    return '<table:table-cell office:value-type="string">%s</table:table-cell>' % paragraphs


def fods():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
           'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
           '<office:styles><style:default-style style:family="table-cell">'
           '<style:text-properties fo:language="sv" fo:country="SE"/></style:default-style></office:styles>',
           '<office:automatic-styles>',
           # "# ##0,00": grouping and two decimals, Swedish.
           '<number:number-style style:name="N_money" number:language="sv" number:country="SE">'
           '<number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>'
           '</number:number-style>',
           # Swedish short date: YYYY-MM-DD.
           '<number:date-style style:name="N_date" number:language="sv" number:country="SE">'
           '<number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>'
           '<number:text>-</number:text><number:day number:style="long"/></number:date-style>',
           # A boolean shown as Swedish Calc shows it: SANT / FALSKT.
           '<number:boolean-style style:name="N_bool" number:language="sv" number:country="SE"><number:boolean/></number:boolean-style>',
           '<style:style style:name="money" style:family="table-cell" style:data-style-name="N_money"/>',
           '<style:style style:name="bool" style:family="table-cell" style:data-style-name="N_bool"/>',
           '<style:style style:name="date" style:family="table-cell" style:data-style-name="N_date"/>',
           '</office:automatic-styles>',
           '<office:body><office:spreadsheet>']
    for name, sheet in SHEETS.items():
        out.append('<table:table table:name="%s">' % name)
        if sheet.get('sep_line'):
            out.append('<table:table-row>%s</table:table-row>' % cell('sep=;'))
        for row in sheet['rows']:
            out.append('<table:table-row>%s</table:table-row>' % ''.join(cell(v) for v in row))
        out.append('</table:table>')
    out.append('</office:spreadsheet></office:body></office:document>')
    return '\n'.join(out) + '\n'


# LibreOffice takes its locale (decimal separator, TRUE/FALSE words) from the environment.
SWEDISH = dict(os.environ, LC_ALL='sv_SE.UTF-8', LANG='sv_SE.UTF-8', LANGUAGE='sv')


def run(*args):
    print('$ LC_ALL=sv_SE.UTF-8 LANG=sv_SE.UTF-8 LANGUAGE=sv '
          + ' '.join("'%s'" % a if (' ' in a or ';' in a) else a for a in args))
    subprocess.run(args, check=True, cwd=HERE, env=SWEDISH)


def main():
    with open(os.path.join(HERE, 'portfolj.fods'), 'w', encoding='utf-8') as f:
        f.write(fods())
    for folder in ['sv-utf8', 'sv-utf8-bom', 'sv-windows-1252', 'sv-via-xlsx', 'xlsx', 'work']:
        shutil.rmtree(os.path.join(HERE, folder), ignore_errors=True)
    # Token 1 field separator (59 ';'), 2 text delimiter (34 '"'), 3 character set (76 UTF-8,
    # 1 Windows-1252), 4 first line, 5 column formats, 6 language (1053 sv-SE), 7 quoted
    # field as text, 8 detect special numbers, 9 save cell contents as shown, 10 formulas,
    # 11 remove spaces, 12 sheet (-1: every sheet, one file each).
    run('soffice', '--headless', '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,76,1,,1053,false,true,true,false,false,-1',
        '--outdir', 'sv-utf8', 'portfolj.fods')
    run('soffice', '--headless', '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,1,1,,1053,false,true,true,false,false,-1',
        '--outdir', 'sv-windows-1252', 'portfolj.fods')
    # The workbook as xlsx (LibreOffice's own Excel 2007-365 writer), then that xlsx to CSV.
    run('soffice', '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', 'work', 'portfolj.fods')
    run('soffice', '--headless', '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,76,1,,1053,false,true,true,false,false,-1',
        '--outdir', 'sv-via-xlsx', 'work/portfolj.xlsx')
    # The workbook itself, for `hallbar import KIND portfolj.xlsx` (each kind's sheet is named as the kind).
    os.makedirs(os.path.join(HERE, 'xlsx'))
    shutil.copy(os.path.join(HERE, 'work', 'portfolj.xlsx'), os.path.join(HERE, 'xlsx', 'portfolj.xlsx'))
    shutil.rmtree(os.path.join(HERE, 'work'))
    # LibreOffice 7.4 cannot write a byte order mark into CSV (its "Include BOM" option came
    # with 7.6); Excel's "CSV UTF-8" always writes one. These are the sv-utf8 files with
    # the three bytes EF BB BF put in front, nothing else changed.
    os.makedirs(os.path.join(HERE, 'sv-utf8-bom'))
    for name in sorted(os.listdir(os.path.join(HERE, 'sv-utf8'))):
        with open(os.path.join(HERE, 'sv-utf8', name), 'rb') as f:
            data = f.read()
        with open(os.path.join(HERE, 'sv-utf8-bom', name), 'wb') as f:
            f.write(b'\xef\xbb\xbf' + data)
    print('done')


if __name__ == '__main__':
    main()
