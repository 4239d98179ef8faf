"""Draws an urgency hold-out from the CFPB pool of testdata/labels/README.md:
the unlabelled narratives of at most 1,500 characters that match a net of
urgency words much wider than the rules ("urgent-net"), shuffled with the
seed as sample.py shuffles them. Run from the repo root; prints one block
per narrative (set, id, sampled, text) to be read and labelled by hand.

    python3 testdata/labels/sample_urgent.py SEED N FILE...
"""
import re
import sys

from sample import labelled, pick, pool

URGENT_NET = re.compile(
    r"\b(?:emergenc|urgent|medic|hospital|evict|foreclos|homeless|heat\b|heating|electric|utilit|water\b|food|starv|"
    r"hungry|sale date|auction|sheriff|disab|cancer|surgery|insulin|shut ?off|disconnect)", re.I)


def main():
    seed, n, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    done = labelled(files)
    cand = [p for p in pool() if (p[0], p[1]) not in done]
    for i, ((s, id_, text), how) in enumerate(pick(cand, seed, 0, n, URGENT_NET, "urgent-net")):
        print(f"=== #{i} {s} {id_} {how}\n{text}\n")


if __name__ == "__main__":
    main()
