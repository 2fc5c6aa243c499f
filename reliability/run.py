#!/usr/bin/env python3
"""hallbar's reliability suite (quality.md, Reliability 1-6 and 10): `make reliability`.

Runs the built hallbar as a user would, injects faults (kill -9 at random moments,
concurrent writers, a full disk, hostile database files) and checks the database
afterwards with the sqlite3 shell, as an auditor would. Prints one line per group
with its figures and ends with exactly `reliability: N passed, M failed`; exits 1
when anything failed. Checks that need a command hallbar does not have yet are
reported as BLOCKED (not passed, not failed) with the reason.

Standard library only. Usage (make reliability passes --bin and --generator):
  python3 reliability/run.py --bin .build/debug/hallbar --generator .build/debug/BenchGenerator
      [--entries 100000] [--kills 50] [--reimport-every 5] [--migrate-kills 50] [--rounds 6] [--seed S]
      [--asan-bin .build-asan/debug/hallbar] [--only hostile,migrate,...,outputs,unicode,amounts,queries] [--quick]
"""
import argparse
import hashlib
import datetime
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_input  # noqa: E402  (issue 17: outputs, unicode, amounts, queries)

GROUPS = ["hostile", "migrate", "import-kill", "concurrency", "diskfull", "idempotency", "corpus"] + hostile_input.GROUPS


# ---------------------------------------------------------------------------------
# Bookkeeping


class Suite:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.blocked = []
        self.failures = []
        self.figures = {}

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(f"{name}: {detail}")
            print(f"  FAIL {name}: {detail}", flush=True)
        return ok

    def block(self, group, reason):
        self.blocked.append(f"{group}: {reason}")
        print(f"  BLOCKED {group}: {reason}", flush=True)

    def figure(self, key, value):
        self.figures[key] = value


def say(text):
    print(text, flush=True)


def run(cmd, timeout=600, env=None, preexec=None, cwd=None):
    """Runs cmd; returns (returncode, stdout, stderr). A negative code is a signal."""
    p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, preexec_fn=preexec, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def sql(db, query, readonly=False):
    args = ["sqlite3", "-batch"] + (["-readonly"] if readonly else []) + [db, query]
    code, out, err = run(args, timeout=300)
    if code != 0:
        raise RuntimeError(f"sqlite3 {db}: {err.strip()}")
    return out.strip()


def integrity(db):
    """(ok, detail): PRAGMA integrity_check is 'ok' and foreign_key_check is empty."""
    try:
        ic = sql(db, "PRAGMA integrity_check;")
        fk = sql(db, "PRAGMA foreign_key_check;")
    except RuntimeError as e:
        return False, str(e)
    if ic != "ok":
        return False, "integrity_check: " + ic[:200]
    if fk:
        return False, "foreign_key_check: " + fk[:200]
    return True, ""


def remove_db(path):
    for suffix in ["", "-wal", "-shm", "-journal"]:
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def copy_db(src, dst):
    remove_db(dst)
    shutil.copyfile(src, dst)
    for suffix in ["-wal", "-shm"]:
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dst + suffix)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def checkpoint(db):
    """Folds the WAL into the main file, so that a copy is the whole database."""
    sql(db, "PRAGMA wal_checkpoint(TRUNCATE);")


class Hallbar:
    def __init__(self, binary):
        self.binary = binary

    def env(self):
        env = dict(os.environ)
        env.pop("HALLBAR_DB", None)
        env["NO_COLOR"] = "1"
        env["SWIFT_BACKTRACE"] = "enable=no"
        return env

    def __call__(self, args, db, timeout=600, preexec=None):
        return run([self.binary] + args + ["--db", db], timeout=timeout, env=self.env(), preexec=preexec)

    def popen(self, args, db):
        return subprocess.Popen([self.binary] + args + ["--db", db], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=self.env())


# ---------------------------------------------------------------------------------
# Test data


TS = "2024-01-01T00:00:00.000Z"


def load_synthetic_ledger(db, loans, entries, hallbar):
    """Fills an initialised ledger with a member, a borrower, `loans` other-programme loans
    and `entries` disbursements, through `hallbar import` (every row is a link of the one
    chain, which only hallbar writes; issue 12)."""
    folder = os.path.dirname(os.path.abspath(db))
    files = {
        "members": "org_no,name,municipality_code\n212000-0001,Provkommunen,0180\n",
        "borrowers": "org_no,name,owner_org_no\n212000-0001,Provkommunen,212000-0001\n",
        "loans": "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n"
                 + "".join(f"R-{i},212000-0001,other,,\n" for i in range(1, loans + 1)),
        "entries": "external_id,loan_number,value_date,amount_sek,kind\n"
                   + "".join(f"RX-{i},R-{1 + i % loans},{datetime.date(2015, 1, 1) + datetime.timedelta(days=i % 3650)},"
                             f"{(100 + i) // 100}.{(100 + i) % 100:02d},disbursement\n" for i in range(1, entries + 1)),
    }
    for kind in ("members", "borrowers", "loans", "entries"):
        if files[kind].count("\n") < 2:
            continue  # no rows of this kind
        path = os.path.join(folder, f"synthetic-{kind}.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(files[kind])
        code, _, err = hallbar(["import", kind, path, "--by", "reliability"], db)
        if code != 0:
            raise RuntimeError(f"hallbar import {kind} into {db}: {err.strip()}")


def write_text(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def ore(text):
    """SEK text with a decimal point (BenchGenerator's comma file) to integer öre, exactly."""
    text = text.strip()
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def read_entries(path):
    """(header line, rows as raw lines, count, sum of amount öre, sum of balance effect)."""
    with open(path, "rb") as f:
        data = f.read().decode("utf-8")
    lines = data.splitlines()
    header, rows = lines[0], [r for r in lines[1:] if r]
    cols = header.split(",")
    ia, ik = cols.index("amount_sek"), cols.index("kind")
    total = effect = 0
    for r in rows:
        fields = r.split(",")
        a = ore(fields[ia])
        total += a
        effect += a if fields[ik] == "disbursement" else -a
    return header, rows, len(rows), total, effect


def write_entries(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")


def totals(db):
    out = sql(db, "SELECT count(*), coalesce(sum(amount_ore), 0), coalesce(sum(balance_effect_ore), 0) FROM ledger_entries;")
    return tuple(int(x) for x in out.split("|"))


# ---------------------------------------------------------------------------------
# 5. Hostile files


READ_COMMANDS = [
    ["migrate", "status"],
    ["migrate", "verify"],
    ["migrate", "up", "--dry-run"],
    ["report", "shares", "--as-of", "2024-12-31", "--format", "json"],
    ["report", "social", "--as-of", "2024-12-31", "--format", "json"],
    ["verify"],
    ["query", "SELECT count(*) FROM ledger_entries"],
]
WRITE_COMMANDS = [["migrate", "up"], ["init"]]


def make_hostile_files(work, real, rng, flips):
    """Yields (name, path) of hostile files made from `real` (a checkpointed ledger with data)."""
    out = []
    d = os.path.join(work, "hostile")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)

    def put(name, data):
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(data)
        out.append((name, p))
        return p

    with open(real, "rb") as f:
        good = f.read()
    put("text.db", b"member,name\n212000-0001,Provkommunen\n")
    put("random.db", bytes(rng.getrandbits(8) for _ in range(8192)))
    put("zeros.db", bytes(8192))
    put("sqlite-header-only.db", good[:100])
    put("truncated-1-page.db", good[:4096])
    put("truncated-half.db", good[: len(good) // 2])
    put("truncated-minus-1.db", good[:-1])
    bad_header = bytearray(good)
    bad_header[16:18] = b"\x00\x03"  # page size 3: not a power of two
    put("bad-page-size.db", bytes(bad_header))
    for i in range(flips):
        b = bytearray(good)
        n = rng.choice([1, 4, 16, 64])
        for _ in range(n):
            k = rng.randrange(100, len(b))  # past the 100-byte header: damage inside pages
            b[k] ^= 1 + rng.randrange(255)
        put(f"flipped-{i:02d}-{n}.db", bytes(b))
    for i in range(max(2, flips // 8)):
        b = bytearray(good)
        k = rng.randrange(0, 100)  # the header itself
        b[k] ^= 1 + rng.randrange(255)
        put(f"header-flip-{i:02d}-at-{k}.db", bytes(b))
    # A real ledger with a trigger injected by someone with the sqlite3 shell.
    p = put("trigger.db", good)
    sql(p, "CREATE TRIGGER reliability_injected AFTER INSERT ON ledger_entries BEGIN "
           "INSERT OR IGNORE INTO members VALUES ('999999-9999', 'injected', NULL, '2024-01-01T00:00:00.000Z', 'x', NULL); END;")
    checkpoint(p)
    # A ledger whose history claims a newer schema, and one with an edited checksum.
    p = put("newer.db", good)
    sql(p, f"INSERT INTO schema_migrations VALUES (9999, 'from the future', '{'0' * 64}', '{TS}', 'x', 0);")
    checkpoint(p)
    p = put("checksum.db", good)
    sql(p, "DROP TRIGGER IF EXISTS schema_migrations_no_update; "
           f"UPDATE schema_migrations SET checksum = '{'f' * 64}' WHERE version = 1;")
    checkpoint(p)
    # A database that is not hallbar's at all.
    p = os.path.join(d, "foreign.db")
    sql(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    out.append(("foreign.db", p))
    return out


def check_hostile(suite, hallbar, label, files, commands, mutating):
    crashes = 0
    cases = 0
    exits = {}
    for name, path in files:
        for cmd in commands:
            scratch = path + ".run"
            for s in ["", "-wal", "-shm"]:
                if os.path.exists(scratch + s):
                    os.remove(scratch + s)
            shutil.copyfile(path, scratch)
            before = sha256(scratch)
            try:
                code, out, err = hallbar(cmd, scratch, timeout=120)
            except subprocess.TimeoutExpired:
                suite.check(f"hostile {label} {name} {' '.join(cmd)}", False, "hung for 120 s")
                continue
            cases += 1
            exits[code] = exits.get(code, 0) + 1
            what = f"hostile {label} {name}: hallbar {' '.join(cmd)}"
            first = err.strip().splitlines()[0] if err.strip() else ""
            crashed = code < 0 or "AddressSanitizer" in err or "Fatal error" in err or (
                code == 70)
            if crashed:
                crashes += 1
            ok = not crashed
            detail = f"exit {code}: {first[:200]}"
            if ok and code != 0 and not first.startswith("Error:"):
                ok, detail = False, f"exit {code} without a clear 'Error:' line: {err[:200]!r}"
            changed = sha256(scratch) != before
            if ok and changed and (not mutating or code != 0):
                ok, detail = False, f"exit {code} but the file changed"
            wal = scratch + "-wal"
            if ok and code != 0 and os.path.exists(wal) and os.path.getsize(wal) > 0:
                ok, detail = False, f"exit {code} but left a {os.path.getsize(wal)}-byte WAL"
            suite.check(what, ok, detail)
            for s in ["", "-wal", "-shm"]:
                if os.path.exists(scratch + s):
                    os.remove(scratch + s)
    return cases, crashes, exits


def hostile(suite, args, hallbar, work, rng):
    say("== 5. hostile files (not a database, truncated, byte-flipped, injected trigger)")
    real = os.path.join(work, "hostile-real.db")
    remove_db(real)
    code, _, err = hallbar(["init"], real)
    if not suite.check("hostile: init a real ledger", code == 0, err):
        return
    load_synthetic_ledger(real, loans=50, entries=3000, hallbar=hallbar)
    checkpoint(real)
    files = make_hostile_files(work, real, rng, flips=args.flips)
    binaries = [("debug", hallbar)]
    if args.asan_bin:
        if os.path.exists(args.asan_bin):
            binaries.append(("asan", Hallbar(args.asan_bin)))
        else:
            suite.block("hostile (asan)", f"{args.asan_bin} not built")
    for label, binary in binaries:
        r_cases, r_crash, r_exits = check_hostile(suite, binary, label, files, READ_COMMANDS, mutating=False)
        w_cases, w_crash, w_exits = check_hostile(suite, binary, label, files, WRITE_COMMANDS, mutating=True)
        exits = {k: r_exits.get(k, 0) + w_exits.get(k, 0) for k in set(r_exits) | set(w_exits)}
        say(f"hostile [{label}]: {len(files)} files x {len(READ_COMMANDS) + len(WRITE_COMMANDS)} commands = "
            f"{r_cases + w_cases} runs, {r_crash + w_crash} crashes; exit codes "
            + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items())))
        suite.figure(f"hostile_{label}", {"files": len(files), "runs": r_cases + w_cases,
                                          "crashes": r_crash + w_crash, "exits": exits})
    if args.import_ok:
        # The injected trigger must not fire unnoticed during an import.
        trig = dict(files)["trigger.db"]
        scratch = os.path.join(work, "hostile-trigger-import.db")
        copy_db(trig, scratch)
        entries = os.path.join(ROOT, "Tests/Corpus/csv/entries-comma.csv")
        # (The file's loans are R-1 …; the import is refused before any row is looked at:
        # every command checks the schema, and the injected trigger is not the migrations'.)
        code, out, err = hallbar(["import", "entries", entries], scratch)
        injected = int(sql(scratch, "SELECT count(*) FROM members WHERE org_no = '999999-9999';"))
        suite.check("hostile: an injected trigger does not write elsewhere during import",
                    injected == 0 and code != 0 and code > 0,
                    f"import exit {code}; rows written by the injected trigger: {injected}; {err.strip()[:200]}")


# ---------------------------------------------------------------------------------
# 2. kill -9 during migrate


def probe_binary(suite, args, work):
    """A hallbar with one more migration than the project's: the probe, numbered after the
    project's last, which reads and writes every ledger entry (real work to kill)."""
    migrations = sorted(f for f in os.listdir(os.path.join(ROOT, "Migrations")) if f.endswith(".sql"))
    probe_name = "%04d_reliability_probe.sql" % (int(migrations[-1][:4]) + 1)
    src = os.path.join(work, "probe", "src")
    build = os.path.join(work, "probe", "build")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    for item in ["Package.swift", "Sources", "Plugins", "Migrations", "Tests"]:
        s = os.path.join(ROOT, item)
        (shutil.copytree if os.path.isdir(s) else shutil.copyfile)(s, os.path.join(src, item))
    shutil.copyfile(os.path.join(ROOT, "reliability", "probe_migration.sql"),
                    os.path.join(src, "Migrations", probe_name))
    say(f"  building a probe hallbar with Migrations/{probe_name} added to a private copy of the sources")
    code, out, err = run(["swift", "build", "--product", "hallbar", "--package-path", src, "--scratch-path", build],
                         timeout=1200)
    if code != 0:
        suite.check("migrate: build the probe hallbar", False, (out + err)[-500:])
        return False, migrations
    return os.path.join(build, "debug", "hallbar"), migrations


def kill_after(hallbar, args, db, seconds):
    """Starts hallbar, sends SIGKILL after `seconds` unless it has finished; True when it was killed."""
    p = hallbar.popen(args, db)
    time.sleep(seconds)
    killed = p.poll() is None
    if killed:
        p.kill()
    p.wait()
    p.stderr.close()
    return killed


def schema_version(db):
    try:
        rows = sql(db, "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version);")
        probe = int(sql(db, "SELECT count(*) FROM sqlite_master WHERE name = 'reliability_probe';"))
    except RuntimeError as e:
        return None, str(e)
    return rows, probe


def migrate_kills(suite, args, hallbar, work, rng):
    say("== 2. kill -9 during migrate on a database with data")
    probe, migrations = probe_binary(suite, args, work)
    if probe is False:
        return
    new = Hallbar(probe)
    base = os.path.join(work, "migrate-base.db")
    remove_db(base)
    code, _, err = hallbar(["init"], base)  # the project's hallbar: every shipped migration
    if not suite.check("migrate: init the old-version database", code == 0, err):
        return
    load_synthetic_ledger(base, loans=200, entries=args.migrate_entries, hallbar=hallbar)
    checkpoint(base)
    old_versions, _ = schema_version(base)
    expected_entries = args.migrate_entries
    # Measure once.
    t = os.path.join(work, "migrate-t.db")
    copy_db(base, t)
    started = time.monotonic()
    code, out, err = new(["migrate"], t)
    duration = time.monotonic() - started
    if not suite.check("migrate: a clean run", code == 0, err):
        return
    new_versions, _ = schema_version(t)
    say(f"  migrate {old_versions} -> {new_versions} over {expected_entries} entries: {duration:.2f} s (measured once)")
    outcomes = {"old": 0, "new": 0, "finished": 0}
    for k in range(args.migrate_kills):
        copy_db(base, t)
        for f in os.listdir(work):
            if f.startswith("migrate-t.db.before-"):
                os.remove(os.path.join(work, f))
        at = rng.uniform(0, duration)
        if not kill_after(new, ["migrate"], t, at):
            outcomes["finished"] += 1
        ok, detail = integrity(t)
        versions, probe_tables = schema_version(t)
        if versions == old_versions and probe_tables == 0:
            state = "old"
        elif versions == new_versions and probe_tables == 1:
            n = int(sql(t, "SELECT count(*) FROM reliability_probe;"))
            state = "new" if n == expected_entries else f"new with {n} probe rows"
        else:
            state = f"between: history {versions}, probe tables {probe_tables}"
        if state in outcomes:
            outcomes[state] += 1
        entries_now = int(sql(t, "SELECT count(*) FROM ledger_entries;"))
        good = ok and state in ("old", "new") and entries_now == expected_entries
        # Running migrate again lands it exactly once.
        code, _, err = new(["migrate"], t)
        again, probe_tables = schema_version(t)
        good = good and code == 0 and again == new_versions and probe_tables == 1
        suite.check(f"migrate kill {k + 1} at {at:.3f} s", good,
                    f"{state}; integrity {ok} {detail}; entries {entries_now}; re-run exit {code} {err.strip()[:200]}")
    say(f"migrate kills: {args.migrate_kills} kill points in {duration:.2f} s: "
        f"{outcomes['old']} left old, {outcomes['new']} left new, never between "
        f"({outcomes['finished']} runs had finished before the kill)")
    suite.figure("migrate_kills", {"points": args.migrate_kills, "duration_s": round(duration, 2), **outcomes})


# ---------------------------------------------------------------------------------
# Import-dependent groups: 1, 3, 4 (import), 6


def import_available(hallbar, work):
    db = os.path.join(work, "probe-import.db")
    remove_db(db)
    hallbar(["init"], db)
    f = os.path.join(work, "probe-members.csv")
    with open(f, "w") as fh:
        fh.write("org_no,name,municipality_code\n")
    code, out, err = hallbar(["import", "members", f], db)
    remove_db(db)
    if "not implemented" in err:
        return False, err.strip().splitlines()[0]
    return True, ""


class Data:
    """BenchGenerator's files and a base ledger with members, borrowers, projects and loans."""

    def __init__(self, suite, args, hallbar, work):
        self.dir = os.path.join(work, "data")
        self.base = os.path.join(work, "base.db")
        self.ok = False
        marker = os.path.join(self.dir, f"made-{args.entries}-{args.loans}")
        if not os.path.exists(marker):
            shutil.rmtree(self.dir, ignore_errors=True)
            code, out, err = run([args.generator, self.dir, "--entries", str(args.entries),
                                  "--loans", str(args.loans), "--indicators", "0"], timeout=600)
            if not suite.check("data: BenchGenerator", code == 0, err):
                return
            open(marker, "w").close()
        remove_db(self.base)
        code, _, err = hallbar(["init"], self.base)
        if not suite.check("data: init base", code == 0, err):
            return
        for kind in ["members", "borrowers", "projects", "loans"]:
            code, out, err = hallbar(["import", kind, os.path.join(self.dir, kind + ".csv")], self.base)
            if not suite.check(f"data: import {kind}", code == 0, err.strip()[:300]):
                return
        checkpoint(self.base)
        self.entries = os.path.join(self.dir, "entries.csv")
        self.header, self.rows, self.n, self.sum, self.effect = read_entries(self.entries)
        # Loans a single disbursement may go to (not on a rejected project).
        self.loans = sql(self.base, "SELECT loan_number FROM loans LEFT JOIN projects USING (project_number) "
                                    "WHERE status IS NULL OR status IN ('approved', 'completed') "
                                    "ORDER BY loan_id LIMIT 50;").splitlines()
        self.ok = True


def import_kills(suite, args, hallbar, work, rng, data):
    say(f"== 1. kill -9 during an import of {data.n} entries")
    t = os.path.join(work, "kill-t.db")
    copy_db(data.base, t)
    started = time.monotonic()
    code, out, err = hallbar(["import", "entries", data.entries], t)
    duration = time.monotonic() - started
    if not suite.check("import-kill: a clean import", code == 0 and totals(t) == (data.n, data.sum, data.effect),
                       f"exit {code}, totals {totals(t)} expected {(data.n, data.sum, data.effect)}; {err.strip()[:300]}"):
        return
    say(f"  import of {data.n} entries: {duration:.2f} s (measured once)")
    counts = {"none": 0, "all": 0, "finished": 0}
    for k in range(args.kills):
        copy_db(data.base, t)
        at = rng.uniform(0, duration)
        if not kill_after(hallbar, ["import", "entries", data.entries], t, at):
            counts["finished"] += 1
        ok, detail = integrity(t)
        now = totals(t)
        state = "none" if now == (0, 0, 0) else "all" if now == (data.n, data.sum, data.effect) else f"partial {now}"
        if state in counts:
            counts[state] += 1
        good = ok and state in ("none", "all")
        reimport = (k % args.reimport_every == 0)
        if reimport:
            code, out, err = hallbar(["import", "entries", data.entries], t)
            after = totals(t)
            good = good and code == 0 and after == (data.n, data.sum, data.effect)
            ok2, detail2 = integrity(t)
            good = good and ok2
            detail += f"; re-import exit {code}, totals {after} {detail2} {err.strip()[:200]}"
        suite.check(f"import kill {k + 1} at {at:.3f} s", good, f"{state}; integrity {ok} {detail}")
    say(f"import kills: {args.kills} kill points in {duration:.2f} s: {counts['none']} held none, "
        f"{counts['all']} held all, never partial ({counts['finished']} had finished); re-imported every "
        f"{args.reimport_every}. kill point(s)")
    suite.figure("import_kills", {"points": args.kills, "entries": data.n, "duration_s": round(duration, 2), **counts})


def concurrency(suite, args, hallbar, work, rng, data):
    say("== 3. two to eight writers at once, with an auditor reading")
    db = os.path.join(work, "conc.db")
    chunk = 2000
    files = []
    d = os.path.join(work, "conc")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    # Disjoint files that are each valid alone: every loan's entries go to one file (a
    # repayment needs its loan's earlier disbursements in the same file or the ledger).
    parts_needed = 8 * args.rounds
    column = data.header.split(",").index("loan_number")
    by_loan = {}
    for r in data.rows:
        by_loan.setdefault(r.split(",")[column], []).append(r)
    loans = sorted(by_loan)
    per_part = max(1, min(len(loans) // parts_needed, max(1, chunk * len(loans) // max(1, len(data.rows)))))
    for i in range(parts_needed):
        group = loans[i * per_part:(i + 1) * per_part]
        if not group:
            break
        part = [r for loan in group for r in by_loan[loan]]
        p = os.path.join(d, f"part-{i:03d}.csv")
        write_entries(p, data.header, part)
        _, _, n, s, e = read_entries(p)
        files.append((p, n, s, e))
    writers_total = 0
    locked = 0
    audits = 0
    for r in range(args.rounds):
        copy_db(data.base, db)
        k = rng.randint(2, 8)
        jobs = []
        for w in range(k):
            if w % 3 == 2 or not files:
                loan = rng.choice(data.loans)
                amount = rng.randint(1, 10_000_000)
                jobs.append((["disburse", "--loan", loan, "--date", "2025-06-30", "--amount",
                              f"{amount // 100}.{amount % 100:02d}", "--id", f"conc-{r}-{w}"], 1, amount, amount))
            else:
                p, n, s, e = files.pop(0)
                jobs.append((["import", "entries", p], n, s, e))
        stop = threading.Event()
        seen = []
        audit_error = []

        def auditor():
            q = subprocess.Popen(["sqlite3", "-batch", "-readonly", db], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
            while not stop.is_set():
                q.stdin.write("SELECT count(*), coalesce(sum(amount_ore), 0), coalesce(sum(balance_effect_ore), 0) "
                              "FROM ledger_entries;\n")
                q.stdin.flush()
                line = q.stdout.readline()
                if not line:
                    audit_error.append(q.stderr.read())
                    break
                seen.append(tuple(int(x) for x in line.strip().split("|")))
            q.stdin.close()
            q.wait()

        th = threading.Thread(target=auditor)
        th.start()
        procs = [(hallbar.popen(cmd, db), cmd, n, s, e) for cmd, n, s, e in jobs]
        results = []
        for p, cmd, n, s, e in procs:
            err = p.stderr.read().decode("utf-8", "replace")
            p.wait()
            results.append((p.returncode, err, cmd))
        stop.set()
        th.join()
        audits += len(seen)
        writers_total += k
        for code, err, cmd in results:
            if "locked" in err or code == 69:
                locked += 1
            suite.check(f"concurrency round {r + 1}: hallbar {' '.join(cmd[:2])}", code == 0,
                        f"exit {code}: {err.strip()[:200]}")
        expected = (sum(j[1] for j in jobs), sum(j[2] for j in jobs), sum(j[3] for j in jobs))
        suite.check(f"concurrency round {r + 1}: totals exact with {k} writers", totals(db) == expected,
                    f"{totals(db)} expected {expected}")
        # Every state the auditor saw is the base plus a whole subset of the writers.
        possible = set()
        for mask in range(1 << k):
            possible.add(tuple(sum(jobs[i][c] for i in range(k) if mask >> i & 1) for c in (1, 2, 3)))
        torn = [s for s in seen if s not in possible]
        suite.check(f"concurrency round {r + 1}: the auditor saw only whole writes", not torn and not audit_error,
                    f"{len(torn)} torn states, e.g. {torn[:2]}; {audit_error}")
        ok, detail = integrity(db)
        suite.check(f"concurrency round {r + 1}: integrity", ok, detail)
    say(f"concurrency: {args.rounds} rounds, {writers_total} writers in all, {locked} saw 'locked', "
        f"{audits} auditor reads, all consistent" if locked == 0 else f"concurrency: {locked} writers saw 'locked'")
    suite.figure("concurrency", {"rounds": args.rounds, "writers": writers_total, "locked": locked, "audits": audits})


def try_tmpfs(path, size_kib):
    os.makedirs(path, exist_ok=True)
    code, out, err = run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", path], timeout=30)
    return code == 0, err.strip()


def disk_full(suite, args, hallbar, work, data):
    say("== 4. disk full and I/O errors")
    cases = 0
    # (a) a file-size limit (ulimit -f), with SIGXFSZ at its default (as a shell leaves it).
    checkpoint(data.base) if data else None
    sources = []
    if data:
        sources.append(("import entries", data.base, ["import", "entries", data.entries]))
    mig = os.path.join(work, "diskfull-migrate.db")
    for label, base, cmd in sources:
        for margin_kib in [16, 256, 2048]:
            db = os.path.join(work, "diskfull.db")
            copy_db(base, db)
            before = totals(db)
            limit = os.path.getsize(db) + margin_kib * 1024

            def limit_size(limit=limit):
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            code, out, err = hallbar(cmd, db, preexec=limit_size)
            cases += 1
            ok, detail = integrity(db)
            after = totals(db)
            first = err.strip().splitlines()[0] if err.strip() else ""
            suite.check(f"diskfull ulimit -f size+{margin_kib} KiB: {label}",
                        code in (65, 74) and ok and after == before and first.startswith("Error:"),
                        f"exit {code} ({'killed by signal ' + str(-code) if code < 0 else first[:200]}); "
                        f"integrity {ok} {detail}; totals {before} -> {after}")
    # (b) a small tmpfs, when this machine lets us mount one.
    mount = os.path.join(work, "tmpfs")
    mounted, why = try_tmpfs(mount, 4096) if data else (False, "")
    if data and mounted:
        try:
            db = os.path.join(mount, "full.db")
            shutil.copyfile(data.base, db)
            # Fill the rest of the disk but a little.
            free = shutil.disk_usage(mount).free
            with open(os.path.join(mount, "filler"), "wb") as f:
                f.write(b"\0" * max(0, free - 64 * 1024))
            before = totals(db)
            code, out, err = hallbar(["import", "entries", data.entries], db)
            cases += 1
            ok, detail = integrity(db)
            after = totals(db)
            first = err.strip().splitlines()[0] if err.strip() else ""
            suite.check("diskfull tmpfs: import entries", code in (65, 74) and ok and after == before,
                        f"exit {code} {first[:200]}; integrity {ok} {detail}; totals {before} -> {after}")
        finally:
            run(["umount", mount], timeout=30)
    elif data:
        say(f"  tmpfs: mount refused here ({why[:100]}); the ulimit -f cases stand in for it")
    say(f"disk full: {cases} cases" + ("" if data else " (import blocked)"))
    suite.figure("diskfull", {"cases": cases, "tmpfs": bool(mounted)})


def disk_full_without_import(suite, hallbar, work):
    """init and migrate on a full disk need no import: a file-size limit during init."""
    cases = 0
    for limit_kib in [0, 8, 64]:
        db = os.path.join(work, "diskfull-init.db")
        remove_db(db)

        def limit_size(limit=limit_kib * 1024):
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        code, out, err = hallbar(["init"], db, preexec=limit_size)
        cases += 1
        first = err.strip().splitlines()[0] if err.strip() else ""
        leftover = os.path.exists(db) and os.path.getsize(db) > 0
        suite.check(f"diskfull ulimit -f {limit_kib} KiB: init",
                    code in (73, 74) and first.startswith("Error:") and not leftover,
                    f"exit {code} ({'killed by signal ' + str(-code) if code < 0 else first[:200]}); "
                    f"half-made file left: {leftover}")
        remove_db(db)
    return cases


def idempotency(suite, args, hallbar, work, rng, data):
    say("== 6. idempotency: same file twice, shuffled, overlapping, conflicting")
    db = os.path.join(work, "idem.db")
    d = os.path.join(work, "idem")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    rows = data.rows[: min(len(data.rows), 20000)]
    full = os.path.join(d, "full.csv")
    write_entries(full, data.header, rows)
    _, _, n, s, e = read_entries(full)
    expected = (n, s, e)
    shuffled = rows[:]
    rng.shuffle(shuffled)
    shuf = os.path.join(d, "shuffled.csv")
    write_entries(shuf, data.header, shuffled)
    half = len(rows) // 4
    a = os.path.join(d, "a.csv")
    b = os.path.join(d, "b.csv")
    write_entries(a, data.header, rows[: 3 * half])
    write_entries(b, data.header, rows[half:])
    scenarios = [
        ("same file twice", [full, full]),
        ("file then its rows shuffled", [full, shuf]),
        ("shuffled first", [shuf, full]),
        ("two files overlapping by half", [a, b]),
        ("a part, then the whole file", [a, full]),
    ]
    for name, seq in scenarios:
        copy_db(data.base, db)
        codes = []
        for f in seq:
            code, out, err = hallbar(["import", "entries", f], db)
            codes.append((code, err.strip()[:150]))
        suite.check(f"idempotency: {name}", all(c == 0 for c, _ in codes) and totals(db) == expected,
                    f"exits {codes}; totals {totals(db)} expected {expected}")
    # A row whose id is there with different content: refused, named, nothing written.
    copy_db(data.base, db)
    hallbar(["import", "entries", a], db)
    before = totals(db)
    victim = rows[half + 1].split(",")
    amount_col = data.header.split(",").index("amount_sek")
    victim[amount_col] = f"{ore(victim[amount_col]) // 100 + 1}.00"
    conflict = os.path.join(d, "conflict.csv")
    write_entries(conflict, data.header, rows[3 * half: 3 * half + 10] + [",".join(victim)])
    code, out, err = hallbar(["import", "entries", conflict], db)
    suite.check("idempotency: a changed row with an existing id is refused and named",
                code == 65 and victim[0] in err and totals(db) == before,
                f"exit {code}; names {victim[0]}: {victim[0] in err}; totals {before} -> {totals(db)}; {err.strip()[:200]}")
    suite.figure("idempotency", {"scenarios": len(scenarios) + 1, "rows": n})


def corpus_imports(suite, args, hallbar, work):
    say("== 10. CSV corpus through hallbar import")
    with open(os.path.join(ROOT, "Tests/Corpus/csv/manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    db = os.path.join(work, "corpus.db")
    ran = 0
    for c in manifest["cases"]:
        if "import" not in c:
            continue
        remove_db(db)
        hallbar(["init"], db)
        load_synthetic_ledger(db, loans=0, entries=0, hallbar=hallbar)
        code, _, err = hallbar(["import", "loans", write_text(os.path.join(work, "corpus-loans.csv"),
                               "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\nL-1,212000-0001,other,,\n"),
                               "--by", "r"], db)
        if code != 0:
            raise RuntimeError(f"hallbar import loans into {db}: {err.strip()}")
        path = os.path.join(ROOT, "Tests/Corpus/csv", c["file"])
        code, out, err = hallbar(["import", "entries", path], db)
        ran += 1
        n = int(sql(db, "SELECT count(*) FROM ledger_entries;"))
        if c["import"] == "ok":
            want = sum(int(a) for a, row in zip(c["amounts"], c["rows"]))
            got = int(sql(db, "SELECT coalesce(sum(amount_ore), 0) FROM ledger_entries;"))
            suite.check(f"corpus import {c['file']}", code == 0 and n == len(c["rows"]) and got == want,
                        f"exit {code}, {n} rows, {got} öre (expected {want}); {err.strip()[:200]}")
        else:
            line = c["import"].split(":")[1]
            suite.check(f"corpus import {c['file']} refused", code == 65 and n == 0 and f":{line}:" in err,
                        f"exit {code}, {n} rows; expected 65 naming line {line}: {err.strip()[:200]}")
    say(f"corpus: {ran} files imported through hallbar")


# ---------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/debug/hallbar"))
    ap.add_argument("--generator", default=os.path.join(ROOT, ".build/debug/BenchGenerator"))
    ap.add_argument("--asan-bin", default=None)
    ap.add_argument("--work", default=os.path.join(ROOT, ".build-reliability"))
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--loans", type=int, default=2_000)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--reimport-every", type=int, default=5)
    ap.add_argument("--migrate-kills", type=int, default=50)
    ap.add_argument("--migrate-entries", type=int, default=300_000)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--flips", type=int, default=24)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--only", default=",".join(GROUPS))
    ap.add_argument("--quick", action="store_true", help="fewer cases (a smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.kills, args.migrate_kills, args.rounds, args.flips = 5, 5, 2, 4
        args.entries, args.migrate_entries = min(args.entries, 20_000), min(args.migrate_entries, 30_000)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    only = set(args.only.split(","))
    os.makedirs(args.work, exist_ok=True)
    work = args.work
    suite = Suite()
    hallbar = Hallbar(args.bin)
    started = time.monotonic()
    say(f"reliability suite: {args.bin}, seed {seed}, {time.strftime('%Y-%m-%d %H:%M:%S')}")

    args.import_ok, why = import_available(hallbar, work)
    if not args.import_ok:
        say(f"  'hallbar import' is not available ({why}): groups that need it are BLOCKED")

    if "hostile" in only:
        hostile(suite, args, hallbar, work, rng)
    if "migrate" in only:
        migrate_kills(suite, args, hallbar, work, rng)
    data = None
    need_data = only & {"import-kill", "concurrency", "diskfull", "idempotency"}
    if args.import_ok and need_data:
        data = Data(suite, args, hallbar, work)
        if not data.ok:
            data = None
    if "diskfull" in only:
        say("== 4. disk full: init under a file-size limit")
        n = disk_full_without_import(suite, hallbar, work)
        say(f"disk full (init): {n} cases")
    for group, fn in [("import-kill", import_kills), ("concurrency", concurrency),
                      ("diskfull", None), ("idempotency", idempotency)]:
        if group not in only:
            continue
        if not args.import_ok:
            suite.block(group, "needs 'hallbar import' (and disburse), not merged yet")
            continue
        if data is None:
            suite.block(group, "the base ledger could not be imported (see the failures above)")
            continue
        if group == "diskfull":
            disk_full(suite, args, hallbar, work, data)
        else:
            fn(suite, args, hallbar, work, rng, data)
    if "corpus" in only:
        if args.import_ok:
            corpus_imports(suite, args, hallbar, work)
        else:
            suite.block("corpus imports", "needs 'hallbar import' (the corpus itself runs in make test)")

    if only & set(hostile_input.GROUPS):
        if args.import_ok:
            hostile_input.run_groups(only, suite, say, sql, hallbar, work, args.quick)
        else:
            suite.block("outputs, unicode, amounts, queries", "need 'hallbar import' and 'seed'")

    elapsed = time.monotonic() - started
    suite.figure("seconds", round(elapsed, 1))
    suite.figure("seed", seed)
    with open(os.path.join(work, "last-run.json"), "w") as f:
        json.dump({"date": time.strftime("%Y-%m-%d %H:%M"), "passed": suite.passed, "failed": suite.failed,
                   "blocked": suite.blocked, "figures": suite.figures, "failures": suite.failures[:50]}, f, indent=1)
    say(f"== done in {elapsed:.0f} s; figures in {os.path.relpath(os.path.join(work, 'last-run.json'), ROOT)}")
    for b in suite.blocked:
        say(f"blocked: {b}")
    print(f"reliability: {suite.passed} passed, {suite.failed} failed", flush=True)
    sys.exit(1 if suite.failed else 0)


if __name__ == "__main__":
    main()
