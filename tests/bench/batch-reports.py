#!/usr/bin/env python3
"""Writes N made-up incident reports of about 1 KB each as JSON Lines ({"id", "date", "text"}) to
stdout, for the batch benchmarks (tests/bench/batch-extract.sh, batch-map.sh). The sentences are
written for this benchmark from templates and a list of towns; the same N and seed give the same
file. Usage: batch-reports.py N [SEED]"""
import json
import random
import sys

TOWNS = ["Zummar", "Mosul", "Erbil", "Kirkuk", "Tikrit", "Samarra", "Fallujah", "Ramadi",
         "Baqubah", "Hasakah", "Qamishli", "Raqqa", "Deir ez-Zor", "Aleppo", "Homs", "Hama",
         "Idlib", "Latakia", "Tartus", "Daraa", "Beirut", "Tyre", "Sidon", "Baalbek", "Tripoli",
         "Amman", "Irbid", "Zarqa", "Aqaba", "Basra", "Najaf", "Karbala", "Hillah", "Kut",
         "Nasiriyah", "Amarah", "Sulaymaniyah", "Duhok", "Sinjar", "Tal Afar"]
REGIONS = ["northeastern Syria", "northern Iraq", "southern Lebanon", "western Iraq",
           "eastern Syria", "northwestern Syria", "southern Iraq", "northern Jordan"]
EVENTS = [
    "Two rockets were fired from {a} towards {r} late on {day}, a local official said.",
    "A drone strike hit a depot near {a} on {day}, killing {k} people and wounding {w}.",
    "Shelling struck the outskirts of {a} in the early hours, residents told reporters.",
    "An explosion was reported at a checkpoint in {a}; {k} guards were killed.",
    "Militants launched mortars from {a} at positions in {b} on {day}.",
    "An air strike targeted a convoy about {d} km north of {a} on {day}.",
]
FILLER = [
    "Witnesses described a series of loud blasts followed by smoke over the area.",
    "Emergency crews worked through the night to clear the damaged road.",
    "No group claimed responsibility, and the authorities opened an investigation.",
    "The ministry said the situation was under control and urged calm.",
    "Schools in the district stayed closed the following morning as a precaution.",
    "Analysts said the attack fitted a pattern seen over the previous months.",
    "Officials gave no further details about the damage or the people involved.",
    "Traffic on the main highway was diverted for several hours afterwards.",
]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def report(rng):
    parts = []
    while sum(len(p) + 1 for p in parts) < 950:
        if rng.random() < 0.45:
            a, b = rng.sample(TOWNS, 2)
            parts.append(rng.choice(EVENTS).format(
                a=a, b=b, r=rng.choice(REGIONS), day=rng.choice(DAYS),
                k=rng.randint(1, 9), w=rng.randint(2, 20), d=rng.randint(5, 40)))
        else:
            parts.append(rng.choice(FILLER))
    return " ".join(parts)


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 12)
    out = sys.stdout
    for i in range(n):
        date = "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        out.write(json.dumps({"id": "r%05d" % (i + 1), "date": date, "text": report(rng)}))
        out.write("\n")


if __name__ == "__main__":
    main()
