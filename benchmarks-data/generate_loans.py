#!/usr/bin/env python3
"""Writes benchmarks-data/loans.csv: a small synthetic loan-default dataset for the quick start and
for tests that need a committed file. Python's standard library only, fixed seed: re-running it
rewrites the same bytes.

2,000 rows. Target `defaulted` (yes/no, about 27% yes) depends on income, debt ratio, credit score,
term and purpose, with noise. Also: an identifier column, a date column, a free-text note, missing
values (income 4%, employer_years 7%, purpose 2%), and a column with `NA` written for "none".
"""
import csv
import math
import os
import random

rng = random.Random(20261121)
HERE = os.path.dirname(os.path.abspath(__file__))
PURPOSES = ["car", "home improvement", "debt consolidation", "education", "medical", "vacation", "business"]
STATES = ["CA", "TX", "NY", "FL", "WA", "IL", "OH", "GA"]
NOTES = ["paid early", "requested extension", "autopay enabled", "changed address", "called support", "no contact"]

rows = []
for i in range(2000):
    income = round(math.exp(rng.gauss(10.9, 0.45)), -2)
    debt_ratio = round(min(0.95, max(0.0, rng.betavariate(2, 5))), 3)
    score = int(min(850, max(300, rng.gauss(690, 60))))
    term = rng.choice([36, 36, 60])
    amount = round(income * rng.uniform(0.05, 0.6), -2)
    purpose = rng.choices(PURPOSES, weights=[5, 4, 8, 2, 2, 1, 2])[0]
    years = rng.choice([0, 1, 2, 3, 5, 7, 10, 15, 20])
    cosigner = "NA" if rng.random() < 0.8 else rng.choice(["spouse", "parent", "other"])
    day = rng.randrange(0, 3 * 365)
    date = f"{2021 + day // 365}-{(day % 365) // 31 + 1:02d}-{(day % 31) % 28 + 1:02d}"
    logit = (-1.6 + 4.0 * (debt_ratio - 0.28) - 0.018 * (score - 690) + 0.5 * (term == 60)
             + 0.6 * (purpose in ("vacation", "business")) - 0.5 * (math.log(income) - 10.9) + 0.3 * (years == 0)
             + 0.9 * (amount / income - 0.3) + rng.gauss(0, 0.4))
    defaulted = "yes" if rng.random() < 1 / (1 + math.exp(-logit)) else "no"
    note = " ".join(rng.sample(NOTES, rng.randint(1, 3)))
    rows.append({
        "loan_id": f"L{100000 + i * 7}", "application_date": date, "state": rng.choice(STATES),
        "annual_income": "" if rng.random() < 0.04 else f"{income:.0f}", "loan_amount": f"{amount:.0f}",
        "term_months": term, "purpose": "" if rng.random() < 0.02 else purpose, "credit_score": score,
        "debt_to_income": debt_ratio, "employer_years": "" if rng.random() < 0.07 else years,
        "cosigner": cosigner, "notes": note, "defaulted": defaulted,
    })

with open(os.path.join(HERE, "loans.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
