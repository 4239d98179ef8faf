"""Draws the customers' tweets of twcs-head-sample (inbound == True; key:
tweet_id) to be labelled with the topics of the default taxonomy
(twcs_topics.csv): the pool sorted by tweet_id as a number, shuffled with
the seed, the first NDEV as "dev", the next NHOLD as "holdout" and the next
NHOLD2 (default 0) as "holdout2". Run from the repo root; prints one line
per tweet (set, id, text) to be read and labelled by hand.

    python3 testdata/labels/sample_twcs_topics.py SEED NDEV NHOLD [NHOLD2]
"""
import random
import sys

from sample_twcs import tweets


def main():
    seed, ndev, nhold = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    nhold2 = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    pool = sorted(tweets(), key=lambda p: int(p[1]))
    random.seed(seed)
    random.shuffle(pool)
    for i, (_, tid, text) in enumerate(pool[:ndev + nhold + nhold2]):
        name = "dev" if i < ndev else "holdout" if i < ndev + nhold else "holdout2"
        print(name, tid, " ".join(text.split()), sep="\t")


if __name__ == "__main__":
    main()
