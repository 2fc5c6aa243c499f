#!/usr/bin/env python3
"""`make bench`: hallbar's speed and memory against the targets of quality.md.

Every figure is a whole process (fork, exec, open, work, exit), timed with a monotonic
clock; peak memory is the child's maximum resident set size from wait4(2) (the figure
`/usr/bin/time -v` prints). Each measurement is the median of BENCH_RUNS runs (at least
5 for the sub-second ones), and the things that are compared with each other (hallbar's
import against sqlite3's, with and without the chain) run alternately in the same
round, so a noisy shared machine moves both sides of a ratio alike.

Environment:
  BENCH_N       entry counts, e.g. "100000 1000000" (default)
  BENCH_RUNS    repetitions of the slow measurements (default 3)
  BENCH_ONLY    "import" to measure the imports only (make bench-growth)
  BENCH_NOCHAIN "0" to skip the build without the hash chain (saves a release build)
  SWIFT         the swift driver (default: swift)

Python 3 standard library only. Data goes to bench-data/ (gitignored); it is made by the
deterministic generator (Sources/BenchGenerator), so every run sees the same bytes.
"""
import datetime
import os
import re
from decimal import Decimal
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")
SWIFT = os.environ.get("SWIFT", "swift")
RUNS = max(1, int(os.environ.get("BENCH_RUNS", "3")))
FAST_RUNS = max(5, RUNS)
NS = [int(n.replace("_", "")) for n in os.environ.get("BENCH_N", "100000 1000000").split()]
ONLY = os.environ.get("BENCH_ONLY", "")
NOCHAIN = os.environ.get("BENCH_NOCHAIN", "1") != "0"
NOCHAIN_SCRATCH = os.path.join(ROOT, ".build-bench-nochain")
AS_OF = "2024-12-31"
BY = "bench"


def log(message):
    print(message, file=sys.stderr, flush=True)


def measure(argv, cwd=None, stdin_path=None, prepare=None, expect=0):
    """One timed run with peak RSS (KiB) from wait4; `prepare` runs first, untimed."""
    if prepare:
        prepare()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Both pipes are read by threads in communicate(); reap with wait4 to get the usage.
        out_chunks, err_chunks = [], []

        def drain(stream, into):
            into.append(stream.read())

        threads = [threading.Thread(target=drain, args=(child.stdout, out_chunks)),
                   threading.Thread(target=drain, args=(child.stderr, err_chunks))]
        for t in threads:
            t.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        for t in threads:
            t.join()
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdin_path:
            stdin.close()
    out = b"".join(out_chunks).decode(errors="replace")
    err = b"".join(err_chunks).decode(errors="replace")
    if child.returncode != expect:
        log(f"bench: {' '.join(argv)} exited {child.returncode} (expected {expect})\n{err[-2000:]}{out[-500:]}")
        sys.exit(1)
    return {"s": seconds, "kib": usage.ru_maxrss, "out": out, "err": err}


def median(values):
    return statistics.median(values)


def build():
    log("bench: building release binaries (swift build -c release)")
    subprocess.run([SWIFT, "build", "-c", "release"], cwd=ROOT, check=True, stdout=sys.stderr)
    bin_dir = subprocess.run([SWIFT, "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    nochain = None
    if NOCHAIN:
        log("bench: building hallbar without the hash chain (-DHALLBAR_BENCH_NO_CHAIN, for the chain's cost only)")
        flags = ["-c", "release", "--scratch-path", NOCHAIN_SCRATCH, "-Xswiftc", "-DHALLBAR_BENCH_NO_CHAIN"]
        subprocess.run([SWIFT, "build", *flags, "--product", "hallbar"], cwd=ROOT, check=True, stdout=sys.stderr)
        nochain_dir = subprocess.run([SWIFT, "build", *flags, "--show-bin-path"], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout.strip()
        nochain = os.path.join(nochain_dir, "hallbar")
    return os.path.join(bin_dir, "hallbar"), os.path.join(bin_dir, "BenchGenerator"), \
        os.path.join(bin_dir, "BenchParse"), nochain


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def fresh_copy(base, path):
    def prepare():
        remove_db(path)
        shutil.copyfile(base, path)
    return prepare


def generate(generator, hallbar, n):
    """bench-data/N/: the generator's files and base.db (everything but the entries)."""
    folder = os.path.join(DATA, str(n))
    stamp = os.path.join(folder, "complete")
    # The base also holds bonds, factors and metrics (allocation_files); bump the tag when they change.
    generator_mtime = str(int(os.path.getmtime(generator))) + ":allocation-2"
    if os.path.exists(stamp) and open(stamp).read() == generator_mtime:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    log(f"bench: generating {n} entries into {folder}")
    subprocess.run([generator, folder, "--entries", str(n), "--loans", "20000", "--indicators", "2000",
                    "--years", "10"], check=True)
    base = os.path.join(folder, "base.db")
    subprocess.run([hallbar, "--db", base, "init"], check=True, stdout=subprocess.DEVNULL)
    allocation_files(folder)
    for kind in ("members", "borrowers", "projects", "loans", "indicators", "readings", "bonds", "factors", "metrics"):
        subprocess.run([hallbar, "--db", base, "import", kind, os.path.join(folder, f"{kind}.csv"), "--by", BY],
                       check=True, stdout=subprocess.DEVNULL)
    with open(stamp, "w") as f:
        f.write(generator_mtime)
    return folder


def isin(body):
    """A Luhn-valid ISIN for an 11-character body (letters as two digits, A = 10)."""
    digits = "".join(str(int(c, 36)) for c in body)
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return body + str((10 - total % 10) % 10)


def allocation_files(folder):
    """bonds.csv, factors.csv and metrics.csv for the generated green projects: ten green bonds
    and one social bond, the electricity factor 315 → 191, and for every green project an
    expected and an actual value of an energy metric and one other metric for 2024 (derived
    from projects.csv, so deterministic)."""
    with open(os.path.join(folder, "bonds.csv"), "w") as f:
        f.write("isin,programme,issue_date,maturity_date,amount_sek\n")
        for i in range(11):
            programme = "social" if i == 10 else "green"
            f.write(f"{isin('XS99%07d' % (100 + i))},{programme},20{15 + i % 10}-03-01,20{25 + i % 5}-03-01,{(i + 1) * 1_000_000_000}\n")
    with open(os.path.join(folder, "factors.csv"), "w") as f:
        f.write("name,valid_from,g_per_kwh,source\nelectricity,2019-01-01,315,bench\nelectricity,2023-01-01,191,bench\n")
    # Two green projects in three get a total cost (1,5 × approved), so that impact attributes
    # and its coverage stays below 100 %; the column is one of projects.csv's optional ones.
    projects_csv = os.path.join(folder, "projects.csv")
    lines = open(projects_csv, encoding="utf-8").read().splitlines()
    with open(projects_csv, "w", encoding="utf-8") as f:
        f.write(lines[0] + ",total_cost_sek\n")
        for line in lines[1:]:
            number, programme = line.split(",", 2)[:2]
            approved = line.rsplit(",", 3)[1]
            cost = Decimal(approved) * 3 / 2 if programme == "green" and int(number) % 3 else None
            f.write(line + "," + (f"{cost:.2f}" if cost is not None else "") + "\n")
    metrics = ["energy_saved_mwh", "renewable_generation_mwh"]
    others = ["ghg_avoided_tco2e", "certified_floor_area_m2", "water_treated_m3", "waste_recycled_t"]
    with open(os.path.join(folder, "projects.csv")) as source, open(os.path.join(folder, "metrics.csv"), "w") as f:
        f.write("project_number,year,metric,basis,value\n")
        next(source)
        for line in source:
            number, programme = line.split(",", 2)[:2]
            if programme != "green":
                continue
            n = int(number)
            f.write(f"{n},2024,{metrics[n % 2]},expected,{1000 + n % 997}\n")
            f.write(f"{n},2024,{metrics[n % 2]},actual,{900 + n % 991}.5\n")
            f.write(f"{n},2024,{others[n % 4]},expected,{50 + n % 89}\n")


def expand_asof(sql):
    """The SQL with Reports/AsOf.swift's two interpolations written out, as Swift builds it."""
    def versions(m):
        view, p = m.group(1), m.group(2)
        return f"(SELECT * FROM {view} WHERE valid_from <= {p} AND (valid_until IS NULL OR valid_until > {p}))"

    def projects(m):
        p = m.group(1)
        return (f"(SELECT * FROM project_versions WHERE valid_from <= {p} AND (valid_until IS NULL OR valid_until > {p}) "
                f"UNION ALL SELECT * FROM project_versions WHERE revision = 1 AND valid_from > {p})")
    sql = re.sub(r'\\\(AsOf\.versions\("(\w+)", at: "(\?\d)"\)\)', versions, sql)
    sql = re.sub(r'\\\(AsOf\.projects\(at: "(\?\d)"\)\)', projects, sql)
    if "\\(" in sql:
        log(f"bench: an interpolation left in the SQL:\n{sql}")
        sys.exit(1)
    return sql


def swift_sql(file, statements):
    """The SQL of each `static let NAME = \"\"\"…\"\"\"` in Sources/LedgerStore/Reports/FILE, given as
    (NAME, {index: literal}), with its parameters (?1, ?2 …) as literals: what hallbar runs, for
    the sqlite3 shell."""
    source = open(os.path.join(ROOT, "Sources/LedgerStore/Reports", file)).read()
    out = []
    for name, parameters in statements:
        match = re.search(r'static let ' + name + r' = """\n(.*?)\n\s*"""', source, re.S)
        if not match:
            log(f"bench: cannot find {name} in {file}")
            sys.exit(1)
        sql = expand_asof(match.group(1))
        for index, value in sorted(parameters.items(), reverse=True):
            sql = sql.replace(f"?{index}", value)
        out.append(sql + ";\n")
    return "".join(out)


def share_sql():
    """The SQL `report shares` runs (ShareQuery.sql), with the as-of date as a literal."""
    return swift_sql("ShareQuery.swift", [("sql", {1: f"'{AS_OF}'"})])


def allocation_sql():
    """The queries `report allocation --as-of AS_OF` runs (AllocationQuery): the projects, the
    loans with their positions (?2: the first day of the 12 months up to the date), the bonds."""
    date = {1: f"'{AS_OF}'", 2: "'2024-01-01'"}
    return swift_sql("AllocationQuery.swift", [("projectsSQL", date), ("loansSQL", date), ("bondsSQL", date)])


def impact_sql():
    """`report impact --year 2024` in SQL: hallbar's queries (ImpactQuery: outstanding per green
    project at the year's end, the green projects, the year's metrics, the factor), and what
    hallbar computes from them, per project (share financed, the actual value else the expected
    one, tCO2e derived from energy metrics, attributed values) and per category and in total
    (attributed sums, tCO2e per SEK million, coverage). In REAL arithmetic, which is cheaper
    than hallbar's exact integers: the baseline is not handicapped."""
    outstanding = swift_sql("ImpactQuery.swift", [("outstandingSQL", {1: "'2024-12-31'"})]).rstrip().rstrip(";")
    projects = swift_sql("ImpactQuery.swift", [("projectsSQL", {1: "'2024-12-31'"})]).rstrip().rstrip(";")
    # Metrics and factors in the revisions in force today, as `report impact` without --restate takes them.
    today = f"'{datetime.date.today().isoformat()}'"
    metrics = swift_sql("ImpactQuery.swift", [("metricsSQL", {1: "2024", 2: today})]).rstrip().rstrip(";")
    factors = swift_sql("ImpactQuery.swift", [("factorsSQL", {1: today})]).rstrip().rstrip(";")
    return f"""CREATE TEMP TABLE impact_lines AS
WITH outstanding AS ({outstanding}),
     metrics AS ({metrics}),
     projects AS (SELECT p.project_number, p.category, p.total_cost_ore, coalesce(o.outstanding_ore, 0) AS outstanding_ore
                  FROM ({projects}) AS p LEFT JOIN outstanding AS o ON o.project_number = p.project_number
                  WHERE (p.status IN ('approved', 'completed') AND p.decision_date <= '2024-12-31')
                     OR coalesce(o.outstanding_ore, 0) <> 0 OR p.project_number IN (SELECT project_number FROM metrics)),
     shares AS (SELECT *, CASE WHEN total_cost_ore > 0 THEN min(max(outstanding_ore, 0), total_cost_ore) * 1.0 / total_cost_ore END AS share
                FROM projects),
     chosen AS (SELECT project_number, metric,
                       coalesce(max(CASE WHEN basis = 'actual' THEN CAST(value AS REAL) END),
                                max(CASE WHEN basis = 'expected' THEN CAST(value AS REAL) END)) AS value,
                       CASE WHEN max(basis = 'actual') THEN 'actual' ELSE 'expected' END AS basis
                FROM metrics GROUP BY project_number, metric),
     factor AS (SELECT CAST(g_per_kwh AS REAL) AS g FROM ({factors}) WHERE name = 'electricity' AND applies_from <= '2024-12-31'
                ORDER BY applies_from DESC LIMIT 1),
     lines AS (SELECT project_number, metric, basis, value, 0 AS derived FROM chosen
               UNION ALL
               SELECT project_number, 'ghg_avoided_tco2e', basis, value * (SELECT g FROM factor) / 1000, 1 FROM chosen
               WHERE metric IN ('energy_saved_mwh', 'renewable_generation_mwh'))
SELECT s.project_number, s.category, s.outstanding_ore, s.share, l.metric, l.basis, l.value, l.derived, l.value * s.share AS attributed
FROM shares AS s LEFT JOIN lines AS l ON l.project_number = s.project_number;
SELECT * FROM impact_lines ORDER BY category, project_number, derived, metric;
SELECT category, metric, sum(attributed) FROM impact_lines WHERE attributed IS NOT NULL GROUP BY category, metric
UNION ALL SELECT 'total', metric, sum(attributed) FROM impact_lines WHERE attributed IS NOT NULL GROUP BY metric;
WITH p AS (SELECT project_number, category, max(outstanding_ore) AS outstanding_ore,
                  max(attributed IS NOT NULL) AS covered,
                  sum(CASE WHEN metric = 'ghg_avoided_tco2e' THEN attributed END) AS ghg
           FROM impact_lines GROUP BY project_number, category)
SELECT category, sum(outstanding_ore), sum(CASE WHEN covered THEN outstanding_ore ELSE 0 END) * 1.0 / sum(outstanding_ore),
       sum(ghg) / (sum(outstanding_ore) / 100000000.0) FROM p GROUP BY category
UNION ALL SELECT 'total', sum(outstanding_ore), sum(CASE WHEN covered THEN outstanding_ore ELSE 0 END) * 1.0 / sum(outstanding_ore),
       sum(ghg) / (sum(outstanding_ore) / 100000000.0) FROM p;
"""


def fmt_s(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mib(kib):
    return f"{kib / 1024:.1f}"


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, hallbar, baseline="", ratio="", mib="", target="", verdict=""):
        self.rows.append((what, hallbar, baseline, ratio, mib, target, verdict))

    def render(self):
        head = ("what", "hallbar", "baseline", "ratio", "peak MiB", "target", "met")
        widths = [max(len(str(r[i])) for r in self.rows + [head]) for i in range(len(head))]
        line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
        out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        out += [line(r) for r in self.rows]
        return "\n".join(out)


def verdict(ok):
    return "yes" if ok else "NO"


def bench_n(n, hallbar, generator, parser, nochain, table):
    folder = generate(generator, hallbar, n)
    base = os.path.join(folder, "base.db")
    entries = os.path.join(folder, "entries.csv")
    size_mb = os.path.getsize(entries) / 1e6
    run_db = os.path.join(folder, "run.db")
    sqlite_db = os.path.join(folder, "sqlite.db")
    script = os.path.join(ROOT, "bench", "sqlite3-import.sql")
    minimal_script = os.path.join(ROOT, "bench", "sqlite3-minimal.sql")
    minimal_db = os.path.join(folder, "minimal.db")
    imports, baselines, minimals, unchained = [], [], [], []
    log(f"bench: N={n}: import ×{RUNS}, alternating hallbar / sqlite3 same schema / sqlite3 minimal table"
        + (" / hallbar without chain" if nochain else ""))
    for round_ in range(RUNS):
        r = measure([hallbar, "--db", run_db, "import", "entries", entries, "--by", BY], prepare=fresh_copy(base, run_db))
        if f"{n} new, 0 already present" not in r["out"]:
            log(f"bench: unexpected import output: {r['out']}")
            sys.exit(1)
        imports.append(r)
        baselines.append(measure(["sqlite3", sqlite_db], cwd=folder, stdin_path=script,
                                 prepare=fresh_copy(base, sqlite_db)))
        minimals.append(measure(["sqlite3", minimal_db], cwd=folder, stdin_path=minimal_script,
                                prepare=lambda: remove_db(minimal_db)))
        if nochain:
            nc_db = os.path.join(folder, "nochain.db")
            unchained.append(measure([nochain, "--db", nc_db, "import", "entries", entries, "--by", BY],
                                     prepare=fresh_copy(base, nc_db)))
            remove_db(nc_db)
        log(f"  round {round_ + 1}: hallbar {imports[-1]['s']:.2f} s, sqlite3 {baselines[-1]['s']:.2f} s, "
            f"minimal {minimals[-1]['s']:.2f} s"
            + (f", no chain {unchained[-1]['s']:.2f} s" if nochain else ""))
    t_import = median([r["s"] for r in imports])
    t_sqlite = median([r["s"] for r in baselines])
    rss = max(r["kib"] for r in imports)
    ratio = t_import / t_sqlite
    t_minimal = median([r["s"] for r in minimals])
    table.add(f"import {n:,} entries ({size_mb:.0f} MB)", fmt_s(t_import), f"sqlite3 {fmt_s(t_sqlite)}",
              f"{ratio:.2f} ×", fmt_mib(rss), "≤ 1.0 × sqlite3, same schema", verdict(ratio <= 1.0))
    table.add(f"  the same import against a minimal table", fmt_s(t_import), f"minimal {fmt_s(t_minimal)}",
              f"{t_import / t_minimal:.2f} ×", fmt_mib(max(r['kib'] for r in minimals)), "≤ 1.25 × minimal",
              verdict(t_import / t_minimal <= 1.25))
    table.add(f"  peak memory of that import", "", f"sqlite3 {fmt_mib(max(r['kib'] for r in baselines))} MiB", "",
              fmt_mib(rss), "≤ 100 MiB, flat in N", verdict(rss <= 100 * 1024))
    if nochain:
        t_nc = median([r["s"] for r in unchained])
        table.add(f"  chain: import with / without hashing", fmt_s(t_import), f"no chain {fmt_s(t_nc)}",
                  f"{t_import / t_nc:.2f} ×", fmt_mib(max(r['kib'] for r in unchained)), "≤ 1.25 ×",
                  verdict(t_import / t_nc <= 1.25))
    result = {"n": n, "import": t_import, "sqlite": t_sqlite, "minimal": t_minimal, "rss": rss}
    remove_db(minimal_db)
    if ONLY == "import":
        remove_db(sqlite_db)
        return result

    # Parsing: the dry run (full validation, rolled back) and the bare parser.
    runs = FAST_RUNS if n <= 100_000 else RUNS
    # (on their own copy: run.db keeps the last real import, which the reports below read)
    dry_db = os.path.join(folder, "dry.db")
    dry = [measure([hallbar, "--db", dry_db, "import", "entries", entries, "--dry-run", "--by", BY],
                   prepare=fresh_copy(base, dry_db)) for _ in range(runs)]
    remove_db(dry_db)
    t_dry = median([r["s"] for r in dry])
    table.add(f"  import --dry-run (validate, roll back)", fmt_s(t_dry), "", f"{size_mb / t_dry:.0f} MB/s",
              fmt_mib(max(r["kib"] for r in dry)), "≥ 200 MB/s", verdict(size_mb / t_dry >= 200))
    if os.path.exists(parser):
        parse = [measure([parser, entries]) for _ in range(runs)]
        t_parse = median([r["s"] for r in parse])
        table.add(f"  CSV parsing alone (BenchParse)", fmt_s(t_parse), "", f"{size_mb / t_parse:.0f} MB/s",
                  fmt_mib(max(r["kib"] for r in parse)), "≥ 200 MB/s", verdict(size_mb / t_parse >= 200))

    # Reports over the loaded ledger (the last import's copy); sqlite3 runs the same SQL.
    full_db = os.path.join(folder, "full.db")
    remove_db(full_db)
    shutil.copyfile(run_db, full_db)
    loaded = subprocess.run(["sqlite3", "-readonly", full_db, "SELECT count(*) FROM ledger_entries"],
                            capture_output=True, text=True).stdout.strip()
    if loaded != str(n):
        log(f"bench: the ledger for the reports holds {loaded} entries, not {n}")
        sys.exit(1)
    sql_file = os.path.join(folder, "shares.sql")
    with open(sql_file, "w") as f:
        f.write(share_sql())
    shares, shares_sql = [], []
    for _ in range(FAST_RUNS):
        shares.append(measure([hallbar, "--db", full_db, "report", "shares", "--as-of", AS_OF]))
        shares_sql.append(measure(["sqlite3", "-readonly", full_db], stdin_path=sql_file))
    t_sh = median([r["s"] for r in shares])
    t_sq = median([r["s"] for r in shares_sql])
    table.add(f"  report shares --as-of", fmt_s(t_sh), f"sqlite3 {fmt_s(t_sq)}", f"{t_sh / t_sq:.2f} ×",
              fmt_mib(max(r["kib"] for r in shares)), "≤ 1.1 × and ≤ 0.2 s", verdict(t_sh / t_sq <= 1.1 and t_sh <= 0.2))
    # Allocation and impact against the same queries in sqlite3 (bench/bench.py allocation_sql, impact_sql).
    for what, argv, sql in (("report allocation --as-of", ["report", "allocation", "--as-of", AS_OF], allocation_sql()),
                            ("report impact --year 2024", ["report", "impact", "--year", "2024"], impact_sql())):
        sql_file = os.path.join(folder, what.split()[1] + ".sql")
        with open(sql_file, "w") as f:
            f.write(sql)
        ours, theirs = [], []
        for _ in range(FAST_RUNS):
            ours.append(measure([hallbar, "--db", full_db] + argv))
            theirs.append(measure(["sqlite3", "-readonly", full_db], stdin_path=sql_file))
        t_o = median([r["s"] for r in ours])
        t_t = median([r["s"] for r in theirs])
        table.add(f"  {what}", fmt_s(t_o), f"sqlite3 {fmt_s(t_t)}", f"{t_o / t_t:.2f} ×",
                  fmt_mib(max(r["kib"] for r in ours)), "≤ 1.1 ×", verdict(t_o / t_t <= 1.1))
    # The read side without SQL (docs/reports.md, "Looking things up"): hallbar against sqlite3
    # running the same statements (bench/list-loans.sql, bench/show-loan.sql; a test keeps them
    # equal to what hallbar runs), output to a pipe, alternately in the same round.
    busiest = subprocess.run(["sqlite3", "-readonly", full_db,
                              "SELECT l.loan_number FROM ledger_entries AS e JOIN loans AS l USING (loan_id) "
                              "GROUP BY e.loan_id ORDER BY count(*) DESC, l.loan_number LIMIT 1"],
                             capture_output=True, text=True).stdout.strip()
    loans_count = subprocess.run(["sqlite3", "-readonly", full_db, "SELECT count(*) FROM loans"],
                                 capture_output=True, text=True).stdout.strip()
    lookups = [
        (f"  list loans --as-of ({int(loans_count):,} loans)", [hallbar, "--db", full_db, "list", "loans", "--as-of", AS_OF],
         "list-loans.sql"),
        (f"  show loan {busiest} --as-of", [hallbar, "--db", full_db, "show", "loan", busiest, "--as-of", AS_OF],
         "show-loan.sql"),
    ]
    for what, argv, sql_name in lookups:
        script = os.path.join(folder, sql_name)
        with open(script, "w") as f:
            # The shell evaluates a parameter's value as SQL: the quotes make it text.
            f.write(f".parameter set ?1 \"'{AS_OF}'\"\n.parameter set ?2 \"'{busiest}'\"\n")
            f.write(open(os.path.join(ROOT, "bench", sql_name)).read())
        ours, theirs = [], []
        for _ in range(FAST_RUNS):
            ours.append(measure(argv))
            theirs.append(measure(["sqlite3", "-readonly", full_db], stdin_path=script))
        if not theirs[-1]["out"].strip():
            log(f"bench: sqlite3 printed nothing for {sql_name}")
            sys.exit(1)
        t_ours = median([r["s"] for r in ours])
        t_theirs = median([r["s"] for r in theirs])
        table.add(what, fmt_s(t_ours), f"sqlite3 {fmt_s(t_theirs)}", f"{t_ours / t_theirs:.2f} ×",
                  fmt_mib(max(r["kib"] for r in ours)), "≤ 1.1 × sqlite3", verdict(t_ours / t_theirs <= 1.1))
    html = os.path.join(folder, "followup.html")
    follow = [measure([hallbar, "--db", full_db, "report", "followup", "--year", "2024", "--format", "html",
                       "--out", html]) for _ in range(FAST_RUNS)]
    t_f = median([r["s"] for r in follow])
    table.add(f"  report followup 2024 (2 000 indicators) HTML", fmt_s(t_f), "", "",
              fmt_mib(max(r["kib"] for r in follow)), "≤ 0.5 s", verdict(t_f <= 0.5))
    probe = subprocess.run([hallbar, "--db", full_db, "verify"], capture_output=True, text=True)
    if "not implemented" in probe.stderr + probe.stdout:
        table.add(f"  verify", "not implemented in this build", "", "", "", "≤ 2 s", "n/a")
    else:
        ver = [measure([hallbar, "--db", full_db, "verify"], expect=probe.returncode) for _ in range(runs)]
        t_v = median([r["s"] for r in ver])
        table.add(f"  verify (exit {probe.returncode})", fmt_s(t_v), "", "", fmt_mib(max(r["kib"] for r in ver)),
                  "≤ 2 s", verdict(t_v <= 2 and probe.returncode == 0))
        # --quick: SQLite's quick_check instead of the full integrity_check (which alone
        # takes longer than the target on 10⁶ entries); chain, heads, invariants the same.
        quick = [measure([hallbar, "--db", full_db, "verify", "--quick"], expect=probe.returncode) for _ in range(runs)]
        t_q = median([r["s"] for r in quick])
        table.add(f"  verify --quick (exit {probe.returncode})", fmt_s(t_q), "", "", fmt_mib(max(r["kib"] for r in quick)),
                  "≤ 2 s", verdict(t_q <= 2 and probe.returncode == 0))
    remove_db(sqlite_db)
    return result


def bench_startup(hallbar, table):
    empty = os.path.join(DATA, "empty.db")
    remove_db(empty)
    subprocess.run([hallbar, "--db", empty, "init"], check=True, stdout=subprocess.DEVNULL)
    runs = max(FAST_RUNS, 11)
    helps = [measure([hallbar, "--help"]) for _ in range(runs)]
    reports = [measure([hallbar, "--db", empty, "report", "shares", "--as-of", AS_OF]) for _ in range(runs)]
    t_h = median([r["s"] for r in helps])
    t_r = median([r["s"] for r in reports])
    table.add("start-up: hallbar --help", fmt_s(t_h), "", "", fmt_mib(max(r["kib"] for r in helps)), "≤ 30 ms",
              verdict(t_h <= 0.030))
    table.add("start-up: report shares, empty ledger", fmt_s(t_r), "", "", fmt_mib(max(r["kib"] for r in reports)),
              "≤ 30 ms", verdict(t_r <= 0.030))


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1]
        mem = f"{int(mem) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        mem = "unknown"
    sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    return f"{os.cpu_count()} CPUs ({cpu}), {mem} RAM, sqlite3 {sqlite}, {time.strftime('%Y-%m-%d %H:%M %Z')}"


def main():
    if shutil.which("sqlite3") is None:
        log("bench: the sqlite3 shell is missing (make setup installs it)")
        sys.exit(1)
    os.makedirs(DATA, exist_ok=True)
    hallbar, generator, parser, nochain = build()
    table = Table()
    results = [bench_n(n, hallbar, generator, parser, nochain, table) for n in NS]
    if ONLY != "import":
        bench_startup(hallbar, table)
    if len(results) > 1:
        first = results[0]
        for r in results[1:]:
            table.add(f"growth {first['n']:,} → {r['n']:,} (×{r['n'] // first['n']})",
                      f"time ×{r['import'] / first['import']:.1f}",
                      f"sqlite3 ×{r['sqlite'] / first['sqlite']:.1f}, minimal ×{r['minimal'] / first['minimal']:.1f}",
                      "", f"{fmt_mib(first['rss'])} → {fmt_mib(r['rss'])}", "linear time, flat memory", "")
    print()
    print(f"hallbar bench — {machine()}")
    print(f"medians of {RUNS} runs ({FAST_RUNS} for the fast ones); whole processes; peak = max RSS (wait4);")
    print("no PRAGMA cache_size in hallbar or the sqlite3 baseline (both at SQLite's default)")
    print(table.render())


if __name__ == "__main__":
    main()
