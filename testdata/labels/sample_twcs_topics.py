"""Draws the customers' tweets of twcs-head-sample (inbound == True; key:
tweet_id) to be labelled with the topics of the default taxonomy
(twcs_topics.csv): the pool sorted by tweet_id as a number, shuffled with
the seed, the first NDEV as "dev" and the next NHOLD as "holdout". Run from
the repo root; prints one block per tweet (set, id, text) to be read and
labelled by hand.

    python3 testdata/labels/sample_twcs_topics.py SEED NDEV NHOLD
"""
import random
import sys

from sample_twcs import tweets


def main():
    seed, ndev, nhold = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    pool = sorted(tweets(), key=lambda p: int(p[1]))
    random.seed(seed)
    random.shuffle(pool)
    for i, (_, tid, text) in enumerate(pool[:ndev + nhold]):
        print("dev" if i < ndev else "holdout", tid, " ".join(text.split()), sep="\t")


if __name__ == "__main__":
    main()
