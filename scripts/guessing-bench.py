#!/usr/bin/env python3
"""Issue 10, items 2 and 4: what password guessing does to a library, measured with the CLI.

usage: scripts/guessing-bench.py BINARY [BINARY ...]   (e.g. an older build, then target/release/kashidashi)

For each binary, in one run and on a new Hokkaido library in a temporary folder:
  1. a scripted loop of 100 wrong `patron login` tries on one card (real clock): the count of each
     answer and the wall time (C24);
  2. checkout wall time per command (process included), p50 / p99 / max over SAMPLES checkouts, with
     nothing else running and then while two guessing loops run `patron login` with wrong
     passwords round-robin over 30 cards each (argon2 on every try until a card waits).
"""
import collections, os, statistics, subprocess, sys, tempfile, threading, time

SAMPLES = 150
DAY = "2026-04-01"  # a Wednesday: the general counter is open


def cli(binary, db, *args, now=DAY):
    cmd = [binary, "--db", db, "--json", "--desk", "general"] + (["--now", now] if now else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True)


def code_of(p):
    import json
    try:
        out = json.loads(p.stdout)
    except ValueError:
        return f"exit {p.returncode}"
    return "ok" if out.get("ok") else out["error"]["code"]


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def checkouts(binary, db, items, card):
    times = []
    for i in range(SAMPLES):
        item = items[i % len(items)]
        t = time.perf_counter()
        p = cli(binary, db, "checkout", "--card", card, "--item", item)
        times.append((time.perf_counter() - t) * 1000)
        assert code_of(p) == "ok", p.stdout + p.stderr
        assert code_of(cli(binary, db, "checkin", "--item", item)) == "ok"
    return times


def guesser(binary, db, cards, stop, answers):
    n = 0
    while not stop.is_set():
        card = cards[n % len(cards)]
        answers[code_of(cli(binary, db, "patron", "login", "--card", card, "--password", f"guess{n}", now=None))] += 1
        n += 1


def run(binary):
    work = tempfile.mkdtemp(prefix="kashidashi-guess-")
    db = os.path.join(work, "lib.db")
    assert code_of(cli(binary, db, "init", "--profile", "hokkaido")) == "ok"
    cards = [f"2{n:09d}" for n in range(100, 161)]
    for i, c in enumerate(cards):
        assert code_of(cli(binary, db, "patron", "register", "--card", c, "--name", f"利用者 {i}")) == "ok"
    items = [f"1{n:09d}" for n in range(100, 120)]
    for b in items:
        assert code_of(cli(binary, db, "item", "add", "--barcode", b, "--title", f"本 {b}")) == "ok"

    answers = collections.Counter()
    t = time.perf_counter()
    for n in range(100):
        answers[code_of(cli(binary, db, "patron", "login", "--card", cards[0], "--password", f"wrong{n}", now=None))] += 1
    loop_s = time.perf_counter() - t

    quiet = checkouts(binary, db, items, cards[0])
    stop, guessed = threading.Event(), collections.Counter()
    loops = [threading.Thread(target=guesser, args=(binary, db, cards[1 + 30 * k:31 + 30 * k], stop, guessed)) for k in (0, 1)]
    for g in loops:
        g.start()
    t = time.perf_counter()
    busy = checkouts(binary, db, items, cards[0])
    busy_s = time.perf_counter() - t
    stop.set()
    for g in loops:
        g.join()

    print(f"== {binary}")
    print(f"100 wrong logins on one card: {dict(answers)} in {loop_s:.1f} s")
    for name, xs in (("checkout alone", quiet), ("checkout, 2 guessing loops", busy)):
        print(f"{name}: p50 {statistics.median(xs):.1f} ms, p99 {pct(xs, 0.99):.1f} ms, max {max(xs):.1f} ms (n={len(xs)})")
    tries = sum(guessed.values())
    print(f"guessing loops meanwhile: {dict(guessed)} in {busy_s:.1f} s ({tries / busy_s:.1f} tries/s)")
    subprocess.run(["rm", "-rf", work])


for b in sys.argv[1:]:
    run(b)
