#!/usr/bin/env python3
"""Writes a synthetic cohort CSV for the ingestion benchmark: ROWS rows x 50 columns
(an id, 40 continuous, 5 integer, 2 binary 0/1, 2 categorical), about 1% missing cells in
the continuous columns. Deterministic (seeded). Usage: ingest_generate.py ROWS OUT.csv"""
import random
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20240601)
header = (["id"] + [f"x{j:02d}" for j in range(40)] + [f"n{j}" for j in range(5)]
          + ["b0", "b1", "grade", "site"])
grades, sites = ["I", "II", "III"], ["north", "south", "east", "west", "centre"]
with open(out, "w") as f:
    f.write(",".join(header) + "\n")
    for i in range(rows):
        cells = [str(i + 1)]
        for j in range(40):
            cells.append("" if rng.random() < 0.01 else f"{rng.gauss(50, 15):.3f}")
        for j in range(5):
            cells.append(str(rng.randrange(0, 200)))
        cells.append(str(rng.randrange(2)))
        cells.append(str(rng.randrange(2)))
        cells.append(grades[rng.randrange(3)])
        cells.append(sites[rng.randrange(5)])
        f.write(",".join(cells) + "\n")
