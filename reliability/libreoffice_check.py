#!/usr/bin/env python3
"""Opens hallbar's xlsx and csv-excel reports with LibreOffice (headless) and compares
what LibreOffice reads with the JSON output of the same report.

  python3 reliability/libreoffice_check.py --bin .build/debug/hallbar --seeds Seeds

- xlsx: LibreOffice converts each workbook to CSV, one file per sheet, unformatted values
  (token 9 false); the amounts are compared with the JSON's öre, the dates and fractions too.
- csv-excel: LibreOffice imports the Swedish CSV (`;`, decimal comma, BOM) with Swedish
  settings and saves it as xlsx; openpyxl (when installed) checks that amounts, dates and
  percentages became numbers and dates, not text.
Ends with one line "libreoffice-check: N passed, M failed". Needs soffice
(apt-get install libreoffice-calc-nogui).
"""
import argparse
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

PASSED = 0
FAILED = 0


def check(ok, what):
    global PASSED, FAILED
    if ok:
        PASSED += 1
    else:
        FAILED += 1
        print('FAIL: ' + what)


def hallbar(binary, *args):
    result = subprocess.run([binary] + list(args), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit('hallbar %s: %s' % (' '.join(args), result.stderr))
    return result.stdout


SWEDISH = dict(os.environ, LC_ALL='sv_SE.UTF-8', LANG='sv_SE.UTF-8')


def soffice(*args, cwd, swedish=False):
    env = SWEDISH if swedish else dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8')
    subprocess.run(['soffice', '--headless'] + list(args), cwd=cwd, check=True, capture_output=True, env=env)


def sheets_as_csv(workbook, folder):
    """Every sheet of `workbook` as rows, read by LibreOffice: {sheet name: [[cell, …], …]}."""
    out = os.path.join(folder, 'csv-' + os.path.basename(workbook))
    soffice('--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
            '--outdir', out, workbook, cwd=folder)
    stem = os.path.splitext(os.path.basename(workbook))[0]
    result = {}
    for path in glob.glob(os.path.join(out, stem + '-*.csv')):
        with open(path, encoding='utf-8') as f:
            result[os.path.basename(path)[len(stem) + 1:-4]] = list(csv.reader(f))
    return result


def ore(text):
    """A LibreOffice number cell in kronor as öre (exact: parsed as decimal text)."""
    whole, _, frac = text.partition('.')
    negative = whole.startswith('-')
    value = abs(int(whole or '0')) * 100 + int((frac + '00')[:2])
    return -value if negative else value


def fraction_text(text):
    return round(float(text.rstrip('%')) / 100, 6) if text.endswith('%') else round(float(text), 6)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--bin', required=True)
    parser.add_argument('--seeds', default='Seeds')
    args = parser.parse_args()
    if shutil.which('soffice') is None:
        sys.exit('libreoffice-check: soffice not found (apt-get install libreoffice-calc-nogui)')
    binary = os.path.abspath(args.bin)
    folder = tempfile.mkdtemp(prefix='hallbar-lo-')
    db = os.path.join(folder, 'demo.db')
    hallbar(binary, 'seed', '--db', db, '--dir', args.seeds)

    # shares
    common = ['report', 'shares', '--db', db, '--as-of', '2024-12-31', '--compare', '2023-12-31']
    data = json.loads(hallbar(binary, *common, '--format', 'json'))
    book = os.path.join(folder, 'shares.xlsx')
    hallbar(binary, *common, '--format', 'xlsx', '--out', book)
    sheets = sheets_as_csv(book, folder)
    check(set(sheets) == {'Andelar', 'Om rapporten'}, 'shares sheets: %s' % sorted(sheets))
    rows = sheets.get('Andelar', [])
    check(rows and rows[0] == ['Rad', '2023-12-31', '2024-12-31', 'Förändring', 'Nyckel'], 'shares header %s' % rows[:1])
    for row in rows[1:]:
        key = row[4]
        if key.endswith('_ore'):
            for column, date in ((1, '2023-12-31'), (2, '2024-12-31')):
                check(ore(row[column]) == data['dates'][date][key], 'shares %s %s: %s' % (key, date, row[column]))
            check(abs(fraction_text(row[3]) - data['change'][key]) < 1e-9, 'shares change %s: %s' % (key, row[3]))
        else:
            check(abs(fraction_text(row[2]) - data['dates']['2024-12-31'][key]) < 1e-9, 'shares %s: %s' % (key, row[2]))

    # social
    common = ['report', 'social', '--db', db, '--as-of', '2025-03-18']
    data = json.loads(hallbar(binary, *common, '--format', 'json'))
    book = os.path.join(folder, 'social.xlsx')
    hallbar(binary, *common, '--format', 'xlsx', '--out', book)
    rows = sheets_as_csv(book, folder).get('Portföljen', [])
    for row in rows[1:]:
        key = row[2]
        value = ore(row[1]) if key.endswith('_ore') else int(row[1])
        check(value == data[key], 'social %s: %s' % (key, row[1]))

    # follow-up: projects' figures and dates
    common = ['report', 'followup', '--db', db, '--year', '2023']
    data = json.loads(hallbar(binary, *common, '--format', 'json'))
    book = os.path.join(folder, 'followup.xlsx')
    hallbar(binary, *common, '--format', 'xlsx', '--out', book)
    sheets = sheets_as_csv(book, folder)
    rows = sheets.get('Projekt', [])
    check(len(rows) - 1 == len(data['projects']), 'followup projects %d' % (len(rows) - 1))
    for row, project in zip(rows[1:], data['projects']):
        check(int(row[0]) == project['project_number'], 'followup project number %s' % row[0])
        check(ore(row[6]) == project['approved_ore'], 'followup approved %s' % row[6])
        check(ore(row[7]) == project['disbursed_ore'], 'followup disbursed %s' % row[7])
    indicators = [i for p in data['projects'] for i in p['indicators']]
    rows = sheets.get('Indikatorer 2023', [])
    check(len(rows) - 1 == len(indicators), 'followup indicators %d' % (len(rows) - 1))
    for row, indicator in zip(rows[1:], indicators):
        check(row[1] == indicator['indicator_id'] and row[13] == indicator['status'], 'followup %s' % row[1])

    # market
    common = ['report', 'market', '--db', db, '--year', '2020', '--as-of', '2024-12-31']
    data = json.loads(hallbar(binary, *common, '--format', 'json'))
    book = os.path.join(folder, 'market.xlsx')
    hallbar(binary, *common, '--format', 'xlsx', '--out', book)
    rows = sheets_as_csv(book, folder).get('Kommuner 2020', [])
    check(len(rows) - 1 == len(data['municipalities']), 'market municipalities')
    for row, m in zip(rows[1:], data['municipalities']):
        check(row[0] == m['municipality_code'] and int(row[2]) == m['index_value'], 'market %s' % row[0])

    # csv-excel opened with Swedish settings: numbers, dates and percentages, not text.
    text_file = os.path.join(folder, 'andelar.csv')
    hallbar(binary, 'report', 'shares', '--db', db, '--as-of', '2024-12-31', '--compare', '2023-12-31',
            '--format', 'csv-excel', '--out', text_file)
    soffice('--infilter=CSV:59,34,76,1,,1053', '--convert-to', 'xlsx', '--outdir', os.path.join(folder, 'fromcsv'),
            text_file, cwd=folder, swedish=True)
    try:
        import openpyxl
        ws = openpyxl.load_workbook(os.path.join(folder, 'fromcsv', 'andelar.xlsx')).active
        row = [c.value for c in ws[2]]
        check(isinstance(row[1], (int, float)) and round(row[2] * 100) == 9158765432109, 'csv-excel amounts: %s' % row)
        check(isinstance(row[3], float) and abs(row[3] - 0.154224) < 1e-9, 'csv-excel percentage: %s' % row)
        check(ws['B1'].is_date, 'csv-excel date header read as a date')
    except ImportError:
        print('openpyxl missing: the csv-excel check is skipped')

    shutil.rmtree(folder)
    print('libreoffice-check: %d passed, %d failed' % (PASSED, FAILED))
    sys.exit(1 if FAILED else 0)


if __name__ == '__main__':
    main()
