#!/usr/bin/env python3
"""Writes benchmarks-data/houses.csv: a small synthetic house-price dataset (regression) for the
sample reports in reports/ and for tests that need a committed regression file. Python's standard
library only, fixed seed: re-running it rewrites the same bytes.

1,500 rows. Target `price` (euros) grows with living area, lot size and rooms, falls with age,
depends on the neighbourhood and condition, and has multiplicative noise. Also: a listing date,
a short free-text description, missing values (lot_size 6%, year_built 3%), and a yes/no column.
"""
import csv
import math
import os
import random

rng = random.Random(20261207)
HERE = os.path.dirname(os.path.abspath(__file__))
NEIGHBOURHOODS = {"harbour": 1.35, "old town": 1.25, "university": 1.1, "riverside": 1.05, "north": 0.9, "industrial": 0.75}
CONDITIONS = {"poor": 0.8, "fair": 0.92, "good": 1.0, "excellent": 1.12}
WORDS = ["bright", "renovated", "quiet street", "close to shops", "needs work", "large kitchen", "south facing", "parking", "new roof", "cellar"]

rows = []
for i in range(1500):
    area = round(max(28, rng.gauss(105, 38)))
    rooms = max(1, min(9, round(area / 28 + rng.gauss(0, 0.8))))
    lot = round(max(0, rng.lognormvariate(5.6, 0.7)))
    year = rng.randint(1900, 2023)
    neighbourhood = rng.choices(list(NEIGHBOURHOODS), weights=[2, 3, 4, 4, 5, 2])[0]
    condition = rng.choices(list(CONDITIONS), weights=[1, 3, 5, 2])[0]
    garden = "yes" if lot > 250 and rng.random() < 0.8 else "no"
    day = rng.randrange(0, 2 * 365)
    date = f"{2023 + day // 365}-{(day % 365) // 31 + 1:02d}-{(day % 31) % 28 + 1:02d}"
    description = ", ".join(rng.sample(WORDS, rng.randint(1, 3)))
    age = 2024 - year
    price = (2600 * area * NEIGHBOURHOODS[neighbourhood] * CONDITIONS[condition] * (1 - 0.0025 * min(age, 80))
             + 40 * math.sqrt(lot) * 100 + 9000 * rooms + 15000 * ("renovated" in description) + 12000 * (garden == "yes"))
    price *= math.exp(rng.gauss(0, 0.12))
    rows.append({
        "listing_date": date, "neighbourhood": neighbourhood, "living_area": area, "rooms": rooms,
        "lot_size": "" if rng.random() < 0.06 else lot, "year_built": "" if rng.random() < 0.03 else year,
        "condition": condition, "garden": garden, "description": description, "price": int(round(price, -2)),
    })

with open(os.path.join(HERE, "houses.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
