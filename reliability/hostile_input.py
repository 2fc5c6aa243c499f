"""Issue 17's classes of hostile input for `make reliability` (run.py imports this file).

Four groups, each printing one line of figures:
- outputs:  `--out` at the ledger and its aliases, its -wal (holding a committed write),
            -shm and -journal, other SQLite files and their journals, FIFOs, sockets, a
            device node, a folder: every run exits 73 and changes nothing; regular files
            and links to them are written by rename.
- unicode:  a corpus of hostile text (NUL, every C0 and C1 control, DEL, zero-width and
            bidi characters, BOM, line and paragraph separators, combining marks, non-ASCII
            digits, over-long values) in every text column of every import kind and in the
            options that store text: each exits 65 naming line and column (or option), shows
            no raw control character, quotes at most a short value, and writes nothing.
- amounts:  amounts at the limit of 10^12 SEK accepted, past it refused; sums that leave 64
            bits (92 300 entries of 10^12 SEK imported through hallbar, and amounts written
            past it) give exit 65 and a clear message in every report, repay and assert, and
            verify names the loan without a false "below zero".
- queries:  an endless query stops at --timeout (exit 69); 10^4 and 10^6 rows in every
            format have the same peak memory; one that accumulates 600 MB stops at the heap
            limit (exit 69); fts3_tokenizer is refused; SQL that starts with a comment runs.
"""
import os
import shutil
import socket
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))

GROUPS = ["outputs", "unicode", "amounts", "queries"]


def seeded(hallbar, work, name, sql_fn):
    db = os.path.join(work, name)
    for s in ["", "-wal", "-shm", "-journal"]:
        if os.path.exists(db + s):
            os.remove(db + s)
    code, _, err = hallbar(["seed", "--dir", os.path.join(ROOT, "Seeds")], db)
    if code != 0:
        raise RuntimeError(f"seed failed: {err.strip()[:300]}")
    return db


def file_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def raw_controls(text):
    """Control, bidi and separator characters a terminal would act on."""
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F
            or ord(c) in (0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF) or 0x202A <= ord(c) <= 0x202E
            or 0x2066 <= ord(c) <= 0x2069]


# ---------------------------------------------------------------------------------
# Hostile output targets


def outputs(suite, say, sql, hallbar, work):
    say("== hostile output targets (--out)")
    d = os.path.join(work, "outputs")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "sub"))
    db = seeded(hallbar, d, "l.db", sql)
    copy = os.path.join(d, "copy.db")
    hallbar(["backup", copy], db)
    targets = []  # (label, path)

    def link(name, to):
        p = os.path.join(d, name)
        os.symlink(to, p)
        return p

    targets += [("ledger", db), ("ledger via sub/..", os.path.join(d, "sub", "..", "l.db")),
                ("ledger via symlink", link("alias.db", "l.db")),
                ("ledger -wal", db + "-wal"), ("ledger -shm", db + "-shm"), ("ledger -journal", db + "-journal"),
                ("symlink to -wal", link("wal-link", "l.db-wal")),
                ("another SQLite file", copy), ("its -wal", copy + "-wal"), ("its -journal", copy + "-journal"),
                ("folder", d), ("missing folder", os.path.join(d, "no", "such", "x.txt"))]
    # A second name for the ledger (a hard link) makes every command refuse the ledger itself
    # (exit 66, issue 17's review: SQLite keeps the WAL beside the name used), so it is checked
    # on its own, then removed before the other targets.
    hard = os.path.join(d, "hard.db")
    os.link(db, hard)
    before = {p: file_bytes(p) for p in [db, db + "-wal"] if os.path.exists(p)}
    code, _, err = hallbar(["report", "shares", "--as-of", "2024-12-31", "--out", hard], db)
    suite.check("outputs: a ledger with a second name (hard link) is refused, written to by nobody",
                code == 66 and "2 hard links" in err and all(file_bytes(p) == b for p, b in before.items()),
                f"exit {code}: {err.strip()[:200]}")
    os.remove(hard)
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    targets.append(("FIFO", fifo))
    sock_path = os.path.join(d, "sock")
    s = socket.socket(socket.AF_UNIX)
    s.bind(sock_path)
    targets.append(("socket", sock_path))
    if os.geteuid() == 0:
        dev = os.path.join(d, "null")
        os.mknod(dev, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        targets.append(("character device", dev))
    # A committed write that sits in the WAL while another connection keeps it open.
    import sqlite3 as pysqlite
    holder = pysqlite.connect(db)
    holder.execute("SELECT count(*) FROM ledger_entries").fetchall()
    code, _, err = hallbar(["disburse", "--loan", "220001", "--date", "2025-05-02", "--amount", "123", "--id", "IN-WAL"], db)
    suite.check("outputs: a write sits in the WAL", code == 0 and os.path.getsize(db + "-wal") > 0, err.strip()[:200])
    reports = [["report", "shares", "--as-of", "2024-12-31"], ["report", "social", "--as-of", "2024-12-31", "--format", "html"],
               ["report", "followup", "--year", "2023", "--format", "md"], ["report", "market", "--year", "2012", "--format", "csv"]]
    runs = refused = 0
    for label, target in targets:
        for report in reports:
            before = {p: file_bytes(p) for p in [db, db + "-wal", copy]}
            kind = os.lstat(target).st_mode if os.path.lexists(target) else None
            # (A -shm is shared memory: every reader, this report's too, writes its read marks.)
            target_bytes = file_bytes(target) if kind is not None and stat.S_ISREG(kind) and not target.endswith("-shm") else None
            code, out, err = hallbar(report + ["--out", target], db, timeout=120)
            runs += 1
            after_kind = os.lstat(target).st_mode if os.path.lexists(target) else None
            ok = code == 73 and err.startswith("Error: cannot write the report to ")
            ok = ok and all(file_bytes(p) == b for p, b in before.items())
            ok = ok and (kind is None) == (after_kind is None) and (kind is None or stat.S_IFMT(kind) == stat.S_IFMT(after_kind))
            ok = ok and (target_bytes is None or file_bytes(target) == target_bytes)
            leftovers = [n for n in os.listdir(d) if n.startswith(".")]
            ok = ok and not leftovers
            refused += code == 73
            suite.check(f"outputs: {' '.join(report[:2])} --out {label}", ok,
                        f"exit {code}: {err.strip()[:200]}; leftovers {leftovers}")
    holder.close()
    s.close()
    wal_row = sql(db, "SELECT count(*) FROM ledger_entries WHERE external_id = 'IN-WAL';")
    code, out, err = hallbar(["verify"], db)
    suite.check("outputs: the ledger and its WAL write survive", wal_row == "1" and code == 0, f"{wal_row} {out[:200]} {err[:200]}")
    # Regular files, and a link to one: written by rename, the link kept.
    regular = os.path.join(d, "shares.txt")
    with open(regular, "w") as f:
        f.write("old")
    os.chmod(regular, 0o640)
    ino = os.stat(regular).st_ino
    code, _, err = hallbar(["report", "shares", "--as-of", "2024-12-31", "--out", regular], db)
    st = os.stat(regular)
    suite.check("outputs: a regular file is replaced by rename", code == 0 and st.st_ino != ino and stat.S_IMODE(st.st_mode) == 0o640
                and b"Huvudbokens hash" in file_bytes(regular), err[:200])
    lnk = link("link.txt", "shares.txt")
    code, _, err = hallbar(["report", "shares", "--as-of", "2024-12-31", "--out", lnk], db)
    suite.check("outputs: a link to a regular file writes its target", code == 0 and os.path.islink(lnk), err[:200])
    say(f"outputs: {len(targets)} hostile targets x {len(reports)} reports = {runs} runs, {refused} refused with exit 73, "
        f"0 files changed; regular files and links written by rename")
    suite.figure("outputs", {"targets": len(targets), "runs": runs, "refused": refused})


# ---------------------------------------------------------------------------------
# Unicode corpus


def hostile_strings():
    """(label, text, applies to keys only) of the corpus."""
    out = [("NUL", "A\x00B", False), ("DEL", "A\x7fB", False)]
    out += [(f"C0 U+{c:04X}", f"A{chr(c)}B", False) for c in range(0x01, 0x20) if c not in (0x0A, 0x0D)]
    out += [("LF (quoted)", "A\nB", False), ("CR (quoted)", "A\rB", False)]
    out += [(f"C1 U+{c:04X}", f"A{chr(c)}B", False) for c in range(0x80, 0xA0)]
    for c, name in [(0x200B, "zero width space"), (0x200C, "ZWNJ"), (0x200D, "ZWJ"), (0x2060, "word joiner"),
                    (0x200E, "LRM"), (0x200F, "RLM"), (0x202A, "LRE"), (0x202B, "RLE"), (0x202C, "PDF"), (0x202D, "LRO"),
                    (0x202E, "RLO"), (0x2066, "LRI"), (0x2067, "RLI"), (0x2068, "FSI"), (0x2069, "PDI"), (0xFEFF, "BOM"),
                    (0x2028, "line separator"), (0x2029, "paragraph separator"), (0x00AD, "soft hyphen")]:
        out.append((name, f"A{chr(c)}B", False))
    out += [("combining acute", "E-1\u0301", True), ("combining enclosing circle", "E\u20dd1", True),
            ("Arabic-Indic digits", "\u0662\u0663\u0660\u0660", True), ("Devanagari digits", "\u0967\u0968", True),
            ("fullwidth digits", "\uff11\uff12", True), ("NBSP", "E\u00a01", True), ("space", "E 1", True),
            ("Latin letter with diacritic", "Å-1", True), ("key of 65", "E" * 65, True),
            ("name of 2 001", "Å" * 2001, False), ("10 MB value", "E" * 10_000_000, False)]
    return out


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def unicode_corpus(suite, say, sql, hallbar, work):
    say("== Unicode corpus: keys, names and free text")
    d = os.path.join(work, "unicode")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    db = seeded(hallbar, d, "l.db", sql)
    sql(db, "PRAGMA wal_checkpoint(TRUNCATE);")
    dump_before = sql(db, ".dump")
    # (kind, header, row template with {X}, column, key?)
    rows = [
        ("entries", "external_id,loan_number,value_date,amount_sek,kind", "{X},230001,2025-05-01,100,disbursement", "external_id", True),
        ("entries", "external_id,loan_number,value_date,amount_sek,kind", "U-1,{X},2025-05-01,100,disbursement", "loan_number", True),
        ("loans", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible", "{X},556900-1018,other,,", "loan_number", True),
        ("members", "org_no,name,municipality_code", "212000-0001,{X},0180", "name", False),
        ("borrowers", "org_no,name,owner_org_no", "212000-0001,{X},212000-2882", "name", False),
        ("indicators", "indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year",
         "{X},1,Alby,Mål,Namn,%,higher,1,2022,>=2,2,2025", "indicator_id", True),
        ("indicators", "indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year",
         "U-IND,1,Alby,Mål,{X},%,higher,1,2022,>=2,2,2025", "name", False),
        ("indicators", "indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year",
         "U-IND,1,Alby,Mål,Namn,{X},higher,1,2022,>=2,2,2025", "unit", False),
        ("readings", "indicator_id,year,value", "ALBY-TRIVSEL-LGH,2026,{X}", "value", False),
        ("market", "municipality_code,municipality,year,index_value,source", "0180,Stockholm,2030,20000,{X}", "source", False),
    ]
    cases = refused = 0
    longest = 0
    for label, text, key_only in hostile_strings():
        for kind, header, template, column, is_key in rows:
            if key_only and not is_key:
                continue
            field = csv_field(text)
            path = os.path.join(d, f"{kind}.csv")
            with open(path, "wb") as f:
                f.write((header + "\n" + template.replace("{X}", field) + "\n").encode("utf-8", "surrogatepass"))
            code, out, err = hallbar(["import", kind, path], db, timeout=300)
            cases += 1
            first = err.strip().splitlines()[0] if err.strip() else ""
            longest = max(longest, len(err))
            ok = code == 65 and f"{path}:2: column \"{column}\"" in first
            ok = ok and not raw_controls(err) and len(err) < 4000
            refused += code == 65
            suite.check(f"unicode {label} in {kind}.{column}", ok,
                        f"exit {code}: {first[:200]!r}; raw controls {raw_controls(err)[:3]}; {len(err)} bytes")
    # Options that store text.
    options = [
        (["disburse", "--loan", "230001", "--date", "2025-05-01", "--amount", "1", "--id", "{X}"], "--id", True),
        (["disburse", "--loan", "230001", "--date", "2025-05-01", "--amount", "1", "--by", "{X}"], "--by", False),
        (["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "1", "--note", "{X}"], "--note", False),
        (["reverse", "--entry", "E-000001", "--reason", "{X}"], "--reason", False),
        (["reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2026", "--value", "{X}"], "--value", False),
    ]
    for label, text, key_only in hostile_strings():
        if "\x00" in text or len(text) > 100_000:
            continue  # an argument cannot hold NUL; 10 MB exceeds the argument limit
        if text in ("A\nB", "A\rB", "A\tB"):
            continue  # free text allows these
        for template, option, is_key in options:
            if key_only and not is_key:
                continue
            args = [a.replace("{X}", text) for a in template]
            code, out, err = hallbar(args, db, timeout=120)
            cases += 1
            ok = code == 65 and err.startswith(f"Error: {option}:") and not raw_controls(err) and len(err) < 4000
            refused += code == 65
            suite.check(f"unicode {label} in {option}", ok, f"exit {code}: {err.strip()[:200]!r}")
    after = sql(db, ".dump")
    suite.check("unicode: the ledger is unchanged", after == dump_before, "the dump differs")
    # Legitimate text still goes in.
    good = os.path.join(d, "good.csv")
    with open(good, "w", encoding="utf-8") as f:
        f.write('org_no,name,municipality_code\n212000-0001,"Göteborgs Stad, Ånge & Malmö (Cafe\u0301)",0180\n')
    code, _, err = hallbar(["import", "members", good], db)
    suite.check("unicode: Swedish names with decomposed accents are accepted", code == 0, err[:200])
    say(f"unicode: {len(hostile_strings())} hostile strings, {cases} import and option cases, {refused} refused with exit 65 "
        f"naming line and column or option, 0 raw controls echoed, longest error {longest} bytes, ledger unchanged")
    suite.figure("unicode", {"strings": len(hostile_strings()), "cases": cases, "refused": refused, "longest_error": longest})


# ---------------------------------------------------------------------------------
# Amounts at the limits


def amounts(suite, say, sql, hallbar, work):
    say("== amounts at the limits and sums past 64 bits")
    d = os.path.join(work, "amounts")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    db = seeded(hallbar, d, "l.db", sql)
    header = "external_id;loan_number;value_date;amount_sek;kind\n"
    cases = 0
    for text, accepted in [("1 000 000 000 000,00", True), ("1000000000000", True), ("999 999 999 999,99", True),
                           ("1 000 000 000 000,01", False), ("1000000000001", False), ("92 233 720 368 547 758,07", False),
                           ("92 233 720 368 547 758,08", False), ("50 000 000 000 000 000,00", False), ("9" * 40, False)]:
        path = os.path.join(d, "one.csv")
        with open(path, "w", encoding="utf-8") as f:
            # 230001 is a loan of the programme "other": no project's approved amount applies.
            f.write(header + f"LIM-{cases};230001;2025-01-01;{text};disbursement\n")
        code, _, err = hallbar(["import", "entries", path], db)
        cases += 1
        if accepted:
            suite.check(f"amounts: {text} accepted", code == 0, err[:200])
        else:
            suite.check(f"amounts: {text} refused", code == 65 and "above 1 000 000 000 000 SEK" in err, f"exit {code}: {err[:200]}")
    for text, accepted in [("1000000000000", True), ("1000000000000.01", False), ("1 000 000 000 000,01", False)]:
        code, _, err = hallbar(["disburse", "--loan", "230001", "--date", "2025-01-02", "--amount", text], db)
        cases += 1
        suite.check(f"amounts: --amount {text}", (code == 0) == accepted and (accepted or code == 65), f"exit {code}: {err[:200]}")
    # Through hallbar alone: 92 300 disbursements of 10^12 SEK on one loan add up past 64 bits.
    big = os.path.join(d, "big.csv")
    count = 92_300
    with open(big, "w", encoding="utf-8") as f:
        f.write("external_id,loan_number,value_date,amount_sek,kind\n")
        for i in range(count):
            f.write(f"MAX-{i},230001,2025-0{1 + i % 9}-{1 + i % 28:02d},1000000000000.00,disbursement\n")
    started = time.monotonic()
    code, _, err = hallbar(["import", "entries", big], db, timeout=900)
    suite.check(f"amounts: {count} entries at the limit import", code == 0, err[:300])
    say(f"  imported {count} entries of 10^12 SEK in {time.monotonic() - started:.1f} s")
    commands = [["report", "shares", "--as-of", "2025-12-31"], ["report", "social", "--as-of", "2025-12-31"],
                ["report", "market", "--year", "2012", "--as-of", "2025-12-31"], ["report", "followup", "--year", "2025"],
                ["repay", "--loan", "230001", "--date", "2025-12-01", "--amount", "1"],
                ["assert", "--programme", "other", "--as-of", "2025-12-31", "--amount", "1"]]
    exits = {}
    for cmd in commands:
        code, out, err = hallbar(cmd, db, timeout=300)
        cases += 1
        exits[code] = exits.get(code, 0) + 1
        fine = code == 0 or (code == 65 and "more than hallbar can add up" in err)
        suite.check(f"amounts: {' '.join(cmd[:2])} past 64 bits", fine and code != 70, f"exit {code}: {err.strip()[:300]}")
    code, out, err = hallbar(["verify"], db, timeout=600)
    cases += 1
    suite.check("amounts: verify names the loan, no false 'below zero'",
                code == 65 and "below zero" not in out and "loan 230001: its balance is more than hallbar can add up" in out,
                f"exit {code}: {out[:300]} {err[:200]}")
    # Amounts written past hallbar (sqlite3): the same, plus a finding per amount.
    odd = seeded(hallbar, d, "odd.db", sql)
    sql(odd, "INSERT INTO ledger_entries (external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore, recorded_at, "
             "recorded_by, chain_hash) SELECT 'BIG-' || n, (SELECT loan_id FROM loans WHERE loan_number = '220001'), "
             "'2025-01-0' || n, 'disbursement', 5000000000000000000, 5000000000000000000, '2025-01-01T00:00:00.000Z', "
             "'sqlite3', zeroblob(32) FROM (SELECT 1 AS n UNION ALL SELECT 2);")
    for cmd in commands[:4] + [["repay", "--loan", "220001", "--date", "2025-12-01", "--amount", "1"]]:
        code, out, err = hallbar(cmd, odd, timeout=300)
        cases += 1
        exits[code] = exits.get(code, 0) + 1
        suite.check(f"amounts: {' '.join(cmd[:2])} on amounts past the limit",
                    code == 65 and "more than hallbar can add up" in err, f"exit {code}: {err.strip()[:300]}")
    code, out, err = hallbar(["verify"], odd)
    cases += 1
    suite.check("amounts: verify names amounts past the limit", code == 65 and "below zero" not in out
                and "entry BIG-1: amount 50000000000000000.00 SEK is above the limit" in out, out[:300])
    say(f"amounts: {cases} cases; limits exact; {count} entries at 10^12 SEK and injected 5*10^16 SEK amounts: exit codes "
        + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items())) + "; never 70, no false 'below zero'")
    suite.figure("amounts", {"cases": cases, "exits": exits, "entries_at_limit": count})


# ---------------------------------------------------------------------------------
# Queries that never end or return millions of rows


PEAK = ("import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
        "sys.stderr.write(p.stderr.decode('utf-8', 'replace'))\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def peak(hallbar, args, db, timeout=900):
    """(exit code, peak RSS in KiB, stderr, seconds) of one hallbar run, measured alone."""
    started = time.monotonic()
    p = subprocess.run([sys.executable, "-c", PEAK, hallbar.binary] + args + ["--db", db], capture_output=True,
                       timeout=timeout, env=hallbar.env())
    code, kib = p.stdout.decode().split()
    return int(code), int(kib), p.stderr.decode("utf-8", "replace"), time.monotonic() - started


def queries(suite, say, sql, hallbar, work, quick):
    say("== queries that never end or return millions of rows")
    d = os.path.join(work, "queries")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    db = seeded(hallbar, d, "l.db", sql)
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x, 'row ' || x FROM c"
    timings = []
    for seconds in [1, 3]:
        code, kib, err, took = peak(hallbar, ["query", endless, "--timeout", str(seconds), "--format", "csv"], db)
        timings.append(round(took, 1))
        suite.check(f"queries: an endless query stops at --timeout {seconds}",
                    code == 69 and "was stopped" in err and took < seconds + 20, f"exit {code} after {took:.1f} s: {err[:200]}")
    rows_large = 200_000 if quick else 1_000_000
    mem = {}
    for fmt in ["csv", "json", "md", "table"]:
        sizes = []
        for rows in [10_000, rows_large]:
            q = f"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {rows}) SELECT x, 'row ' || x AS t, x / 7.0 AS r FROM c"
            code, kib, err, took = peak(hallbar, ["query", q, "--format", fmt], db)
            suite.check(f"queries: {rows} rows as {fmt}", code == 0, err[:200])
            sizes.append(kib)
        mem[fmt] = sizes
        suite.check(f"queries: memory flat as {fmt}", sizes[1] - sizes[0] < 16 * 1024,
                    f"{sizes[0]} KiB for 10^4 rows, {sizes[1]} KiB for {rows_large}")
    grow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT length(group_concat(hex(randomblob(100)))) FROM c"
    code, kib, err, took = peak(hallbar, ["query", grow, "--timeout", "600"], db)
    suite.check("queries: a query that accumulates 600 MB stops at the heap limit",
                code == 69 and "512 MiB" in err and kib < 900 * 1024, f"exit {code}, {kib} KiB: {err[:200]}")
    grown = kib
    for q in ["SELECT fts3_tokenizer('simple')", "SELECT fts3_tokenizer('simple', x'0000000000000000')"]:
        code, _, err = hallbar(["query", q], db)
        suite.check(f"queries: {q} refused", code == 65 and "not authorized" in err, f"exit {code}: {err[:200]}")
    loans = sql(db, "SELECT count(*) FROM loans;")
    for q in ["-- count\nSELECT count(*) FROM loans", "/* count */ SELECT count(*) FROM loans"]:
        code, out, err = hallbar(["query", q, "--format", "csv"], db)
        suite.check(f"queries: SQL starting with a comment: {q[:12]!r}", code == 0 and out.splitlines()[1:] == [loans],
                    f"exit {code}: {out[:100]} {err[:200]}")
    say(f"queries: endless query stopped after {timings[0]} s (--timeout 1) and {timings[1]} s (--timeout 3), exit 69; "
        f"peak KiB for 10^4 / {rows_large} rows: " + ", ".join(f"{f} {a}/{b}" for f, (a, b) in mem.items())
        + f"; a 600 MB group_concat stopped at the heap limit with {grown} KiB peak, exit 69")
    suite.figure("queries", {"timeout_seconds": timings, "peak_kib": mem, "rows": rows_large, "heap_limit_peak_kib": grown})


def run_groups(only, suite, say, sql, hallbar, work, quick):
    for group, fn in [("outputs", outputs), ("unicode", unicode_corpus), ("amounts", amounts)]:
        if group in only:
            try:
                fn(suite, say, sql, hallbar, work)
            except Exception as e:  # a broken group fails, the others still run
                suite.check(f"{group}: ran to the end", False, repr(e)[:300])
    if "queries" in only:
        try:
            queries(suite, say, sql, hallbar, work, quick)
        except Exception as e:
            suite.check("queries: ran to the end", False, repr(e)[:300])
