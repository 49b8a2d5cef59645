# SPDX-License-Identifier: GPL-3.0-or-later
"""The marking server under load (tests/cases/mark-load): twenty markers
at once, then kill -9 in the middle of marking.  Run in a folder where
`examgen build` wrote out/ (the MK paper of 200 roster candidates)."""
import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Server, Marker  # noqa: E402

EXAMGEN = os.environ["EXAMGEN"]
MARKERS = 20
SECONDS = 4
THINK = 0.5         # seconds at most between an answer shown and its mark


def answers_folder():
    """Two written answers per candidate, one page each."""
    import yaml
    key = yaml.safe_load(open("out/MK-A.key.yaml", encoding="utf-8"))
    written = [q["number"] for q in key["questions"]
               if q["type"] in ("essay", "short")]
    with open("rows.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for row in csv.reader(open("out/responses.csv", encoding="utf-8")):
            if row[0] == "candidate_id":
                continue
            for n in written:
                w.writerow(["MK", key["build"], "A", row[0], row[1], str(n),
                            "答案 %s %d" % (row[0], n)])
    subprocess.run([os.environ["ANSWERSIM"], "ans"], stdin=open("rows.csv"),
                   check=True)
    return key


def scores_for(rubric_points, rnd):
    """Random valid scores (halves) for a rubric."""
    return [rnd.randint(0, int(p * 2)) / 2 for p in rubric_points]


def work(marker, questions, deadline, acked, lat, errors, seed, think):
    """Mark until deadline: next, its first crop, a pause of think
    seconds (a fraction of a person's), mark; record acks."""
    rnd = random.Random(seed)
    qs = list(questions)
    while time.time() < deadline and qs:
        q = rnd.choice(qs)
        try:
            t0 = time.perf_counter()
            r = marker.next(q["q"])
            if r["answer"] is not None:
                status, _ = marker.call("/api/image?a=%d&p=1" % r["answer"])
                if status != 200:
                    errors.append("image %d: %d" % (r["answer"], status))
            lat.append(time.perf_counter() - t0)
            if r["answer"] is None:
                qs.remove(q)
                continue
            if think:
                time.sleep(rnd.uniform(think / 2, think))
            status = marker.mark(r["answer"], scores_for(q["crit"], rnd))
            if status == 200:
                acked.append((r["answer"], marker.token))
            else:
                errors.append("mark %d: %d" % (r["answer"], status))
        except (OSError, RuntimeError) as e:
            errors.append(str(e))
            return


def one_process(args):
    """A marker in a process of its own (no lock shared with the others
    in this interpreter): (acked, latencies, errors)."""
    url, token, questions, deadline, seed, think = args
    acked, lat, errors = [], [], []
    work(Marker(url, token), questions, deadline, acked, lat, errors, seed,
         think)
    return acked, lat, errors


def run_processes(srv, names, seconds, think):
    """Every marker of names at once, each a process, for seconds;
    (acked, latencies, errors)."""
    import multiprocessing
    m = Marker(srv.url, srv.tokens[names[0]])
    qs = m.json("/api/state")["questions"]
    for q in qs:
        q["crit"] = [c["points"] for c in
                     m.json("/api/rubric?q=%d" % q["q"])["criteria"]]
    deadline = time.time() + seconds
    with multiprocessing.Pool(len(names)) as pool:
        out = pool.map(one_process, [(srv.url, srv.tokens[n], qs, deadline,
                                      i, think)
                                     for i, n in enumerate(names)])
    return ([a for o in out for a in o[0]], [x for o in out for x in o[1]],
            [e for o in out for e in o[2]])


def run_markers(srv, names, seconds, think=0):
    """Every marker of names at once for seconds; (threads, acked,
    latencies, errors)."""
    ms = [Marker(srv.url, srv.tokens[n]) for n in names]
    qs = ms[0].json("/api/state")["questions"]
    for q in qs:
        q["crit"] = [c["points"] for c in
                     ms[0].json("/api/rubric?q=%d" % q["q"])["criteria"]]
    acked, lat, errors = [], [], []
    deadline = time.time() + seconds
    th = [threading.Thread(target=work, args=(m, qs, deadline, acked, lat,
                                              errors, i, think))
          for i, m in enumerate(ms)]
    for t in th:
        t.start()
    return th, acked, lat, errors


def stored(store="marks.db"):
    """(answer, token, slot) of every mark in the store."""
    db = sqlite3.connect(store)
    rows = db.execute("SELECT k.answer, r.token, k.slot FROM marks k JOIN "
                      "markers r ON r.id = k.marker").fetchall()
    db.close()
    return rows


def check_marks(acked, store="marks.db"):
    """Every acknowledged mark stored once; no answer over two first
    marks; no marker twice on one answer."""
    rows = stored(store)
    pairs = [(a, t) for a, t, _ in rows]
    assert len(pairs) == len(set(pairs)), "a mark stored twice"
    missing = set(acked) - set(pairs)
    assert not missing, "acknowledged marks lost: %s" % sorted(missing)[:5]
    per = {}
    for a, _, slot in rows:
        per.setdefault(a, []).append(slot)
    for a, slots in per.items():
        assert len(slots) <= 2 and len(set(slots)) == len(slots), (a, slots)
    return len(rows)


def pct(v, p):
    """The p-th percentile of v (nearest rank)."""
    v = sorted(v)
    return v[min(len(v) - 1, max(0, int(round(p / 100 * len(v) + 0.5)) - 1))]


def main():
    answers_folder()
    names = ["m%02d" % i for i in range(MARKERS)]
    args = ["--key", "out", "--store", "marks.db", "--answers", "ans"]
    for n in names:
        args += ["--marker", n]
    srv = Server(EXAMGEN, args, "mark1.log")
    # as fast as they can: nothing lost, nothing twice
    th, acked, lat0, errors = run_markers(srv, names, SECONDS)
    for t in th:
        t.join()
    assert not errors, errors[:5]
    n0 = len(acked)
    # pausing as a (very quick) person would, each marker a process of its
    # own: the next answer's latency (call, answer and its first crop)
    acked1, lat, errors = run_processes(srv, names, SECONDS, THINK)
    assert not errors, errors[:5]
    acked += acked1
    assert srv.stop() == 0
    n = check_marks(acked)
    assert n == len(acked), (n, len(acked))
    assert n0 > 100, "too few marks for a load test: %d" % n0
    figures = {"markers": MARKERS, "seconds": SECONDS,
               "saturated_marks_per_s": round(n0 / SECONDS, 1),
               "saturated_next_p95_ms": round(pct(lat0, 95) * 1000, 1),
               "think_s": THINK, "next_calls": len(lat),
               "next_p50_ms": round(pct(lat, 50) * 1000, 1),
               "next_p95_ms": round(pct(lat, 95) * 1000, 1),
               "next_max_ms": round(max(lat) * 1000, 1), "marks": n}
    # kill -9 while markers are marking (a store of its own, so that
    # answers are left to mark): nothing acknowledged is lost
    kargs = [a if a != "marks.db" else "kill.db" for a in args]
    srv = Server(EXAMGEN, kargs, "mark2.log")
    th, acked2, _, errors2 = run_markers(srv, names[:8], 30)
    end = time.time() + 20
    while len(acked2) < 20 and time.time() < end:
        time.sleep(0.05)
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait()
    for t in th:
        t.join()
    assert acked2, "no mark before the kill"
    check_marks(acked2, "kill.db")
    figures["acked_before_kill"] = len(acked2)
    # and marking goes on after a restart on the same store, with every
    # mark still counted
    before = len(stored("kill.db"))
    srv = Server(EXAMGEN, kargs, "mark3.log")
    m = Marker(srv.url, srv.tokens[names[0]])
    qs = m.json("/api/state")["questions"]
    assert sum(q["marks"] for q in qs) == before, (qs, before)
    for q in qs:
        r = m.next(q["q"])
        if r["answer"] is not None:
            crit = [c["points"] for c in
                    m.json("/api/rubric?q=%d" % q["q"])["criteria"]]
            assert m.mark(r["answer"], [0] * len(crit)) == 200
            break
    assert srv.stop() == 0
    print(json.dumps(figures))
    with open(os.environ.get("MARK_LOAD_FIGURES", "figures.json"), "w") as f:
        json.dump(figures, f)
    # the target is 50 ms at the 95th percentile (docs/marking.md); this
    # bound only catches a server that stalls, as the machine running the
    # tests may be busy with other work
    assert figures["next_p95_ms"] < 1000, figures


if __name__ == "__main__":
    main()
