#!/usr/bin/env python3
"""Writes Tests/Corpus/support/reference_cases.csv: random inputs and parameters for the
support-need model (domain.md, "Support need on very weak markets") with every figure
computed here, independently of the Swift code, in exact fractions.

SupportNeedReferenceTests reads the file and checks that SupportNeed.compute agrees to
the öre. Regenerate with `python3 Tests/Corpus/support/reference.py` (fixed seed: the
output is the same every time).

The readings of domain.md are the ones SupportNeed.compute documents: each product of a
share or rate rounds half up once; flats round down; step 2 takes out at most the flats
step 1 left; a cost below the norm saves nothing and is not raised; a net income of 0 or
less gives a market value of 0; steps 2 and 3 both start from what step 1 left.
"""
import csv
import math
import os
import random
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reference_cases.csv")

FIELDS = ["year", "apartments", "vacant_apartments", "area_m2", "book_value_sek", "equity_sek",
          "untaxed_reserves_sek", "total_assets_sek", "om_cost_per_m2", "om_norm_per_m2", "rent_income_sek",
          "population", "population_forecast", "forecast_year", "taxes_and_grants_sek"]
PARAMS = ["turnover-vacancy", "vacancies-per-100", "cost-per-flat", "municipality-share", "savings-share",
          "min-solidity", "untaxed-equity-share", "yield"]
FIGURES = ["today.flats", "today.release", "today.writedown", "today.cost", "today.untaxed", "today.floor",
           "today.equity", "today.savings", "today.capacity", "today.cap", "today.company", "today.municipality",
           "today.state", "future.flats", "future.release", "future.writedown", "future.cost", "future.savings",
           "future.company", "future.municipality", "future.state", "market.flats", "market.operating_cost",
           "market.net_income", "market.market_value", "market.book_value", "market.writedown_need",
           "market.company", "market.municipality", "market.state", "company_left", "municipality_left"]


def half_up(x):
    assert x >= 0, x
    return math.floor(x + F(1, 2))


def split(cost, company, municipality):
    c = min(cost, company)
    m = min(cost - c, municipality)
    return c, m, cost - c - m


def compute(i, p):
    """i: the input in flats, m² and öre; p: per cents and counts as Fractions, cost per flat in öre."""
    A = i["apartments"]
    s1 = max(0, math.floor(i["vacant_apartments"] - p["turnover-vacancy"] / 100 * A))
    rel1 = s1 * p["cost-per-flat"]
    wd1 = half_up(F(s1 * i["book_value_sek"], A))
    cost1 = rel1 + wd1
    untaxed = half_up(p["untaxed-equity-share"] / 100 * i["untaxed_reserves_sek"])
    floor_ = half_up(p["min-solidity"] / 100 * i["total_assets_sek"])
    equity = max(0, i["equity_sek"] - floor_)
    gap = max(0, i["om_cost_per_m2"] - i["om_norm_per_m2"])
    ss = p["savings-share"] / 100
    sav1 = half_up(ss * gap * F(i["area_m2"] * s1, A))
    cap1 = untaxed + equity + sav1
    mcap = half_up(p["municipality-share"] / 100 * i["taxes_and_grants_sek"])
    c1, m1, st1 = split(cost1, cap1, mcap)
    left_c, left_m = cap1 - c1, mcap - m1

    lost = max(0, i["population"] - i["population_forecast"])
    s2 = min(math.floor(lost * p["vacancies-per-100"] / 100), A - s1)
    rel2 = s2 * p["cost-per-flat"]
    wd2 = half_up(F(s2 * i["book_value_sek"], A))
    cost2 = rel2 + wd2
    sav2 = half_up(ss * gap * F(i["area_m2"] * s2, A))
    c2, m2, st2 = split(cost2, left_c + sav2, left_m)

    flats3 = A - s1
    opc = half_up((i["om_cost_per_m2"] - ss * gap) * F(i["area_m2"] * flats3, A))
    net = i["rent_income_sek"] - opc
    value = half_up(net / (p["yield"] / 100)) if net > 0 else 0
    book = i["book_value_sek"] - wd1
    need = max(0, book - value)
    c3, m3, st3 = split(need, left_c, left_m)
    return [s1, rel1, wd1, cost1, untaxed, floor_, equity, sav1, cap1, mcap, c1, m1, st1,
            s2, rel2, wd2, cost2, sav2, c2, m2, st2,
            flats3, opc, net, value, book, need, c3, m3, st3, left_c, left_m]


def ore_text(ore):
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def hundredths_text(units):
    whole, frac = divmod(units, 100)
    return str(whole) if frac == 0 else f"{whole}.{frac:02d}".rstrip("0")


def random_case(rng):
    A = rng.choice([rng.randint(1, 30), rng.randint(30, 3000), rng.randint(3000, 40000)])
    V = rng.choice([0, rng.randint(0, max(0, A // 50)), rng.randint(0, A), A])
    per_flat_area = rng.randint(35, 95)
    M = max(1, A * per_flat_area + rng.randint(-per_flat_area // 2, per_flat_area // 2))
    book = A * rng.randint(50_000, 900_000) * 100 + rng.randint(0, 99)
    T = book + rng.randint(0, book // 3 + 100)
    E = rng.choice([rng.randint(0, T // 3), rng.randint(-T // 20, T // 20), rng.randint(0, T // 20)])
    U = rng.choice([0, rng.randint(0, T // 20)])
    norm = rng.randint(250, 450) * 100 + rng.randint(0, 99)
    cost = max(0, norm + rng.randint(-80, 120) * 100 + rng.randint(-99, 99))
    rent = M * rng.choice([rng.randint(500, 1500), rng.randint(100, 600)]) * 100 + rng.randint(0, 99)
    P = rng.randint(1_000, 60_000)
    Fc = max(0, P + rng.choice([rng.randint(-P // 5, P // 20), 0, rng.randint(-P, 0)]))
    G = P * rng.randint(15_000, 80_000) * 100 + rng.randint(0, 99)
    year = rng.randint(2010, 2030)
    i = {"year": year, "apartments": A, "vacant_apartments": V, "area_m2": M, "book_value_sek": book,
         "equity_sek": E, "untaxed_reserves_sek": U, "total_assets_sek": T, "om_cost_per_m2": cost,
         "om_norm_per_m2": norm, "rent_income_sek": rent, "population": P, "population_forecast": Fc,
         "forecast_year": year + rng.randint(0, 15), "taxes_and_grants_sek": G}
    defaults = {"turnover-vacancy": 200, "vacancies-per-100": 700, "cost-per-flat": 7_000_000,
                "municipality-share": 500, "savings-share": 5000, "min-solidity": 500,
                "untaxed-equity-share": 7800, "yield": 800}
    p = dict(defaults)
    if rng.random() < 0.5:
        for name in PARAMS:
            if rng.random() < 0.4:
                if name == "cost-per-flat":
                    p[name] = rng.randint(0, 200_000) * 100 + rng.choice([0, rng.randint(0, 99)])
                elif name == "yield":
                    p[name] = rng.randint(1, 2000)
                elif name == "vacancies-per-100":
                    p[name] = rng.randint(0, 2000)
                else:
                    p[name] = rng.randint(0, 10_000)
    return i, p


def ore(text):
    negative = text.startswith("-")
    whole, _, frac = text.lstrip("-").partition(".")
    value = int(whole) * 100 + int((frac + "00")[:2])
    return -value if negative else value


def seeds():
    defaults = {"turnover-vacancy": F(2), "vacancies-per-100": F(7), "cost-per-flat": 7_000_000,
                "municipality-share": F(5), "savings-share": F(50), "min-solidity": F(5),
                "untaxed-equity-share": F(78), "yield": F(8)}
    path = os.path.join(HERE, "..", "..", "..", "Seeds", "housing.csv")
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            i = {k: ore(row[k]) if k.endswith("_sek") or k.startswith("om_") else int(row[k]) for k in FIELDS}
            figures = dict(zip(FIGURES, compute(i, defaults)))
            print(row["borrower_org_no"], row["year"])
            for step in ("today", "future", "market"):
                print("  " + step + ": " + ", ".join(f"{k.split('.')[1]} {v}" for k, v in figures.items()
                                                     if k.startswith(step + ".")))


def main():
    rng = random.Random(20150558)
    rows = []
    for _ in range(400):
        i, p = random_case(rng)
        fp = {k: (F(v, 100) if k != "cost-per-flat" else v) for k, v in p.items()}
        figures = compute(i, fp)
        text = [ore_text(i[f]) if f.endswith("_sek") or f.startswith("om_") else str(i[f]) for f in FIELDS]
        params = [hundredths_text(p[k]) for k in PARAMS]
        rows.append(text + params + [str(x) for x in figures])
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FIELDS + PARAMS + FIGURES)
        w.writerows(rows)
    print(f"wrote {len(rows)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    import sys
    seeds() if sys.argv[1:] == ["--seeds"] else main()
