"""Draws a hold-out of all three flags from the customers' tweets of
twcs-head-sample (inbound == True; key: tweet_id), a source none of the
flag rules were written from: customer-support tweets to about 100 brands.

The pool, in file order, is shuffled with the seed; the first NRANDOM as
they came ("random"), then the next NNET that match a net of all three
flags' words, much wider than the rules ("flag-net"). Run from the repo
root; prints one block per tweet (set, id, sampled, text) to be read and
labelled by hand. Tweets already in the label FILEs given are left out.

    python3 testdata/labels/sample_twcs.py SEED NRANDOM NNET [FILE...]
"""
import csv
import re
import sys

from sample import DATA, LEGAL_NET, labelled, pick, show
from sample_churn import CHURN_NET

URGENT_NET = re.compile(
    r"\b(?:emergenc|urgent|asap|immediately|medic|hospital|doctor|sick|ill\b|disab|evict|homeless|safe|danger|fire|"
    r"smoke|injur|hurt|heat|power|water|food|stranded|stuck|baby|child|kid|elderly|dying|die\b|dead|life)", re.I)
FLAG_NET = re.compile("|".join(n.pattern for n in (CHURN_NET, LEGAL_NET, URGENT_NET)), re.I)


def tweets():
    out = []
    with open(DATA + "twcs-head-sample/twcs_head5000.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["inbound"] == "True" and r["text"].strip():
                out.append(("twcs-head-sample", r["tweet_id"], r["text"]))
    return out


def main():
    seed, nrandom, nnet = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    done = labelled(sys.argv[4:])
    pool = [p for p in tweets() if (p[0], p[1]) not in done]
    show(pick(pool, seed, nrandom, nnet, FLAG_NET, "flag-net"))


if __name__ == "__main__":
    main()
