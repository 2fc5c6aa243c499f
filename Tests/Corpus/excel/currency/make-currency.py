#!/usr/bin/env python3
"""Builds the currency corpus: an entries sheet whose amounts carry LibreOffice's Swedish
currency format ("# ##0,00 kr"), as an officer's spreadsheet often does, saved as CSV by
LibreOffice itself, headless, with Swedish settings (the same filter options as
make-corpus.py). See README.md beside this file.

Run from this folder: python3 make-currency.py  (needs soffice)
"""
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))

# (external_id, loan_number, value_date, amount in SEK, kind)
ROWS = [
    ("KR-1", 210001, "2024-05-02", 42000000, "Utbetalning"),
    ("KR-2", 210001, "2024-05-03", 1234567.5, "Amortering"),
    ("KR-3", 210002, "2024-05-04", 250, "Amortering"),
]


def fods():
    cells = []
    for ext, loan, day, amount, kind in ROWS:
        cells.append(
            '<table:table-row>'
            '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
            '<table:table-cell office:value-type="float" office:value="%d"><text:p/></table:table-cell>'
            '<table:table-cell table:style-name="date" office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>'
            '<table:table-cell table:style-name="kr" office:value-type="currency" office:currency="SEK" office:value="%s"><text:p/></table:table-cell>'
            '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
            '</table:table-row>' % (ext, loan, day, day, repr(amount), kind))
    header = ''.join('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % h
                     for h in ["External_ID", "Loan_Number", "Value_Date", "Amount_SEK", "Kind"])
    return '\n'.join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
        '<office:styles><style:default-style style:family="table-cell">'
        '<style:text-properties fo:language="sv" fo:country="SE"/></style:default-style></office:styles>',
        '<office:automatic-styles>',
        # LibreOffice's Swedish currency format: "# ##0,00 kr".
        '<number:currency-style style:name="N_kr" number:language="sv" number:country="SE">'
        '<number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>'
        '<number:text> </number:text>'
        '<number:currency-symbol number:language="sv" number:country="SE">kr</number:currency-symbol>'
        '</number:currency-style>',
        '<number:date-style style:name="N_date" number:language="sv" number:country="SE">'
        '<number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>'
        '<number:text>-</number:text><number:day number:style="long"/></number:date-style>',
        '<style:style style:name="kr" style:family="table-cell" style:data-style-name="N_kr"/>',
        '<style:style style:name="date" style:family="table-cell" style:data-style-name="N_date"/>',
        '</office:automatic-styles>',
        '<office:body><office:spreadsheet><table:table table:name="entries">',
        '<table:table-row>%s</table:table-row>' % header,
        '\n'.join(cells),
        '</table:table></office:spreadsheet></office:body></office:document>',
    ]) + '\n'


SWEDISH = dict(os.environ, LC_ALL='sv_SE.UTF-8', LANG='sv_SE.UTF-8', LANGUAGE='sv')


def main():
    with open(os.path.join(HERE, 'valuta.fods'), 'w', encoding='utf-8') as f:
        f.write(fods())
    shutil.rmtree(os.path.join(HERE, 'sv-utf8-currency'), ignore_errors=True)
    subprocess.run(['soffice', '--headless', '--convert-to',
                    'csv:Text - txt - csv (StarCalc):59,34,76,1,,1053,false,true,true,false,false,-1',
                    '--outdir', 'sv-utf8-currency', 'valuta.fods'], check=True, cwd=HERE, env=SWEDISH)
    print('done')


if __name__ == '__main__':
    main()
