#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The marking page in a real browser (make browser): two markers and an
arbiter mark a small stack in headless Chromium, with the keyboard and
the mouse, going back once; every mark they gave is in the store as
given, the page logged no error (a Content-Security-Policy breach
included), and `grade --marks` totals equal the ones recomputed here by
the SPEC rule.  Skips, saying so, only when Chromium, its driver or
Selenium is missing.

  EXAMGEN=build/examgen ANSWERSIM=build/answersim python3 browser.py [SHOTS]

With SHOTS the pages are also saved there as PNG screenshots."""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from client import Server, store_answers, final  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None
DRIVER = shutil.which("chromedriver")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
if webdriver is None or not DRIVER or not BROWSER:
    subprocess.run(["sh", os.path.join(here, "..", "lib", "skip.sh"),
                    "browser", "needs chromium, chromium-driver and "
                    "python3-selenium"], check=True)
    sys.exit(0)

EXAMGEN = os.path.abspath(os.environ["EXAMGEN"])
ANSWERSIM = os.path.abspath(os.environ["ANSWERSIM"])
CASE = os.path.join(here, "..", "cases", "mark-grade")
SHOTS = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None


def browser():
    """A headless Chromium that keeps the page's console."""
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=1400,900",
              "--no-first-run", "--disable-background-networking"):
        o.add_argument(a)
    o.binary_location = BROWSER
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service
    return webdriver.Chrome(service=Service(DRIVER), options=o)


def shot(d, name):
    """Save a screenshot when asked to."""
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def progress_mine(d):
    """The marker's own count in the progress line."""
    t = d.find_element(By.ID, "progress").text
    digits = "".join(ch if ch.isdigit() else " " for ch in t).split()
    return int(digits[0]) if digits else -1


def mark_all(d, q, arb, how, scores_of, given):
    """Mark every answer the page deals for question row q (0-based), by
    keyboard or mouse; append the scores given to given."""
    wait = WebDriverWait(d, 20)
    rows = d.find_elements(By.CSS_SELECTOR, "#qrows tr")
    buttons = rows[q].find_elements(By.TAG_NAME, "button")
    (buttons[1] if arb else buttons[0]).click()
    wait.until(lambda x: x.find_element(By.ID, "marking").is_displayed())
    body = d.find_element(By.TAG_NAME, "body")
    n = 0
    while True:
        wait.until(lambda x: x.find_elements(By.CSS_SELECTOR,
                                             "#answer img, #answer .done"))
        if d.find_elements(By.CSS_SELECTOR, "#answer .done"):
            break
        crits = d.find_elements(By.CSS_SELECTOR, "#crits .crit")
        scores = scores_of(n, len(crits))
        before = progress_mine(d)
        if how == "keys":
            for k, s in enumerate(scores):
                whole = int(s)
                if whole >= 10:
                    body.send_keys(str(whole // 10))
                body.send_keys(str(whole % 10))
                if s != whole:
                    body.send_keys(".")
                if k + 1 < len(scores):
                    body.send_keys(Keys.TAB)
            body.send_keys(Keys.ENTER)
        else:
            for k, s in enumerate(scores):
                crit = d.find_elements(By.CSS_SELECTOR, "#crits .crit")[k]
                for b in crit.find_elements(By.TAG_NAME, "button"):
                    if b.text == ("%g" % s):
                        b.click()
                        break
            d.find_element(By.ID, "submit").click()
        wait.until(lambda x: progress_mine(x) == before + 1)
        given.append(scores)
        if n == 0:
            shot(d, "marking-%s" % ("arbiter" if arb else how))
        n += 1
        if n == 2 and not arb:
            # go back to the last answer: read only, its scores shown
            body.send_keys(Keys.ARROW_LEFT)
            wait.until(lambda x: not x.find_element(By.ID, "submit")
                       .is_enabled())
            on = [b.text for b in
                  d.find_elements(By.CSS_SELECTOR, "#crits button.on")]
            assert on == ["%g" % s for s in given[-1]], (on, given[-1])
            shot(d, "back")
            body.send_keys(Keys.ARROW_RIGHT)
            wait.until(lambda x: x.find_element(By.ID, "submit")
                       .is_enabled() or x.find_elements(
                           By.CSS_SELECTOR, "#answer .done"))
    body.send_keys(Keys.ESCAPE)
    wait.until(lambda x: x.find_element(By.ID, "list").is_displayed())
    return n


def main():
    t0 = time.time()
    work = tempfile.mkdtemp(prefix="mark-browser.")
    try:
        for f in ("bank.yaml", "t.yaml", "roster.csv"):
            shutil.copy(os.path.join(CASE, f), work)
        os.chdir(work)
        subprocess.run([EXAMGEN, "build", "t.yaml", "--seed", "3",
                        "--roster", "roster.csv", "--format", "txt",
                        "--out", "out"], check=True,
                       stderr=subprocess.DEVNULL)
        import yaml
        key = yaml.safe_load(open("out/MK-A.key.yaml", encoding="utf-8"))
        written = [q for q in key["questions"]
                   if q["type"] in ("essay", "short")]
        with open("rows.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            for i in range(1, 7):
                for q in written:
                    text = "" if (i == 6 and q["type"] == "essay") else \
                        "考生%d的答案：先道歉，再核实。|第二页：回访。" % i
                    w.writerow(["MK", key["build"], "A", "2026%03d" % i,
                                "名", str(q["number"]), text])
        subprocess.run([ANSWERSIM, "ans"], stdin=open("rows.csv"),
                       check=True)
        srv = Server(EXAMGEN, ["--key", "out", "--store", "marks.db",
                               "--answers", "ans", "--marker", "A",
                               "--marker", "B", "--arbiter", "C"],
                     "mark.log")
        given = {"A": [], "B": [], "C": []}

        def high(n, k):
            return [[5, 3.5], [4.5]][k == 1][:k] if k != 2 else \
                [5.5 - (n % 3), 3.5]

        def low(n, k):      # near A's mark every other answer
            if k == 1:
                return [4] if n % 2 == 0 else [1]
            return [4.5, 3] if n % 2 == 0 else [1, 0.5 + n % 3]

        def mid(n, k):
            return [2.5] if k == 1 else [3, 2]
        d = browser()
        try:
            for name, how, fn in (("A", "keys", high), ("B", "mouse", low)):
                d.get("about:blank")
                d.get("%s/#t=%s" % (srv.url, srv.tokens[name]))
                WebDriverWait(d, 20).until(
                    lambda x: x.find_elements(By.CSS_SELECTOR, "#qrows tr"))
                if name == "A":
                    shot(d, "questions")
                for q in range(len(written)):
                    mark_all(d, q, False, how, fn, given[name])
            d.get("about:blank")
            d.get("%s/#t=%s" % (srv.url, srv.tokens["C"]))
            WebDriverWait(d, 20).until(
                lambda x: x.find_elements(By.CSS_SELECTOR, "#qrows tr"))
            for q in range(len(written)):
                mark_all(d, q, True, "keys", mid, given["C"])
            errors = [e for e in d.get_log("browser")
                      if e["level"] in ("SEVERE", "WARNING")]
            assert not errors, errors
        finally:
            d.quit()
        assert srv.stop() == 0
        # every mark given on the page is in the store, in order
        import sqlite3
        db = sqlite3.connect("marks.db")
        for name in given:
            rows = db.execute("SELECT k.scores FROM marks k JOIN markers r "
                              "ON r.id = k.marker WHERE r.name = ? ORDER BY "
                              "k.id", (name,)).fetchall()
            got = [[float(x) for x in r[0].split(",")] for r in rows]
            assert got == [[float(x) for x in s] for s in given[name]], \
                (name, got, given[name])
        assert given["C"], "nothing went to the arbiter"
        marks = {}
        for a, slot, s in db.execute("SELECT answer, slot, scores FROM "
                                     "marks ORDER BY answer, slot"):
            marks.setdefault(a, []).append([float(x) for x in s.split(",")])
        ids = store_answers("marks.db")
        want = {"2026%03d" % i: 1.0 for i in range(1, 7)}
        for a, m in marks.items():
            f = final(key["marking"], m)
            assert f is not None, (a, m)
            want[ids[a][0]] += sum(f)
        rows = list(csv.reader(open("out/responses.csv", encoding="utf-8")))
        tf = [q["number"] for q in key["questions"]
              if q["type"] == "true_false"][0]
        for r in rows[1:]:
            r[rows[0].index(str(tf))] = "T"
        with open("filled.csv", "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        p = subprocess.run([EXAMGEN, "grade", "--key", "out", "--marks",
                            "marks.db", "filled.csv", "--json", "r.json"],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        got = {c["candidate_id"]: c["total"]
               for c in json.load(open("r.json"))["candidates"]}
        assert got == want, (got, want)
        print("browser: marked %d answers in Chromium (%d arbitrated), "
              "totals right, %.0f s" % (len(given["A"]) + len(given["B"]),
                                        len(given["C"]), time.time() - t0))
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
