#!/usr/bin/env python3
"""Check the demo data in Seeds/ against the rules of docs/spec and the figures of the slides.

Usage: python3 Seeds/check_seeds.py [SEEDS_DIR]

Reads only the CSV files; uses integer öre and fractions.Fraction, never floats.
Exits 0 when every check holds, 1 otherwise. Prints the computed Bild 2 and
Bild 6 figures and the follow-up status of every seeded indicator.
"""
import csv
import datetime
import os
import re
import sys
from collections import defaultdict
from fractions import Fraction

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
    return cond


REQUIRED = {
    "members.csv": ["org_no", "name", "municipality_code"],
    "borrowers.csv": ["org_no", "name", "owner_org_no"],
    "projects.csv": ["project_number", "programme", "borrower_org_no", "title", "category", "investment_type",
                     "approved_sek", "decision_date", "status"],
    "loans.csv": ["loan_number", "borrower_org_no", "programme", "project_number", "green_bond_eligible"],
    "entries.csv": ["external_id", "loan_number", "value_date", "amount_sek", "kind"],
    "indicators.csv": ["indicator_id", "project_number", "area", "goal", "name", "unit", "direction",
                       "baseline_value", "baseline_year", "target", "target_text", "target_year"],
    "readings.csv": ["indicator_id", "year", "value"],
    "references.csv": ["name", "year", "value"],
    "bonds.csv": ["isin", "programme", "issue_date", "maturity_date", "amount_sek"],
    "metrics.csv": ["project_number", "year", "metric", "basis", "value"],
    "factors.csv": ["name", "valid_from", "g_per_kwh", "source"],
}
OPTIONAL = {
    "projects.csv": ["total_cost_sek", "framework_version", "basic_requirements", "physical_investment",
                     "social_intervention", "social_goals", "slide_label"],
    "bonds.csv": ["currency", "amount_original"],
}

SOCIAL_CATEGORIES = ["Boende och boendemiljöer", "Trygghet, säkerhet och tillgänglighet",
                     "Hälsa, utbildning, idrott och kultur"]
SOCIAL_TYPES = ["1", "2"]
GREEN_CATEGORIES = ["renewable_energy", "energy_efficiency", "green_buildings", "clean_transport",
                    "waste_management", "water_management", "climate_adaptation", "environmental_management"]
STATUSES = ["approved", "rejected", "withdrawn", "completed"]


def load(name):
    path = os.path.join(DIR, name)
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read()
    check("\r" not in raw, f"{name}: carriage return found (files use LF)")
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    header, body = rows[0], rows[1:]
    want = REQUIRED[name]
    check(header[:len(want)] == want, f"{name}: header {header[:len(want)]} != {want}")
    extra = header[len(want):]
    check(extra == OPTIONAL.get(name, [])[:len(extra)], f"{name}: unexpected optional columns {extra}")
    out = []
    for i, r in enumerate(body, 2):
        check(len(r) == len(header), f"{name}:{i}: {len(r)} fields, header has {len(header)}")
        out.append(dict(zip(header, r)))
    return out


def luhn_ok(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0


def valid_orgno(s):
    return bool(re.fullmatch(r"\d{6}-\d{4}", s)) and int(s[2:4]) >= 20 and luhn_ok(s.replace("-", ""))


def ore(s, where):
    m = re.fullmatch(r"(\d+)(?:\.(\d{1,2}))?", s)
    if not check(m is not None, f"{where}: amount {s!r} is not a positive SEK amount with at most two decimals"):
        return 0
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))


def date(s, where):
    try:
        d = datetime.date.fromisoformat(s)
        check(len(s) == 10, f"{where}: date {s!r} is not YYYY-MM-DD")
        return d
    except ValueError:
        check(False, f"{where}: date {s!r} does not exist")
        return datetime.date.min


def round_half_away(fr):
    """Round a Fraction to the nearest integer, halves away from zero."""
    fr = Fraction(fr)
    sign = -1 if fr < 0 else 1
    a = abs(fr)
    n = a.numerator * 2 + a.denominator
    return sign * (n // (2 * a.denominator))


def sv_dec(value_tenths):
    s = "-" if value_tenths < 0 else ""
    v = abs(value_tenths)
    whole = f"{v // 10:,}".replace(",", "\u00a0")
    return f"{s}{whole},{v % 10}"


def sek(o):
    return f"{o // 100:,}".replace(",", " ") + f",{o % 100:02d}"


def mdkr(o):
    return sv_dec(round_half_away(Fraction(o, 10_000_000_000)))  # tenths of mdkr = 1e8 SEK = 1e10 öre


def mnkr(o):
    return f"{round_half_away(Fraction(o, 100_000_000)):,}".replace(",", " ")


def pct1(fr):
    return sv_dec(round_half_away(fr * 1000)) + " %"


def pct2(fr):
    v = round_half_away(fr * 10000)
    return f"{v // 100},{v % 100:02d} %"


def fmt_fr(fr):
    """A Fraction as a plain decimal string (the seeded values all terminate)."""
    for k in range(7):
        if (fr * 10 ** k).denominator == 1:
            v = fr * 10 ** k
            sgn, v = ("-" if v < 0 else ""), abs(v.numerator)
            return sgn + (str(v) if k == 0 else f"{v // 10 ** k}.{v % 10 ** k:0{k}d}")
    return str(fr)


def pct0(fr):
    v = round_half_away(fr * 100)
    return ("+" if v >= 0 else "") + str(v) + " %"


# ----------------------------------------------------------------- load
members = load("members.csv")
borrowers = load("borrowers.csv")
projects = load("projects.csv")
loans = load("loans.csv")
entries = load("entries.csv")
indicators = load("indicators.csv")
readings = load("readings.csv")
references = load("references.csv")

# ----------------------------------------------------------------- members / borrowers
member_by_org = {}
for m in members:
    o = m["org_no"]
    check(valid_orgno(o), f"members: {o} is not a Luhn-valid organisation number")
    check(o.startswith("212000-") or o.startswith("232100-"), f"members: {o} is neither 212000- (kommun) nor 232100- (region)")
    code = m["municipality_code"]
    if o.startswith("212000-"):
        check(re.fullmatch(r"\d{4}", code) is not None, f"members: {m['name']} needs a 4-digit municipality code")
    else:
        check(code == "", f"members: region {m['name']} has a municipality code")
    check(o not in member_by_org, f"members: duplicate {o}")
    member_by_org[o] = m
check(len({m["municipality_code"] for m in members if m["municipality_code"]})
      == len([m for m in members if m["municipality_code"]]), "members: duplicate municipality code")

borrower_by_org = {}
for b in borrowers:
    o = b["org_no"]
    check(valid_orgno(o), f"borrowers: {o} is not a Luhn-valid organisation number")
    check(o not in borrower_by_org, f"borrowers: duplicate {o}")
    check(b["owner_org_no"] in member_by_org, f"borrowers: owner {b['owner_org_no']} of {b['name']} is not a member")
    if o in member_by_org:
        check(b["owner_org_no"] == o, f"borrowers: member {b['name']} must own itself")
        check(b["name"] == member_by_org[o]["name"], f"borrowers: member {o} named differently")
    else:
        check(o.startswith("55"), f"borrowers: company {b['name']} {o} is not an aktiebolag number (55xxxx)")
    borrower_by_org[o] = b
for o in member_by_org:
    check(o in borrower_by_org, f"borrowers: member {o} is missing as a borrower")


def owner(org):
    return borrower_by_org[org]["owner_org_no"]


# ----------------------------------------------------------------- projects
proj = {}
for p in projects:
    where = f"projects {p['project_number']}"
    check(re.fullmatch(r"[1-9]\d*", p["project_number"]) is not None, f"{where}: number not a positive integer")
    n = int(p["project_number"])
    check(n not in proj, f"{where}: duplicate number")
    check(p["programme"] in ("green", "social"), f"{where}: programme {p['programme']!r}")
    check(p["borrower_org_no"] in borrower_by_org, f"{where}: unknown borrower")
    check(p["status"] in STATUSES, f"{where}: status {p['status']!r}")
    if p["programme"] == "social":
        check(p["category"] in SOCIAL_CATEGORIES, f"{where}: social category {p['category']!r}")
        check(p["investment_type"] in SOCIAL_TYPES, f"{where}: investment_type {p['investment_type']!r}")
        check(p["framework_version"] == "", f"{where}: framework_version on a social project")
        # Five 0/1 digits in Bild 4 order, or 5/5 (all) / 0/5 (none); any other N/5 is ambiguous.
        check(re.fullmatch(r"[01]{5}|[05]/5", p["basic_requirements"]) is not None, f"{where}: basic_requirements")
        if p["status"] == "approved":
            check(p["basic_requirements"] in ("5/5", "11111"), f"{where}: approved without all five basic requirements")
    else:
        check(p["category"] in GREEN_CATEGORIES, f"{where}: green category {p['category']!r}")
        check(p["investment_type"] == "", f"{where}: investment_type on a green project")
        check(p["framework_version"] in ("2022", "2024-12"), f"{where}: framework_version {p['framework_version']!r}")
        d = p["decision_date"]
        check((p["framework_version"] == "2024-12") == (d >= "2024-12-01"),
              f"{where}: framework version does not match decision date (criteria changed 2024-12-01)")
        for k in ("basic_requirements", "physical_investment", "social_intervention", "social_goals"):
            check(p[k] == "", f"{where}: {k} on a green project")
    p["_approved"] = ore(p["approved_sek"], where)
    p["_date"] = date(p["decision_date"], where)
    if p["total_cost_sek"]:
        p["_total"] = ore(p["total_cost_sek"], where)
        check(p["_total"] >= p["_approved"], f"{where}: total cost below approved amount")
    proj[n] = p

# ----------------------------------------------------------------- loans
loan = {}
for l in loans:
    where = f"loans {l['loan_number']}"
    check(re.fullmatch(r"[1-9]\d*", l["loan_number"]) is not None, f"{where}: number not a positive integer")
    check(l["loan_number"] not in loan, f"{where}: duplicate")
    check(l["borrower_org_no"] in borrower_by_org, f"{where}: unknown borrower")
    check(l["programme"] in ("green", "social", "other"), f"{where}: programme")
    if l["programme"] == "other":
        check(l["project_number"] == "", f"{where}: other loan with a project")
        check(l["green_bond_eligible"] == "", f"{where}: green_bond_eligible on a non-green loan")
    else:
        pn = int(l["project_number"]) if l["project_number"] else None
        if check(pn in proj, f"{where}: unknown project {l['project_number']!r}"):
            p = proj[pn]
            check(p["programme"] == l["programme"], f"{where}: programme differs from its project's")
            check(p["borrower_org_no"] == l["borrower_org_no"], f"{where}: borrower differs from its project's")
            check(p["status"] != "rejected", f"{where}: loan on a rejected project")
        if l["programme"] == "green":
            check(l["green_bond_eligible"] in ("true", "false"), f"{where}: green_bond_eligible must be true/false")
        else:
            check(l["green_bond_eligible"] == "", f"{where}: green_bond_eligible on a social loan")
    loan[l["loan_number"]] = l
check(any(l["green_bond_eligible"] == "false" for l in loans), "loans: no green loan excluded from the green bond pool")

# ----------------------------------------------------------------- entries
seen = set()
by_loan = defaultdict(list)
for e in entries:
    where = f"entries {e['external_id']}"
    check(re.fullmatch(r"E-\d{6}", e["external_id"]) is not None, f"{where}: external_id format")
    check(e["external_id"] not in seen, f"{where}: duplicate external_id")
    seen.add(e["external_id"])
    check(e["loan_number"] in loan, f"{where}: unknown loan")
    check(e["kind"] in ("disbursement", "repayment"), f"{where}: kind {e['kind']!r}")
    e["_ore"] = ore(e["amount_sek"], where)
    check(e["_ore"] > 0, f"{where}: amount must be positive")
    e["_date"] = date(e["value_date"], where)
    by_loan[e["loan_number"]].append(e)

for ln, es in by_loan.items():
    l = loan[ln]
    p = proj.get(int(l["project_number"])) if l["project_number"] else None
    bal = 0
    # repayments before disbursements on the same day: the strictest order
    for e in sorted(es, key=lambda e: (e["_date"], e["kind"] == "disbursement")):
        if e["kind"] == "disbursement":
            if p is not None:
                check(p["status"] != "rejected", f"loan {ln}: disbursement on rejected project")
                check(e["_date"] >= p["_date"], f"loan {ln}: disbursement {e['external_id']} before the project decision")
            bal += e["_ore"]
        else:
            bal -= e["_ore"]
        check(bal >= 0, f"loan {ln}: negative balance after {e['external_id']}")

# disbursed <= approved per social project, at every date (cumulative gross disbursements)
gross_by_proj = defaultdict(int)
for e in sorted(entries, key=lambda e: e["_date"]):
    l = loan[e["loan_number"]]
    if e["kind"] == "disbursement" and l["programme"] == "social":
        pn = int(l["project_number"])
        gross_by_proj[pn] += e["_ore"]
        check(gross_by_proj[pn] <= proj[pn]["_approved"], f"project {pn}: disbursed exceeds approved")


def outstanding(ln, d):
    return sum((e["_ore"] if e["kind"] == "disbursement" else -e["_ore"]) for e in by_loan[ln] if e["_date"] <= d)


def gross_disbursed(ln, d):
    return sum(e["_ore"] for e in by_loan[ln] if e["_date"] <= d and e["kind"] == "disbursement")


# ----------------------------------------------------------------- Bild 2
D1, D2 = datetime.date(2023, 12, 31), datetime.date(2024, 12, 31)


def shares(d):
    r = defaultdict(int)
    for ln, l in loan.items():
        o = outstanding(ln, d)
        r[l["programme"]] += o
        if l["green_bond_eligible"] == "true":
            r["eligible"] += o
    r["sustainable"] = r["green"] + r["social"]
    r["total"] = r["sustainable"] + r["other"]
    return r


s1, s2 = shares(D1), shares(D2)
print("Bild 2 (outstanding = disbursements - repayments, value date <= D)")
print(f"  {'line':<20}{'2023-12-31 (SEK, mdkr)':>30}{'2024-12-31 (SEK, mdkr)':>30}   change")
expected = {
    "green": ("79,4", "91,6", "+15 %"), "social": ("2,1", "4,6", "+119 %"),
    "sustainable": ("81,5", "96,2", "+18 %"), "other": ("430,4", "448,2", "+4 %"),
    "total": ("511,9", "544,4", None),
}
for k in ("green", "social", "sustainable", "other", "total", "eligible"):
    a, b = s1[k], s2[k]
    ch = pct0(Fraction(b, a) - 1)
    print(f"  {k:<20}{sek(a):>22} {mdkr(a):>7}{sek(b):>22} {mdkr(b):>7}   {ch}")
    if k in expected:
        e1, e2, ec = expected[k]
        check(mdkr(a).replace("\u00a0", "") == e1, f"Bild 2 {k} 2023: {mdkr(a)} != {e1}")
        check(mdkr(b).replace("\u00a0", "") == e2, f"Bild 2 {k} 2024: {mdkr(b)} != {e2}")
        if ec:
            check(ch == ec, f"Bild 2 {k} change: {ch} != {ec}")
gs1, gs2 = Fraction(s1["green"], s1["total"]), Fraction(s2["green"], s2["total"])
ss1, ss2 = Fraction(s1["sustainable"], s1["total"]), Fraction(s2["sustainable"], s2["total"])
print(f"  {'green share':<20}{pct1(gs1):>30}{pct1(gs2):>30}")
print(f"  {'sustainable share':<20}{pct1(ss1):>30}{pct1(ss2):>30}")
print(f"  total change computed {pct0(Fraction(s2['total'], s1['total']) - 1)} "
      f"(to two decimals {pct2(Fraction(s2['total'], s1['total']) - 1)}; the slide prints +3,7 %)")
check(pct1(gs1) == "15,5 %" and pct1(gs2) == "16,8 %", "Bild 2 green share")
check(pct1(ss1) == "15,9 %" and pct1(ss2) == "17,7 %", "Bild 2 sustainable share")
check(s1["eligible"] < s1["green"] and s2["eligible"] < s2["green"], "eligible pool must be below green")

# ----------------------------------------------------------------- Bild 6
D6 = datetime.date(2025, 3, 18)
appr = [p for n, p in proj.items() if p["programme"] == "social" and p["status"] in ("approved", "completed")
        and p["_date"] <= D6]
mem = {owner(p["borrower_org_no"]) for p in appr}
appr_ore = sum(p["_approved"] for p in appr)
soc_loans = [ln for ln, l in loan.items() if l["programme"] == "social"]
disb_ore = sum(gross_disbursed(ln, D6) for ln in soc_loans)
out_ore = sum(outstanding(ln, D6) for ln in soc_loans)
print("\nBild 6 (as of 2025-03-18)")
print(f"  approved projects {len(appr)}, members {len(mem)}, approved {sek(appr_ore)} SEK = {mdkr(appr_ore)} mdkr, "
      f"disbursed {sek(disb_ore)} SEK = {mdkr(disb_ore)} mdkr (outstanding {mdkr(out_ore)} mdkr)")
check(len(appr) == 27, f"Bild 6: {len(appr)} approved projects, want 27")
check(len(mem) == 21, f"Bild 6: {len(mem)} members, want 21")
check(mdkr(appr_ore) == "10,9", f"Bild 6: approved {mdkr(appr_ore)}")
check(mdkr(disb_ore) == "4,9", f"Bild 6: disbursed {mdkr(disb_ore)}")
bycat = defaultdict(int)
for p in appr:
    bycat[p["category"]] += p["_approved"]
for c in SOCIAL_CATEGORIES:
    print(f"  {c:<42}{mnkr(bycat[c]):>8} mnkr  {pct1(Fraction(bycat[c], appr_ore))}")
all_social = [p for p in proj.values() if p["programme"] == "social"]
skipped = ", ".join("#%s %s %s" % (p["project_number"], p["status"], p["decision_date"]) for p in all_social if p not in appr)
print(f"  (not counted: {skipped})")


def proj_disbursed(nums, d):
    return sum(gross_disbursed(ln, d) for ln, l in loan.items() if l["project_number"] and int(l["project_number"]) in nums)


for label, nums, want_a, want_d in [("Botkyrkabyggen #1;#20", {1, 20}, "3 758", "2 190"),
                                    ("Tanums kommun #19", {19}, "124,5", "35"),
                                    ("Ronneby kommun #15", {15}, "500", "500")]:
    a = sum(proj[n]["_approved"] for n in nums)
    dd = proj_disbursed(nums, D6)
    a_s = mnkr(a) if a % 100_000_000 == 0 else sv_dec(round_half_away(Fraction(a, 10_000_000)))
    print(f"  {label:<24} approved/disbursed {a_s} / {mnkr(dd)} mnkr")
    check(a_s == want_a and mnkr(dd) == want_d, f"project page {label}: {a_s}/{mnkr(dd)} != {want_a}/{want_d}")

# ----------------------------------------------------------------- follow-up statuses
NUM = r"[+-]?\d+(?:[.,]\d+)?"


def num(s):
    return Fraction(s.replace(",", ".").replace("%", "").strip())


def parse_target(t):
    if t in ("increasing", "decreasing"):
        return (t,)
    if t.startswith("text:"):
        return ("text", t[5:])
    m = re.fullmatch(r"ref(>=|>)([a-z][a-z0-9_]*)", t)
    if m:
        return ("ref", m.group(1), m.group(2))
    m = re.fullmatch(rf"(>=|>|<=|<|=)\s*({NUM})\s*%?", t)
    if m:
        return ("cmp", m.group(1), num(m.group(2)))
    m = re.fullmatch(rf"({NUM})\s*(?:-|\.\.)\s*({NUM})\s*%?", t)
    if m:
        lo, hi = num(m.group(1)), num(m.group(2))
        if lo <= hi:
            return ("range", lo, hi)
    raise ValueError(t)


def reading_value(s):
    """Number, range (judged by midpoint) or None for a text reading."""
    s = s.strip()
    if re.fullmatch(NUM, s):
        return num(s)
    m = re.fullmatch(rf"({NUM})\s*-\s*({NUM})", s)
    if m:
        return (num(m.group(1)) + num(m.group(2))) / 2
    return None


refs = {}
for r in references:
    check(re.fullmatch(r"[a-z][a-z0-9_]*", r["name"]) is not None, f"references: name {r['name']!r}")
    refs[(r["name"], int(r["year"]))] = num(r["value"])


def met(target, v, year):
    k = target[0]
    if k == "cmp":
        op, x = target[1], target[2]
        return {">=": v >= x, ">": v > x, "<=": v <= x, "<": v < x, "=": v == x}[op]
    if k == "range":
        return target[1] <= v <= target[2]
    if k == "ref":
        r = refs.get((target[2], year))
        if r is None:
            return False
        return v >= r if target[1] == ">=" else v > r
    return False


def status(ind, year):
    rs = {int(r["year"]): r["value"] for r in readings if r["indicator_id"] == ind["indicator_id"]}
    if year not in rs:
        return "EJ RAPPORTERAT", None, None
    v = reading_value(rs[year])
    before = [y for y in rs if y < year]
    p = reading_value(rs[max(before)]) if before else num(ind["baseline_value"])
    b = num(ind["baseline_value"])
    if v is None:
        return "EJ BEDÖMT", p, rs[year]
    t = parse_target(ind["target"])
    if met(t, v, year):
        return "MÅLVÄRDE UPPNÅTT", p, rs[year]
    d = ind["direction"]
    if d == "none":
        return ("INGEN FÖRÄNDRING" if v == p else "EJ BEDÖMT"), p, rs[year]
    worse = (lambda x, y: x < y) if d == "higher" else (lambda x, y: x > y)
    if worse(v, b):
        return "SÄMRE ÄN UTGÅNGSVÄRDE", p, rs[year]
    if worse(v, p):
        return "NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE", p, rs[year]
    if worse(p, v):
        return "POSITIV TREND", p, rs[year]
    return "INGEN FÖRÄNDRING", p, rs[year]


ids = set()
for ind in indicators:
    where = f"indicators {ind['indicator_id']}"
    check(re.fullmatch(r"[A-Z0-9]+(?:-[A-Z0-9]+)*", ind["indicator_id"]) is not None, f"{where}: id format")
    check(ind["indicator_id"] not in ids, f"{where}: duplicate")
    ids.add(ind["indicator_id"])
    pn = int(ind["project_number"])
    check(pn in proj and proj[pn]["programme"] == "social", f"{where}: project {pn} is not a social project")
    check(ind["direction"] in ("higher", "lower", "none"), f"{where}: direction")
    try:
        t = parse_target(ind["target"])
        if t[0] == "increasing":
            check(ind["direction"] == "higher", f"{where}: increasing target needs direction higher")
        if t[0] == "decreasing":
            check(ind["direction"] == "lower", f"{where}: decreasing target needs direction lower")
        if t[0] == "ref":
            check(any(k[0] == t[2] for k in refs), f"{where}: no reference series {t[2]}")
    except ValueError:
        check(False, f"{where}: target {ind['target']!r} does not parse")
    num(ind["baseline_value"])
    check(re.fullmatch(r"\d{4}", ind["baseline_year"]) is not None, f"{where}: baseline_year")
    check(ind["target_year"] == "" or re.fullmatch(r"\d{4}", ind["target_year"]) is not None, f"{where}: target_year")
for r in readings:
    check(r["indicator_id"] in ids, f"readings: unknown indicator {r['indicator_id']}")

WORKED = {  # domain.md, "Worked examples from the presentation"
    "ALBY-TRIVSEL-LGH": "SÄMRE ÄN UTGÅNGSVÄRDE",
    "ALBY-ROT-HYRESHOJNING": "MÅLVÄRDE UPPNÅTT",
    "ALBY-QVINNA-ANSTALLDA": "INGEN FÖRÄNDRING",
    "BOT-KOMPIS-DELTAGARE": "MÅLVÄRDE UPPNÅTT",
    "BOT-LAXHJALPEN-GODKANDA": "POSITIV TREND",
    "TANUM-SKOLHANDELSER": "MÅLVÄRDE UPPNÅTT",
    "RONNEBY-INSKRIVNA-UPPTAGNING": "MÅLVÄRDE UPPNÅTT",
    "RONNEBY-TRYGGA-AK5-FLICKOR": "SÄMRE ÄN UTGÅNGSVÄRDE",
    "RONNEBY-INTEGRATION-STDAV": "POSITIV TREND",
}
counts = defaultdict(int)
print("\nFollow-up 2023 (rule of domain.md)")
print(f"  {'indicator_id':<34}{'baseline':>9}{'prev':>9}{'2023':>9}  {'target':<34}status")
for ind in indicators:
    st, p, v = status(ind, 2023)
    pv = "" if p is None else fmt_fr(p)
    counts[st] += 1
    print(f"  {ind['indicator_id']:<34}{ind['baseline_value']:>9}{pv:>9}{v or '':>9}  {ind['target'][:33]:<34}{st}")
    if ind["indicator_id"] in WORKED:
        check(st == WORKED[ind["indicator_id"]], f"worked example {ind['indicator_id']}: {st} != {WORKED[ind['indicator_id']]}")
print("  counts: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) + f" ({sum(counts.values())} indicators)")
check(set(WORKED) <= ids, "a worked example of domain.md is missing")

# ----------------------------------------------------------------- allocation and impact (illustrative)
# domain.md "Allocation and impact"; the Swift side is Sources/Ledger/Allocation. This is an
# independent implementation over the CSV files: exact Fractions, rounding half away from zero
# at 10^-7 of a unit where the Swift side documents it (a derived tCO2e, an attributed value,
# tCO2e per mnkr), so both print the same figures.
print()
print("Allocation and impact (bonds.csv, metrics.csv, factors.csv: illustrative)")
bonds = load("bonds.csv")
metrics = load("metrics.csv")
factors = load("factors.csv")
GREEN_ORDER = GREEN_CATEGORIES
METRICS = ["ghg_avoided_tco2e", "ghg_reduced_tco2e", "energy_saved_mwh", "renewable_generation_mwh",
           "renewable_capacity_mw", "certified_floor_area_m2", "water_treated_m3", "waste_recycled_t"]
ENERGY = ("energy_saved_mwh", "renewable_generation_mwh")


def isin_ok(s):
    if re.fullmatch(r"[A-Z]{2}[A-Z0-9]{9}[0-9]", s) is None:
        return False
    return luhn_ok("".join(str(int(c, 36)) for c in s))


def decimal(s, where):
    if not check(re.fullmatch(r"\d+(\.\d{1,7})?", s) is not None, f"{where}: {s!r} is not a decimal >= 0"):
        return Fraction(0)
    return Fraction(s)


isins = set()
for b in bonds:
    where = f"bonds {b['isin']}"
    check(isin_ok(b["isin"]), f"{where}: ISIN check digit")
    check(b["isin"] not in isins, f"{where}: duplicate")
    isins.add(b["isin"])
    check(b["programme"] in ("green", "social"), f"{where}: programme")
    b["_issue"] = date(b["issue_date"], where)
    b["_maturity"] = date(b["maturity_date"], where)
    check(b["_maturity"] > b["_issue"], f"{where}: matures before it is issued")
    b["_ore"] = ore(b["amount_sek"], where)
    check((b["currency"] == "") == (b["amount_original"] == ""), f"{where}: currency and amount_original go together")
    if b["currency"]:
        check(re.fullmatch(r"[A-Z]{3}", b["currency"]) is not None and b["currency"] != "SEK", f"{where}: currency")
        ore(b["amount_original"], where)

factor_by_day = {}
for f in factors:
    where = f"factors {f['valid_from']}"
    check(f["name"] == "electricity", f"{where}: name")
    d = date(f["valid_from"], where)
    check(d not in factor_by_day, f"{where}: two factors from the same day")
    check(f["source"].strip() != "", f"{where}: source")
    factor_by_day[d] = decimal(f["g_per_kwh"], where)


def factor_on(d):
    days = [k for k in factor_by_day if k <= d]
    return factor_by_day[max(days)] if days else None


metric_rows = defaultdict(dict)  # (project, year) -> {(metric, basis): value}
for m in metrics:
    where = f"metrics {m['project_number']} {m['year']} {m['metric']} {m['basis']}"
    pn = int(m["project_number"]) if m["project_number"].isdigit() else -1
    check(pn in proj and proj[pn]["programme"] == "green", f"{where}: not a green project")
    check(m["year"].isdigit() and 1900 <= int(m["year"]) <= 2200, f"{where}: year")
    check(m["metric"] in METRICS, f"{where}: metric")
    check(m["basis"] in ("expected", "actual"), f"{where}: basis")
    if pn in proj:
        check(int(m["year"]) >= proj[pn]["_date"].year, f"{where}: a year before the project's decision")
    key = (m["metric"], m["basis"])
    check(key not in metric_rows[(pn, int(m["year"]))], f"{where}: duplicate")
    metric_rows[(pn, int(m["year"]))][key] = decimal(m["value"], where)


def window_first_day(d):
    try:
        earlier = d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        earlier = d.replace(year=d.year - 1, day=28)
    return earlier + datetime.timedelta(days=1)


def r7(fr):
    return Fraction(round_half_away(Fraction(fr) * 10**7), 10**7)


def fmt_q(fr, decimals=0):
    v = round_half_away(Fraction(fr) * 10**decimals)
    whole = f"{abs(v) // 10**decimals:,}".replace(",", " ")
    frac = f",{abs(v) % 10**decimals:0{decimals}d}" if decimals else ""
    return ("-" if v < 0 else "") + whole + frac


def allocation(d):
    first = window_first_day(d)
    out = {}
    for prog in ("green", "social"):
        pool = total = 0
        cats = defaultdict(lambda: defaultdict(int))
        for ln, l in loan.items():
            if l["programme"] != prog:
                continue
            p = proj[int(l["project_number"])]
            o = outstanding(ln, d)
            eligible = prog == "social" or l["green_bond_eligible"] == "true"
            total += o
            pool += o if eligible else 0
            c = cats[p["category"]]
            c["outstanding"] += o
            c["eligible"] += o if eligible else 0
            for e in by_loan[ln]:
                if e["kind"] == "disbursement" and e["_date"] <= d:
                    c["new" if e["_date"] >= first else "ref"] += e["_ore"]
        bonds_out = sum(b["_ore"] for b in bonds if b["programme"] == prog and b["_issue"] <= d < b["_maturity"])
        env = cats["environmental_management"]["eligible"] if prog == "green" else None
        out[prog] = dict(pool=pool, total=total, bonds=bonds_out, headroom=pool - bonds_out, cats=cats,
                         env_share=Fraction(env, pool) if env is not None and pool else None)
    return out


for d in (datetime.date(2021, 12, 31), datetime.date(2022, 12, 31), D1, D2):
    a = allocation(d)
    for prog in ("green", "social"):
        x = a[prog]
        ratio = pct1(Fraction(x["bonds"], x["pool"])) if x["pool"] else "–"
        flag = "  OVER-ALLOCATED" if x["headroom"] < 0 else ""
        env = f"  environmental management {pct1(x['env_share'])} of the pool" if x["env_share"] is not None else ""
        headroom = ("-" if x["headroom"] < 0 else "") + sek(abs(x["headroom"]))
        print(f"  {d} {prog:<6} pool {sek(x['pool']):>22}  bonds {sek(x['bonds']):>22}  headroom {headroom:>23}"
              f"  ratio {ratio}{flag}{env}")
    if d >= datetime.date(2022, 12, 31):
        check(a["green"]["headroom"] > 0 and a["social"]["headroom"] >= 0, f"allocation {d}: bonds above the pool")
        check(a["green"]["env_share"] <= Fraction(3, 10), f"allocation {d}: environmental management above 30 %")
a24 = allocation(D2)
print("  green categories on 2024-12-31 (new financing = disbursed 2024-01-01 … 2024-12-31):")
for c in GREEN_ORDER:
    x = a24["green"]["cats"].get(c)
    if x:
        print(f"    {c:<26} outstanding {mnkr(x['outstanding']):>7} mnkr  new {mnkr(x['new']):>6}  refinancing {mnkr(x['ref']):>6}")

# First day from which the green bonds stay within the pool (the seeds' green lending starts in 2022).
event_days = sorted({e["_date"] for e in entries} | {b["_issue"] for b in bonds} | {b["_maturity"] for b in bonds})
last_bad = max((d for d in event_days if allocation(d)["green"]["headroom"] < 0), default=None)
print(f"  green headroom negative last on {last_bad} (before the seeds' green lending had grown), positive from then on")
check(last_bad == datetime.date(2022, 9, 1), f"green headroom negative on {last_bad}: Seeds/README.md says 2022-09-01")


def impact(year, grams):
    end = datetime.date(year, 12, 31)
    rows = []
    for pn, p in sorted(proj.items()):
        if p["programme"] != "green" or p["status"] != "approved" or p["_date"] > end:
            continue
        o = sum(outstanding(ln, end) for ln, l in loan.items() if l["project_number"] == str(pn))
        total = p.get("_total")
        share = Fraction(min(o, total), total) if total else None
        lines = []
        got = metric_rows.get((pn, year), {})
        for metric in METRICS:
            basis = "actual" if (metric, "actual") in got else "expected" if (metric, "expected") in got else None
            if basis is None:
                continue
            v = got[(metric, basis)]
            lines.append((metric, v, r7(v * share) if share is not None else None))
            if metric in ENERGY and grams is not None:
                t = r7(v * grams / 1000)
                lines.append(("ghg_avoided_tco2e", t, r7(t * share) if share is not None else None))
        rows.append(dict(pn=pn, cat=p["category"], out=o, share=share, lines=lines))
    return rows


def sums(rows):
    out = sum(r["out"] for r in rows)
    covered = sum(r["out"] for r in rows if r["share"] is not None and r["lines"])
    att = defaultdict(Fraction)
    for r in rows:
        for metric, _, a in r["lines"]:
            if a is not None:
                att[metric] += a
    per = r7(att["ghg_avoided_tco2e"] * 10**8 / out) if out and "ghg_avoided_tco2e" in att else None
    return out, covered, att, per


IMPACT = {}
for year, grams in ((2022, factor_on(datetime.date(2022, 12, 31))), (2023, factor_on(datetime.date(2023, 12, 31))),
                    (2024, factor_on(D2)), (2022, factor_by_day[max(factor_by_day)])):
    rows = impact(year, grams)
    label = "restated" if (year, "published") in IMPACT else "published"
    out, covered, att, per = sums(rows)
    IMPACT[(year, label)] = (out, covered, att, per)
    print(f"  impact {year} {label} at {fmt_q(grams)} g/kWh: attributed {fmt_q(att['ghg_avoided_tco2e'], 7)} tCO2e avoided, "
          f"{fmt_q(per, 7)} t per mnkr, coverage {pct1(Fraction(covered, out))} ({sek(covered)} of {sek(out)} SEK)")
    if label == "published" and year == 2024:
        for c in GREEN_ORDER:
            cr = [r for r in rows if r["cat"] == c]
            if cr:
                o, cv, a, pm = sums(cr)
                print(f"    {c:<26} ghg avoided {fmt_q(a['ghg_avoided_tco2e'], 7):>18} t  per mnkr "
                      f"{fmt_q(pm, 7) if pm is not None else '–':>12}  coverage {pct1(Fraction(cv, o)) if o else '–'}")
check(IMPACT[(2022, "restated")][2]["ghg_avoided_tco2e"] < IMPACT[(2022, "published")][2]["ghg_avoided_tco2e"],
      "restating 2022 under the newer factor must lower its avoided tCO2e")
check(Fraction(IMPACT[(2024, "published")][1], IMPACT[(2024, "published")][0]) < 1, "coverage 2024 should stay below 100 %")
print()
if FAILS:
    print(f"{len(FAILS)} check(s) failed:")
    for f in FAILS:
        print("  -", f)
    sys.exit(1)
print("all checks hold")
