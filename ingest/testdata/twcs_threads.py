"""Counts TestRepliesTwcs asserts, worked out with Python's csv module
over the support tweets, independently of the ingest's SQL. Run from the
repository root with ../shared beside it:

    python3 ingest/testdata/twcs_threads.py

A customer's tweet is a follow-up when, walking up in_response_to_tweet_id
(at most 200 tweets), it reaches an earlier inbound tweet of the same
author; the highest such tweet begins the thread (its root). A follow-up
whose root is itself a follow-up stays a complaint. A reply (outbound)
answers the complaint it names, or the root of the follow-up it names, or
what the reply it names answers.
"""
import csv, collections, statistics
from datetime import datetime
rows = list(csv.DictReader(open('../shared/data/twcs-head-sample/twcs_head5000.csv', newline='', encoding='utf-8')))
def norm(x):
    x = (x or '').strip()
    if x.endswith('.0'): x = x[:-2]
    return x or None
first = {}
for i, r in enumerate(rows):
    first.setdefault(norm(r['tweet_id']), i)
complaint = lambda r: r['inbound'] == 'True'
def root_of(i):
    r = rows[i]; best = None; cur = r; hops = 0
    while hops < 200:
        p = norm(cur['in_response_to_tweet_id'])
        if p is None or p not in first: break
        j = first[p]
        if j == i: break
        cur = rows[j]; hops += 1
        if complaint(cur) and cur['author_id'] == r['author_id'] and j != i: best = j
    return best
roots = {}
for i, r in enumerate(rows):
    if complaint(r):
        b = root_of(i)
        if b is not None: roots[i] = b
roots = {i: b for i, b in roots.items() if b not in roots}
comps = [i for i, r in enumerate(rows) if complaint(r) and i not in roots]
print('follow-ups', len(roots), 'complaints', len(comps))
t = lambda r: datetime.strptime(r['created_at'], '%a %b %d %H:%M:%S %z %Y')
cid = {norm(rows[i]['tweet_id']): i for i in comps}
fu = {norm(rows[i]['tweet_id']): b for i, b in roots.items()}
# each complaint's earliest reply (file order at one time): its first
# response, and its author the company
outbound = {}
for r in rows:
    if r['inbound'] == 'False': outbound.setdefault(norm(r['tweet_id']), r)
answer, answering = {}, 0
for k, r in enumerate(rows):
    if r['inbound'] != 'False': continue
    a = norm(r['in_response_to_tweet_id'])
    hops = 0  # a reply to a reply answers what that one answers
    while a in outbound and norm(outbound[a]['in_response_to_tweet_id']) not in (None, a) and hops < 200:
        a = norm(outbound[a]['in_response_to_tweet_id']); hops += 1
    if a in fu: a = norm(rows[fu[a]]['tweet_id'])
    if a not in cid: continue
    c = rows[cid[a]]
    if t(r) < t(c): continue
    answering += 1
    if a not in answer or t(r) < answer[a][0]:
        answer[a] = (t(r), r['author_id'])
secs = [(answer[a][0] - t(rows[cid[a]])).total_seconds() for a in answer]
print('replies answering a complaint', answering, 'first responses', len(answer), 'median s', statistics.median(secs))
per = collections.Counter(rows[i]['author_id'] for i in comps)
print('customers', len(per), 'with >= 2 complaints', sum(1 for c in per.values() if c >= 2))
company = [f[1] for f in answer.values()]
print('companies', len(company), 'distinct', len(set(company)), 'Chipotle', company.count('ChipotleTweets'))
print('follow-ups joined to a complaint with >=1 text', len(set(roots.values())))
print('other complaints whose own text holds a blank line', sum(1 for i in comps if i not in set(roots.values()) and '\n\n' in (rows[i]['text'] or '').replace('\r\n', '\n')))
# TestMappings: complaints received from October 2017, and the complaints
# whose text (a thread's tweets together) holds an escaped "&", "<" or ">"
parts = collections.defaultdict(list)
for i in comps:
    parts[i].append(rows[i]['text'] or '')
for i, b in roots.items():
    parts[b].append(rows[i]['text'] or '')
print('complaints from 2017-10', sum(1 for i in comps if t(rows[i]).year == 2017 and t(rows[i]).month >= 10))
import re
unescape = lambda s: re.sub(r'&(amp|lt|gt);', lambda m: {'amp': '&', 'lt': '<', 'gt': '>'}[m.group(1)], s)
print('with &', sum(1 for i in comps if any('&' in unescape(p) for p in parts[i])),
      'with < or >', sum(1 for i in comps if any('<' in unescape(p) or '>' in unescape(p) for p in parts[i])))
# TestRepliesTwcs: an unanswered complaint that starts a thread (its
# in_response_to_tweet_id empty: a tweet replying to another, such as a
# customer's reply to another customer's tweet, where Twitter puts the
# thread's participants first, addresses no one by its mentions) takes as
# company the brand its text (a thread's tweets) addresses: the first
# @-mention, not inside an address, of a handle that answers as a company
# (any outbound tweet's author), compared case-insensitively
handles = {}
for r in rows:
    if r['inbound'] == 'False' and r['author_id'].strip():
        handles.setdefault(r['author_id'].lower(), r['author_id'])
def addressed(text):
    for m in re.findall(r'(?:^|[^\w@])@(\w+)', unescape(text).lower(), re.A):
        if m in handles: return handles[m]
unanswered = [i for i in comps if norm(rows[i]['tweet_id']) not in answer]
starts = lambda i: norm(rows[i]['in_response_to_tweet_id']) is None
brand = collections.Counter(addressed(' '.join(parts[i])) if starts(i) else None for i in unanswered)
print('unanswered', len(unanswered), 'starting a thread', sum(1 for i in unanswered if starts(i)),
      'addressing a company', len(unanswered) - brand[None], 'companies', len(set(brand) - {None}),
      'Chipotle', brand['ChipotleTweets'], 'marksandspencer', brand['marksandspencer'],
      'ATVIAssist', brand['ATVIAssist'], 'Tesco', brand['Tesco'], 'Delta', brand['Delta'],
      'answered marksandspencer', company.count('marksandspencer'))
print('distinct companies, answered or addressed', len(set(company) | set(brand) - {None}))
# An unanswered complaint that replies to a tweet (does not start a
# thread) takes as company the author of the tweet it replies to, when
# that author answers as a company: the brand whose tweet it answers (a
# customer joining another's thread with the brand, or answering a brand's
# tweet that answers nothing). One replying to a customer's tweet has none:
# its mentions address no one, as above.
def replied_to(i):
    p = norm(rows[i]['in_response_to_tweet_id'])
    if p in first:
        return handles.get(rows[first[p]]['author_id'].lower())
addressed_to = {i: addressed(' '.join(parts[i])) if starts(i) else replied_to(i) for i in unanswered}
to = collections.Counter(addressed_to.values())
print('unanswered replying to a brand\'s tweet', sum(1 for i in unanswered if not starts(i) and replied_to(i)),
      'to a customer\'s', sum(1 for i in unanswered if not starts(i) and not replied_to(i)))
print('unanswered with a company', len(unanswered) - to[None], 'companies', len(set(to) - {None}),
      'top', sorted(((n, b) for b, n in to.items() if b), key=lambda x: (-x[0], x[1]))[:4],
      'Delta', to['Delta'], 'ChipotleTweets', to['ChipotleTweets'], 'marksandspencer', to['marksandspencer'], 'tweet 7200', addressed_to[first['7200']])
print('distinct companies, answered or addressed', len(set(company) | set(to) - {None}))
