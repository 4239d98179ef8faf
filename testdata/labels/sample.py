"""Draws a flag hold-out from the pool of testdata/labels/README.md.

The pool: the narratives of at most 1,500 characters of both shared CFPB
sets, sorted by (set, numeric id), minus every narrative already labelled;
shuffled with the seed; the first NRANDOM as they came ("random"), then the
next NNET that match the legal-threat net ("legal-net"). Run from the repo
root; prints one block per narrative (set, id, sampled, text) to be read and
labelled by hand. With seed 20261126, 20 random, 60 from the net and the
three files before it, it gives flags_holdout3.csv's rows in order.

    python3 testdata/labels/sample.py [--len MIN-MAX] [--net urgent] SEED NRANDOM NNET FILE...

--len changes the pool's narrative length bounds (default 1-1500
characters); the sixth hold-out used --len 1501-2500. --net urgent draws
from a net of urgency words instead ("urgent-net"; flags_urgent.csv: seed
20261217, 0 random, 60 from the net).
"""
import csv
import random
import re
import sys

csv.field_size_limit(10**9)
DATA = "../shared/data/"
LEGAL_NET = re.compile(r"\b(?:attorney|lawyer|legal|law firm|court|judge|sue|suing|lawsuit|litigat|cfpb|regulat|general|ftc|federal trade)", re.I)
URGENT_NET = re.compile(
    r"\b(?:emergenc|urgent|medic|hospital|evict|foreclos|homeless|heat\b|heating|electric|utilit|water\b|food|starv|"
    r"hungry|sale date|auction|sheriff|disab|cancer|surgery|insulin|shut ?off|disconnect)", re.I)
NETS = {"legal": (LEGAL_NET, "legal-net"), "urgent": (URGENT_NET, "urgent-net")}


def pool(lo=1, hi=1500):
    out = []
    with open(DATA + "cfpb-bdm-sample/complaints_sample.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = r["Consumer complaint narrative"]
            if t and lo <= len(t) <= hi:
                out.append(("cfpb-bdm-sample", r["Complaint ID"], t))
    with open(DATA + "cfpb-narratives-product/Consumer_Complaints.csv", newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        n = next(rd).index("Consumer complaint narrative")
        for r in rd:
            if r[n] and lo <= len(r[n]) <= hi:
                out.append(("cfpb-narratives-product", r[0], r[n]))
    out.sort(key=lambda p: (p[0], int(p[1])))
    return out


def labelled(files):
    """The (set, id) keys of the label files given."""
    done = set()
    for fn in files:
        with open(fn, newline="") as f:
            done |= {(r["set"], r["id"]) for r in csv.DictReader(f)}
    return done


def pick(cand, seed, nrandom, nnet, net, net_name):
    """Shuffles cand with the seed and returns the first nrandom as they came
    ("random"), then the next nnet whose text matches net (net_name), each as
    ((set, id, text), how)."""
    random.seed(seed)
    random.shuffle(cand)
    picked = [(p, "random") for p in cand[:nrandom]]
    for p in cand[nrandom:]:
        if len(picked) == nrandom + nnet:
            break
        if net.search(p[2]):
            picked.append((p, net_name))
    return picked


def show(picked, first=0):
    """Prints picked texts as pick returns them, numbered from first, one
    block each (set, id, sampled, text); returns the next number."""
    for (s, id_, text), how in picked:
        print(f"=== #{first} {s} {id_} {how}\n{text}\n")
        first += 1
    return first


def main():
    args, lo, hi, net = sys.argv[1:], 1, 1500, "legal"
    while args[0] in ("--len", "--net"):
        if args[0] == "--len":
            lo, hi = (int(x) for x in args[1].split("-"))
        else:
            net = args[1]
        args = args[2:]
    seed, nrandom, nnet, files = int(args[0]), int(args[1]), int(args[2]), args[3:]
    done = labelled(files)
    cand = [p for p in pool(lo, hi) if (p[0], p[1]) not in done]
    show(pick(cand, seed, nrandom, nnet, *NETS[net]))


if __name__ == "__main__":
    main()
