"""Draws a churn hold-out from the short texts of two non-CFPB shared sets.

The pools: the comments of telecom-nps-verbatims (key: the data row number,
from 0) and the tweets of airline-sentiment (key: _unit_id). Each pool, in
file order, is shuffled with the seed; from each, the first NRANDOM as they
came ("random"), then the next NNET that match a churn net wider than the
classifier's rules ("churn-net"). Run from the repo root; prints one block
per text (set, id, sampled, text) to be read and labelled by hand. Texts
already in the label FILEs given are left out.

    python3 testdata/labels/sample_churn.py SEED NRANDOM NNET [FILE...]
"""
import csv
import re
import sys

from sample import DATA, labelled, pick, show  # the shuffle, picking and printing of the CFPB hold-outs
CHURN_NET = re.compile(
    r"\b(?:cancel|switch|leav|left\b|never|terminat|no longer|another|other (?:provider|company|network|airline|carrier)|"
    r"different|competitor|moving to|move to|port|contract|elsewhere|take my business|done with|last time|"
    r"won'?t be|will not be|not be (?:using|flying|renewing)|find a new|look(?:ing)? for|goodbye|bye)", re.I)


def pools():
    nps = []
    with open(DATA + "telecom-nps-verbatims/nps_verbatims.csv", newline="", encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f)):
            if r["text"].strip():
                nps.append(("telecom-nps-verbatims", str(i), r["text"]))
    air = []
    with open(DATA + "airline-sentiment/airline_sentiment_shared.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            air.append(("airline-sentiment", r["_unit_id"], r["text"]))
    return nps, air


def main():
    seed, nrandom, nnet = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    done = labelled(sys.argv[4:])
    n = 0
    for pool in pools():
        pool = [p for p in pool if (p[0], p[1]) not in done]
        n = show(pick(pool, seed, nrandom, nnet, CHURN_NET, "churn-net"), n)


if __name__ == "__main__":
    main()
