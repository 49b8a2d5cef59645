#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the shipped question banks and paper templates.

  tests/schema/check-schema.py [-v]

1. Every bank/*.yaml must validate against docs/schema/bank.schema.json,
   every templates/*.yaml against docs/schema/template.schema.json and every
   key of docs/examples/ against docs/schema/key.schema.json.
2. Checks a JSON Schema cannot express:
   - YAML: duplicate keys;
   - ids unique across all banks;
   - a rubric adds up to an explicit `points`;
   - single/multiple answers name existing options; a multiple-choice answer
     repeats no letter; a single-choice answer is one letter;
   - for each template: bank paths exist; each pick's pool (type, tags (all),
     any_tags, difficulty, bank, ids) holds at least `count` questions of
     distinct groups; named ids and banks exist; sum of count*points equals
     `total`; and whole papers can be drawn (never a question twice, at most
     one question per group) for seeds 1..100 with a simple random draw.
3. Negative cases: every tests/schema/bad/*.yaml must be REJECTED.  A file
   named bank-*.yaml is checked as a bank (together with the shipped banks,
   so duplicate ids are caught), template-*.yaml as a template.  A line
   `# expect: TEXT` in the file requires some error message to contain TEXT.

Messages look like examgen's: PATH:LINE:COL: error: what is wrong.
Each file is one test; the last line is "N passed, M failed"; exit status 1
if anything failed.  Needs python3-yaml and python3-jsonschema.
"""

import glob
import json
import os
import random
import re
import sys

try:
    import yaml
    import jsonschema
except ImportError as e:  # pragma: no cover
    sys.stderr.write("check-schema: %s (apt-get install -y python3-yaml "
                     "python3-jsonschema)\n" % e)
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
VERBOSE = "-v" in sys.argv[1:]
SEEDS = range(1, 101)


def rel(path):
    return os.path.relpath(path, os.getcwd())


# --------------------------------------------------------------- YAML loading
class Problem(Exception):
    pass


def _position_map(node, path, marks):
    """Walk a composed YAML node; record path -> (line, col) (1-based)."""
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else repr(k)
            if key in seen:
                raise Problem("%d:%d: error: duplicate key '%s' (first at line %d)"
                              % (k.start_mark.line + 1, k.start_mark.column + 1,
                                 key, seen[key]))
            seen[key] = k.start_mark.line + 1
            _position_map(v, path + (key,), marks)
            marks[path + (key, "<key>")] = (k.start_mark.line + 1,
                                            k.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _position_map(v, path + (i,), marks)


class _TextDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, as examgen reads them (and
    as the YAML 1.2 core schema of editors does): `date: 2026-12-07`
    is the string the schema describes."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path):
    """Return (data, marks).  Raises Problem with a PATH-less message."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Problem("1:1: error: file is not UTF-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = "%d:%d" % (mark.line + 1, mark.column + 1) if mark else "1:1"
        msg = getattr(e, "problem", None) or str(e)
        raise Problem("%s: error: %s" % (where, msg))
    if node is None:
        return None, {(): (1, 1)}
    marks = {}
    _position_map(node, (), marks)
    data = yaml.load(text, Loader=_TextDateLoader)
    return data, marks


def where(marks, path):
    """Best position for a data path (falls back to the nearest parent)."""
    p = tuple(path)
    while p not in marks and p:
        p = p[:-1]
    return marks.get(p, (1, 1))


# ------------------------------------------------------------------ reporting
class Report:
    def __init__(self, path):
        self.path = path
        self.errors = []

    def error(self, pos, msg):
        self.errors.append("%s:%d:%d: error: %s" % (rel(self.path), pos[0], pos[1], msg))


def _node_at(data, path):
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def schema_errors(validator, data, marks, rep):
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    # a oneOf/anyOf failure says little when a more precise error names the
    # same place (e.g. a true_false answer that is not a boolean)
    precise = {tuple(e.absolute_path) for e in errors if e.validator not in ("oneOf", "anyOf")}
    for err in errors:
        path = list(err.absolute_path)
        msg = err.message
        if err.validator in ("oneOf", "anyOf") and tuple(path) in precise:
            continue
        if err.validator is None and msg.startswith("False schema"):
            # a key forbidden for this kind of question: jsonschema 4.10
            # (Debian 12) reports it at the key, later versions at the
            # parent object, where the key is found by its value
            parent = _node_at(data, path)
            if path and isinstance(path[-1], str) and parent == err.instance:
                path, keys = path[:-1], [path[-1]]
                parent = _node_at(data, path)
            else:
                keys = [k for k, v in parent.items() if v == err.instance] if isinstance(parent, dict) else []
            qtype = parent.get("type") if isinstance(parent, dict) else None
            for k in keys[:1] or ["?"]:
                rep.error(where(marks, path + [k, "<key>"]),
                          "'%s' is not allowed here%s" % (k, " (type %s)" % qtype if qtype else ""))
            continue
        if err.validator == "required":
            m = re.match(r"'([^']*)' is a required property", msg)
            if m:
                name = ".".join(str(p) for p in path)
                rep.error(where(marks, path), "missing key '%s'%s"
                          % (m.group(1), " in '%s'" % name if name else ""))
                continue
        if err.validator == "additionalProperties":
            m = re.search(r"\((.*) (?:was|were) unexpected\)", msg)
            keys = re.findall(r"'([^']*)'", m.group(1)) if m else []
            for k in keys or ["?"]:
                rep.error(where(marks, path + [k, "<key>"]), "unknown key '%s'" % k)
            continue
        if err.validator in ("oneOf", "anyOf") and err.context:
            best = min(err.context, key=lambda e: len(list(e.schema_path)))
            msg = "%s (%s)" % (msg, best.message)
        name = ".".join(str(p) for p in path) or "document"
        rep.error(where(marks, path), "'%s': %s" % (name, msg.replace("\n", " ")))


# ---------------------------------------------------------------------- banks
def letters_of(answer):
    if isinstance(answer, list):
        return [str(a) for a in answer]
    if isinstance(answer, str):
        return list(answer)
    return None


def question_points(q, bank):
    if isinstance(q.get("points"), (int, float)) and not isinstance(q.get("points"), bool):
        return float(q["points"])
    if q.get("type") == "essay" and isinstance(q.get("rubric"), list):
        try:
            return float(sum(c["points"] for c in q["rubric"]))
        except (TypeError, KeyError):
            pass
    d = bank.get("defaults") if isinstance(bank, dict) else None
    if isinstance(d, dict) and isinstance(d.get("points"), (int, float)):
        return float(d["points"])
    return 1.0


def check_bank_semantics(data, marks, rep, ids_seen):
    """Cross-checks a schema cannot do.  ids_seen: id -> 'path:line'."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return
    for i, q in enumerate(data["questions"]):
        if not isinstance(q, dict):
            continue
        base = ["questions", i]
        qid = q.get("id")
        if isinstance(qid, str):
            pos = where(marks, base + ["id"])
            if qid in ids_seen:
                rep.error(pos, "duplicate id '%s' (first at %s)" % (qid, ids_seen[qid]))
            else:
                ids_seen[qid] = "%s:%d" % (rel(rep.path), pos[0])
        rubric = q.get("rubric")
        pts = q.get("points")
        if (isinstance(rubric, list) and isinstance(pts, (int, float))
                and not isinstance(pts, bool)):
            try:
                total = sum(float(c["points"]) for c in rubric)
            except (TypeError, KeyError, ValueError):
                total = None
            if total is not None and abs(total - float(pts)) > 1e-9:
                rep.error(where(marks, base + ["rubric"]),
                          "rubric of '%s' adds up to %g, not its points %g" % (qid, total, pts))
        qtype = q.get("type")
        if qtype in ("single", "multiple"):
            opts = q.get("options")
            ans = letters_of(q.get("answer"))
            if not isinstance(opts, list) or ans is None:
                continue
            n = len(opts)
            apos = where(marks, base + ["answer"])
            for letter in ans:
                if not re.fullmatch(r"[A-Z]", letter) or ord(letter) - ord("A") >= n:
                    rep.error(apos, "answer '%s' of '%s' is not an option (A-%s)"
                              % (letter, qid, chr(ord("A") + n - 1)))
            if qtype == "single" and len(ans) != 1:
                rep.error(apos, "single-choice '%s' needs exactly one answer letter" % qid)
            if len(set(ans)) != len(ans):
                rep.error(apos, "answer of '%s' repeats a letter" % qid)
            texts = [o["text"] if isinstance(o, dict) else o for o in opts]
            if len(set(map(str, texts))) != len(texts):
                rep.error(where(marks, base + ["options"]), "'%s' has two identical options" % qid)


class BankSet:
    def __init__(self):
        self.questions = []   # (bankname, question dict, default points)
        self.names = set()

    def add(self, path, data):
        if not isinstance(data, dict):
            return
        name = data.get("bank") or os.path.splitext(os.path.basename(path))[0]
        self.names.add(name)
        for q in data.get("questions") or []:
            if isinstance(q, dict) and isinstance(q.get("id"), str):
                self.questions.append((name, q, question_points(q, data)))


# ------------------------------------------------------------------ templates
def pick_pool(pick, bs):
    pool = []
    for bname, q, pts in bs.questions:
        tags = set(q.get("tags") or [])
        if "type" in pick and q.get("type") != pick["type"]:
            continue
        if "tags" in pick and not set(pick["tags"]) <= tags:
            continue
        if "any_tags" in pick and not (set(pick["any_tags"]) & tags):
            continue
        if "difficulty" in pick and q.get("difficulty") != pick["difficulty"]:
            continue
        if "bank" in pick and bname != pick["bank"]:
            continue
        if "ids" in pick and q["id"] not in pick["ids"]:
            continue
        pool.append((q, pts))
    return pool


def group_key(q):
    g = q.get("group")
    return ("group", g) if g else ("id", q["id"])


def check_template_semantics(path, data, marks, rep, shipped_banks):
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return
    tdir = os.path.dirname(os.path.abspath(path))
    bs = BankSet()
    bank_paths = data.get("banks") or []
    if not bank_paths:
        # no banks of its own: check against the shipped banks
        for bp, bd in shipped_banks:
            bs.add(bp, bd)
    for i, b in enumerate(bank_paths):
        if not isinstance(b, str):
            continue
        full = os.path.normpath(os.path.join(tdir, b))
        files = sorted(glob.glob(os.path.join(full, "*.yaml")) +
                       glob.glob(os.path.join(full, "*.yml"))) if os.path.isdir(full) else [full]
        if not os.path.exists(full):
            rep.error(where(marks, ["banks", i]), "bank '%s' not found" % b)
            continue
        for f in files:
            try:
                bd, _ = load_yaml(f)
            except (Problem, OSError) as e:
                rep.error(where(marks, ["banks", i]), "bank '%s' cannot be read: %s" % (b, e))
                continue
            bs.add(f, bd)
    known_ids = {q["id"] for _, q, _ in bs.questions}

    total = 0.0
    total_known = True
    picks = []   # (section title, pick, pool, path)
    for si, sec in enumerate(data["sections"]):
        if not isinstance(sec, dict):
            continue
        title = sec.get("title", "#%d" % (si + 1))
        for pi, pick in enumerate(sec.get("picks") or []):
            if not isinstance(pick, dict):
                continue
            ppath = ["sections", si, "picks", pi]
            pos = where(marks, ppath)
            if "bank" in pick and pick["bank"] not in bs.names:
                rep.error(where(marks, ppath + ["bank"]),
                          "section '%s': no bank named '%s'" % (title, pick["bank"]))
            for j, qid in enumerate(pick.get("ids") or []):
                if qid not in known_ids:
                    rep.error(where(marks, ppath + ["ids", j]),
                              "section '%s': no question with id '%s'" % (title, qid))
            pool = pick_pool(pick, bs)
            count = pick.get("count", 0)
            groups = {group_key(q) for q, _ in pool}
            if len(groups) < count:
                rep.error(pos, "section '%s': pool has %d question(s) of distinct groups, "
                               "fewer than count %d" % (title, len(groups), count))
            if "points" in pick:
                total += count * float(pick["points"])
            else:
                pts = {p for _, p in pool}
                if len(pts) == 1:
                    total += count * pts.pop()
                else:
                    total_known = False
                    if "total" in data:
                        rep.error(pos, "section '%s': pick has no 'points' and its pool mixes "
                                       "points %s, so the total is not fixed"
                                  % (title, sorted(pts)))
            picks.append((title, pick, pool, count, pos))

    if "total" in data and total_known and abs(total - float(data["total"])) > 1e-9:
        rep.error(where(marks, ["total"]),
                  "'total' is %g but the sections add up to %g" % (data["total"], total))

    if rep.errors:
        return
    # Whole-paper draws: a question never twice, one question per group.
    forms = data.get("forms") or {}
    nforms = forms.get("count", 1) if forms.get("vary") == "questions" else 1
    for seed in SEEDS:
        rng = random.Random(seed)
        for form in range(nforms):
            used_ids, used_groups = set(), set()
            for title, pick, pool, count, pos in picks:
                avail = [q for q, _ in pool
                         if q["id"] not in used_ids and group_key(q) not in used_groups]
                rng.shuffle(avail)
                got = []
                for q in avail:
                    if len(got) == count:
                        break
                    if group_key(q) in used_groups:
                        continue
                    got.append(q)
                    used_ids.add(q["id"])
                    used_groups.add(group_key(q))
                if len(got) < count:
                    rep.error(pos, "section '%s': with seed %d only %d of %d questions could be "
                                   "drawn (others already used by earlier picks or groups)"
                              % (title, seed, len(got), count))
                    return


# ------------------------------------------------------------------- keys
def check_key_semantics(data, marks, rep):
    """A key's layout: each writing region is a marker-scored question's,
    on a paper page that has its QR code."""
    layout = data.get("layout") or {}
    types = {q.get("number", q.get("no")): q.get("type")
             for q in data.get("questions", [])}
    pages = {q["page"] for q in layout.get("qr", []) if q.get("kind") == "paper"}
    for i, r in enumerate(layout.get("regions", [])):
        if types.get(r["question"]) not in ("short", "essay"):
            rep.error(where(marks, ["layout", "regions", i]),
                      "region of question %s, which is no short or essay "
                      "question" % r["question"])
        if r["page"] not in pages:
            rep.error(where(marks, ["layout", "regions", i]),
                      "region on page %d, which has no qr entry" % r["page"])


# ----------------------------------------------------------------------- main
def main():
    with open(os.path.join(ROOT, "docs", "schema", "bank.schema.json"), encoding="utf-8") as f:
        bank_schema = json.load(f)
    with open(os.path.join(ROOT, "docs", "schema", "template.schema.json"), encoding="utf-8") as f:
        tmpl_schema = json.load(f)
    with open(os.path.join(ROOT, "docs", "schema", "key.schema.json"), encoding="utf-8") as f:
        key_schema = json.load(f)
    bank_v = jsonschema.Draft202012Validator(bank_schema)
    tmpl_v = jsonschema.Draft202012Validator(tmpl_schema)
    key_v = jsonschema.Draft202012Validator(key_schema)

    passed = failed = 0

    def result(ok, label, rep):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok   %s" % label)
            if VERBOSE:
                for e in rep.errors:
                    print("     " + e)
        else:
            failed += 1
            print("FAIL %s" % label)
            for e in rep.errors:
                print("     " + e)

    def check_bank(path, ids_seen):
        rep = Report(path)
        try:
            data, marks = load_yaml(path)
        except Problem as e:
            rep.errors.append("%s:%s" % (rel(path), e))
            return rep, None
        schema_errors(bank_v, data, marks, rep)
        check_bank_semantics(data, marks, rep, ids_seen)
        return rep, data

    def check_template(path, shipped):
        rep = Report(path)
        try:
            data, marks = load_yaml(path)
        except Problem as e:
            rep.errors.append("%s:%s" % (rel(path), e))
            return rep
        schema_errors(tmpl_v, data, marks, rep)
        if not rep.errors:
            check_template_semantics(path, data, marks, rep, shipped)
        return rep

    def check_key(path):
        rep = Report(path)
        try:
            data, marks = load_yaml(path)
        except Problem as e:
            rep.errors.append("%s:%s" % (rel(path), e))
            return rep
        schema_errors(key_v, data, marks, rep)
        if not rep.errors:
            check_key_semantics(data, marks, rep)
        return rep

    # 1-2. shipped banks and templates must pass
    bank_files = sorted(glob.glob(os.path.join(ROOT, "bank", "*.yaml")) +
                        glob.glob(os.path.join(ROOT, "bank", "*.yml")))
    tmpl_files = sorted(glob.glob(os.path.join(ROOT, "templates", "*.yaml")) +
                        glob.glob(os.path.join(ROOT, "templates", "*.yml")))
    ids_seen = {}
    shipped = []
    for p in bank_files:
        rep, data = check_bank(p, ids_seen)
        shipped.append((p, data))
        result(not rep.errors, "bank %s" % rel(p), rep)
    for p in tmpl_files:
        rep = check_template(p, shipped)
        result(not rep.errors, "template %s" % rel(p), rep)
    key_files = sorted(glob.glob(os.path.join(ROOT, "docs", "examples", "*",
                                              "*.key.yaml")))
    for p in key_files:
        rep = check_key(p)
        result(not rep.errors, "key %s" % rel(p), rep)
    if not bank_files:
        result(False, "bank/*.yaml: no banks found", Report("bank"))
    if not tmpl_files:
        result(False, "templates/*.yaml: no templates found", Report("templates"))

    # 3. negative cases must be rejected
    bad_files = sorted(glob.glob(os.path.join(HERE, "bad", "*.yaml")))
    for p in bad_files:
        base = os.path.basename(p)
        with open(p, encoding="utf-8", errors="replace") as f:
            expects = re.findall(r"^#\s*expect:\s*(.+?)\s*$", f.read(), re.M)
        if base.startswith("bank-"):
            ids = {k: v for k, v in ids_seen.items()}
            rep, _ = check_bank(p, ids)
        elif base.startswith("template-"):
            rep = check_template(p, shipped)
        elif base.startswith("key-"):
            rep = check_key(p)
        else:
            rep = Report(p)
            rep.errors.append("%s:1:1: error: name must start with bank-, template- or key-" % rel(p))
            result(False, "reject %s" % rel(p), rep)
            continue
        ok = bool(rep.errors)
        missing = [x for x in expects if not any(x in e for e in rep.errors)]
        label = "reject %s" % rel(p)
        if ok and missing:
            ok = False
            rep.errors.append("(expected a message containing %s)"
                              % ", ".join(repr(m) for m in missing))
        elif not ok:
            rep.errors.append("(accepted, but it must be rejected)")
        result(ok, label, rep)
    if not bad_files:
        result(False, "tests/schema/bad/*.yaml: no negative cases found", Report("bad"))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
