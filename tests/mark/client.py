# SPDX-License-Identifier: GPL-3.0-or-later
"""A marker of `examgen mark` over HTTP, for the marking tests: the calls
the marking page makes (tests/mark/*.py), and the server started and
stopped around them."""
import atexit
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request


class Server:
    """`examgen mark ARGS --listen 127.0.0.1:0`: its port and the links
    it printed, by marker name."""

    def __init__(self, examgen, args, log):
        self.log = open(log, "w", encoding="utf-8")
        self.proc = subprocess.Popen([examgen, "mark", *args, "--listen",
                                      "127.0.0.1:0"], stderr=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, text=True,
                                     encoding="utf-8")
        # a test that fails half-way leaves no server behind
        atexit.register(self.kill)
        self.tokens = {}
        self.port = None
        for line in self.proc.stderr:
            self.log.write(line)
            self.log.flush()
            m = re.match(r"examgen: (?:marker|arbiter) '(.*)': "
                         r"http://127\.0\.0\.1:(\d+)/#t=([0-9a-f]{32})$",
                         line.rstrip("\n"))
            if m:
                self.tokens[m.group(1)] = m.group(3)
            m = re.match(r"examgen: marking at http://127\.0\.0\.1:(\d+)/",
                         line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            raise RuntimeError("examgen mark did not start: see " + log)
        self.url = "http://127.0.0.1:%d" % self.port

    def kill(self):
        """Kill the server if it still runs."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self, sig=signal.SIGTERM):
        """Stop the server with sig; its exit status."""
        self.proc.send_signal(sig)
        rest = self.proc.stderr.read()
        self.log.write(rest)
        self.log.close()
        return self.proc.wait(timeout=30)


class Marker:
    """One marker's calls, with their token."""

    def __init__(self, url, token):
        self.url = url
        self.token = token

    def call(self, path, form=None, headers=None):
        """(status, body bytes) of GET path, or POST form."""
        h = {"X-Examgen-Token": self.token}
        h.update(headers or {})
        data = urllib.parse.urlencode(form).encode() if form is not None \
            else None
        req = urllib.request.Request(self.url + path, data=data, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def json(self, path, form=None):
        """The JSON of a call that must succeed."""
        import json
        status, body = self.call(path, form)
        if status != 200:
            raise RuntimeError("%s: %d %s" % (path, status, body))
        return json.loads(body)

    def next(self, q, arb=False):
        """The next answer of question q (None when none is left)."""
        return self.json("/api/next", {"q": q, "arb": "1" if arb else "0"})

    def mark(self, answer, scores):
        """Status of giving scores (a list) to answer."""
        return self.call("/api/mark", {"a": answer, "s": ",".join(
            "%g" % s for s in scores)})[0]


def store_answers(store):
    """answer id -> (candidate_id, question number, blank) from the store."""
    import sqlite3
    db = sqlite3.connect("file:%s?mode=ro" % os.path.abspath(store),
                         uri=True)
    rows = db.execute("SELECT id, candidate_id, question, blank FROM answers")
    out = {r[0]: (r[1], r[2], r[3]) for r in rows}
    db.close()
    return out


def final(rule, marks):
    """The final criterion scores of an answer from its marks in slot order
    (SPEC "Marking", recomputed here apart from the C rule); None while
    more marks are needed."""
    def r2(x):
        return int(x * 2 + 0.5 + 1e-6) / 2

    def mean(a, b):
        return [r2((x + y) / 2) for x, y in zip(a, b)]
    if not rule["double"]:
        return marks[0] if marks else None
    if len(marks) < 2:
        return None
    t = [sum(m) for m in marks]
    if abs(t[0] - t[1]) <= rule["tolerance"] + 1e-6:
        return mean(marks[0], marks[1])
    if len(marks) < 3:
        return None
    if rule["final"] == "arbiter":
        return marks[2]
    d1, d2 = abs(t[2] - t[0]), abs(t[2] - t[1])
    if abs(d1 - d2) < 1e-6:
        return marks[2]
    if min(d1, d2) <= rule["tolerance"] + 1e-6:
        return mean(marks[2], marks[0] if d1 < d2 else marks[1])
    return marks[2]


def wait_port_closed(port, timeout=10):
    """Wait until nothing listens on port."""
    import socket
    end = time.time() + timeout
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.05)
