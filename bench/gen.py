#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen.py - deterministic synthetic inputs for the examgen benchmarks.

Everything is drawn from random.Random(SEED), so the same arguments always
give byte-identical files.  Sub-commands:

  gen.py bank N OUT [--seed S] [--name NAME] [--near-dup]
      a bank of N questions shaped like the bundled ones: Chinese stems, a
      mix of the five types, tags that the 60/60/60 paper and the written
      paper below draw from, rubrics on essays
  gen.py templates BANK DIR
      DIR/bench-606060.yaml (the 3/5/4 essay layout of the 60/60/60 manager
      paper) and DIR/bench-written.yaml (60 marked-by-key questions: 20
      true/false, 20 single, 15 multiple, 5 short), both drawing on BANK
  gen.py roster N OUT [--seed S]
      a roster CSV (id,name) of N candidates
  gen.py sheets KEYDIR N OUT [--seed S]
      a filled-in answer-sheet CSV of N candidates for the keys in KEYDIR
      (*.key.yaml), forms dealt in turn; answers written the many ways
      people write them, some wrong, some blank
"""

import argparse
import glob
import os
import random
import sys

import yaml

WORDS = [
    "客户", "投诉", "服务", "倾听", "情绪", "安抚", "热线", "订单", "物流",
    "退款", "售后", "维修", "满意度", "回访", "升级", "道歉", "承诺", "跟进",
    "流程", "团队", "绩效", "培训", "质检", "话术", "工单", "渠道", "会员",
    "优惠券", "补偿", "时效", "核实", "记录", "沟通", "协调", "部门", "经理",
    "专员", "标准", "规范", "原则", "问题", "需求", "期望", "体验", "忠诚度",
]
VERBS = ["处理", "分析", "说明", "判断", "解决", "评估", "改进", "总结"]
CLAUSES = [
    "在高峰期来电量激增时", "面对情绪激动的客户时", "当物流信息长时间未更新时",
    "客户要求全额退款并赔偿时", "同事之间出现分歧时", "新员工上岗第一周",
    "系统故障导致工单积压时", "客户在社交媒体上公开投诉时",
]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
SCORING = ["exact", "half", "per_option"]
WORDS_TAGS = ["phone", "online", "e-commerce", "3c", "after-sales",
              "management", "quality", "training"]


def phrase(r, lo, hi):
    """A run of Chinese words joined with Chinese punctuation."""
    out = []
    for i in range(r.randint(lo, hi)):
        out.append(r.choice(WORDS))
        if i % 3 == 2:
            out.append(r.choice("，、"))
    return "".join(out).strip("，、")


NEAR_BASES = []


def stem(r):
    """One question stem: with --near-dup, one of 200 stems with one word
    changed, so that most stems are near duplicates of many others."""
    if NEAR_BASES:
        words = list(r.choice(NEAR_BASES))
        words[r.randrange(len(words))] = r.choice(WORDS)
        return "".join(words) + "。"
    return "%s，%s%s的%s。" % (r.choice(CLAUSES), r.choice(VERBS),
                             phrase(r, 3, 8), r.choice(WORDS))


def block(r, indent, lines):
    """A literal block scalar body."""
    pad = " " * indent
    return "\n".join(pad + stem(r) + phrase(r, 4, 12) + "。"
                     for _ in range(lines))


def question(r, i):
    """YAML text of question number i."""
    kind = r.random()
    area = r.choice(["industry", "policy", "complaint", "listening", "team"])
    diff = r.choice(["easy", "medium", "hard"])
    out = []
    if kind < 0.30:
        out.append("  - id: tf-%06d\n    type: true_false\n" % i)
        out.append("    stem: %s\n" % stem(r))
        out.append("    answer: %s\n" % r.choice(["true", "false"]))
    elif kind < 0.80:
        multi = kind >= 0.60
        n = r.randint(3, 5) if not multi else r.randint(4, 6)
        letters = "ABCDEF"[:n]
        if multi:
            ans = "".join(sorted(r.sample(letters, r.randint(2, n - 1))))
        else:
            ans = r.choice(letters)
        out.append("  - id: %s-%06d\n    type: %s\n" %
                   ("mc" if multi else "sc", i,
                    "multiple" if multi else "single"))
        out.append("    stem: %s( )\n" % stem(r))
        out.append("    options: [%s]\n" %
                   ", ".join(phrase(r, 2, 5) for _ in range(n)))
        out.append("    answer: %s\n" % ans)
        if multi and r.random() < 0.3:
            out.append("    scoring: %s\n" % r.choice(SCORING))
    elif kind < 0.90:
        out.append("  - id: sa-%06d\n    type: short\n" % i)
        out.append("    stem: %s\n" % stem(r))
        out.append("    points: %d\n" % r.choice([5, 10]))
        out.append("    reference: |\n%s\n" % block(r, 6, 2))
    else:
        area = r.choice(["scenario", "behavioral"])
        pts = [r.choice([4, 6, 8, 10]) for _ in range(3)]
        out.append("  - id: es-%06d\n    type: essay\n" % i)
        out.append("    stem: |\n%s\n" % block(r, 6, 3))
        out.append("    points: %d\n    rubric:\n" % sum(pts))
        for p in pts:
            out.append("      - {criterion: %s, points: %d}\n" %
                       (phrase(r, 2, 4), p))
        out.append("    reference: |\n%s\n" % block(r, 6, 3))
        out.append("    keys: [%s, %s]\n" % (phrase(r, 2, 4),
                                            phrase(r, 2, 4)))
        if r.random() < 0.5:
            out.append("    deductions: [%s]\n" % phrase(r, 2, 4))
    out.append("    tags: [%s, %s]\n" % (area, r.choice(WORDS_TAGS)))
    out.append("    difficulty: %s\n" % diff)
    if r.random() < 0.3:
        out.append("    explanation: %s\n" % stem(r))
    return "".join(out)


def cmd_bank(args):
    r = random.Random(args.seed)
    if args.near_dup:
        NEAR_BASES.extend([r.choice(CLAUSES), r.choice(VERBS)] +
                          [r.choice(WORDS) for _ in range(10)]
                          for _ in range(200))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# synthetic bank: bench/gen.py bank %d (seed %d)\n"
                % (args.n, args.seed))
        f.write("bank: %s\nlanguage: zh-Hans\ndefaults: {points: 1}\n"
                "questions:\n" % args.name)
        for i in range(args.n):
            f.write(question(r, i))


TPL_606060 = """\
code: BENCH-606060
title: 2026年客户服务经理面试考核(基准)
language: zh
duration: 90
banks: [%(bank)s]
total: 180
pass: 60%%
forms: {count: 2, vary: questions}
shuffle: {questions: true, options: true}
scoring: {multiple: half}
sections:
  - title: 情景模拟题
    instructions: 共3题,每题20分,共60分。
    picks:
      - {type: essay, tags: [scenario], count: 3, points: 20}
  - title: 行业知识题
    instructions: 共5题,每题12分,共60分。
    picks:
      - {bank: cs-manager, tags: [industry], count: 3, points: 12}
      - {tags: [industry], count: 2, points: 12}
  - title: 行为面试题
    instructions: 共4题,每题15分,共60分。
    picks:
      - {type: essay, tags: [behavioral], count: 4, points: 15}
"""

TPL_WRITTEN = """\
code: BENCH-W60
title: 客服专员招聘笔试(基准)
language: zh
duration: 60
banks: [%(bank)s]
total: 110
pass: 60%%
forms: {count: 2, vary: questions}
shuffle: {questions: true, options: true}
scoring: {multiple: half}
sections:
  - title: 判断题
    picks:
      - {type: true_false, count: 20, points: 1}
  - title: 单项选择题
    picks:
      - {type: single, count: 20, points: 1.5}
  - title: 多项选择题
    picks:
      - {type: multiple, count: 15, points: 2}
  - title: 简答题
    picks:
      - {type: short, count: 5, points: 6}
"""


def cmd_templates(args):
    bank = os.path.relpath(os.path.abspath(args.bank),
                           os.path.abspath(args.dir))
    for name, text in (("bench-606060.yaml", TPL_606060),
                       ("bench-written.yaml", TPL_WRITTEN)):
        with open(os.path.join(args.dir, name), "w", encoding="utf-8") as f:
            f.write(text % {"bank": bank})


def name(r):
    """A Chinese personal name."""
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN)
                                        for _ in range(r.randint(1, 2)))


def cmd_roster(args):
    r = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write("id,name\n")
        for i in range(args.n):
            f.write("%d,%s\n" % (2026000001 + i, name(r)))


def written_letters(r, letters):
    """Letters the way people write them: AC, a c, A,C, A、C, full width."""
    style = r.random()
    if style < 0.70:
        return "".join(letters)
    if style < 0.80:
        return " ".join(letters).lower()
    if style < 0.90:
        return '"' + ",".join(letters) + '"'
    if style < 0.97:
        return "、".join(letters)
    return "".join(chr(ord(c) - ord("A") + ord("Ａ")) for c in letters)


def answer(r, item):
    """One candidate's cell for a key item."""
    t = item["type"]
    if t not in ("short", "essay") and r.random() < 0.03:
        return ""       # omitted; marker scores are never left blank
    right = r.random() < 0.7
    if t == "true_false":
        truth = item["answer"] in ("T", True)
        val = truth if right else not truth
        return r.choice(["T", "T", "true", "对", "√"] if val else
                        ["F", "F", "false", "错", "×"])
    if t in ("single", "multiple"):
        n = int(item["options"])
        all_letters = [chr(ord("A") + k) for k in range(n)]
        if right:
            letters = list(str(item["answer"]))
        elif t == "single":
            letters = [r.choice(all_letters)]
        else:
            letters = sorted(r.sample(all_letters, r.randint(1, n)))
        return written_letters(r, letters)
    pts = float(item["points"])
    return ("%g" % (r.randint(0, int(pts * 2)) / 2.0))


def cmd_sheets(args):
    keys = []
    for path in sorted(glob.glob(os.path.join(args.keydir, "*.key.yaml"))):
        with open(path, encoding="utf-8") as f:
            keys.append(yaml.safe_load(f))
    if not keys:
        sys.exit("gen.py: error: no *.key.yaml in '%s'" % args.keydir)
    n = max(len(k["questions"]) for k in keys)
    r = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write("candidate_id,name,form," +
                ",".join(str(i + 1) for i in range(n)) + "\n")
        for c in range(args.n):
            k = keys[c % len(keys)]
            cells = [str(2026000001 + c), name(r), str(k["form"])]
            cells += [answer(r, it) for it in k["questions"]]
            f.write(",".join(cells) + "\n")


EN_WORDS = [
    "customer", "complaint", "service", "listening", "emotion", "hotline",
    "order", "delivery", "refund", "after-sales", "repair", "satisfaction",
    "follow-up", "escalation", "apology", "promise", "process", "team",
    "training", "quality", "ticket", "channel", "member", "coupon",
    "compensation", "record", "manager", "standard", "principle", "need",
    "expectation", "experience", "loyalty",
]
EN_CLAUSES = [
    "When call volume surges at peak hours", "Facing an angry customer",
    "When a parcel has not moved for days", "When a customer asks for a "
    "full refund", "When two colleagues disagree", "In a new agent's first "
    "week", "When a system outage piles up tickets", "When a customer "
    "complains on social media",
]

TPL_PRINT = """\
code: %(code)s
title: %(title)s
language: %(lang)s
duration: 60
banks: [%(bank)s]
total: 40
pass: 60%%
forms: {count: 2, vary: order}
shuffle: {questions: true, options: true}
scoring: {multiple: half}
sections:
  - title: %(tf)s
    picks:
      - {type: true_false, count: 10, points: 1}
  - title: %(sc)s
    picks:
      - {type: single, count: 15, points: 1}
  - title: %(mc)s
    picks:
      - {type: multiple, count: 5, points: 3}
"""


def cmd_print(args):
    """The 30-question print benchmark: bank and template in one language."""
    r = random.Random(args.seed)
    en = args.lang == "en"

    def words(lo, hi):
        if not en:
            return phrase(r, lo, hi)
        return " ".join(r.choice(EN_WORDS) for _ in range(r.randint(lo, hi)))

    def text():
        if not en:
            return stem(r)
        return "%s, %s the %s." % (r.choice(EN_CLAUSES),
                                   r.choice(["handle", "explain", "judge",
                                             "improve", "review"]),
                                   words(4, 9))

    bank = os.path.join(args.dir, "print-%s.bank.yaml" % args.lang)
    with open(bank, "w", encoding="utf-8") as f:
        f.write("bank: print-%s\nlanguage: %s\nquestions:\n" %
                (args.lang, "en" if en else "zh-Hans"))
        for i in range(10):
            f.write("  - id: tf-%02d\n    type: true_false\n"
                    "    stem: \"%s\"\n    answer: %s\n" %
                    (i, text(), r.choice(["true", "false"])))
        for i in range(20):
            multi = i >= 15
            n = 4 if not multi else 5
            letters = "ABCDE"[:n]
            ans = ("".join(sorted(r.sample(letters, r.randint(2, 4))))
                   if multi else r.choice(letters))
            f.write("  - id: %s-%02d\n    type: %s\n    stem: \"%s\"\n"
                    "    options: [%s]\n    answer: %s\n" %
                    ("mc" if multi else "sc", i,
                     "multiple" if multi else "single", text(),
                     ", ".join('"%s"' % words(2, 5) for _ in range(n)), ans))
    names = {"en": ("True or false", "Single choice", "Multiple choice",
                    "Customer service written test (benchmark)"),
             "zh": ("判断题", "单项选择题", "多项选择题", "客服专员招聘笔试(基准)")}
    tf, sc, mc, title = names[args.lang]
    with open(os.path.join(args.dir, "print-%s.yaml" % args.lang), "w",
              encoding="utf-8") as f:
        f.write(TPL_PRINT % {"code": "PRINT-" + args.lang.upper(),
                             "title": title, "lang": args.lang,
                             "bank": os.path.basename(bank),
                             "tf": tf, "sc": sc, "mc": mc})


def main():
    p = argparse.ArgumentParser(description="synthetic examgen inputs")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bank")
    b.add_argument("n", type=int)
    b.add_argument("out")
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--name", default="cs-manager")
    b.add_argument("--near-dup", action="store_true",
                   help="stems drawn from 200 stems with one word changed")
    t = sub.add_parser("templates")
    t.add_argument("bank")
    t.add_argument("dir")
    ro = sub.add_parser("roster")
    ro.add_argument("n", type=int)
    ro.add_argument("out")
    ro.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("sheets")
    s.add_argument("keydir")
    s.add_argument("n", type=int)
    s.add_argument("out")
    s.add_argument("--seed", type=int, default=1)
    pr = sub.add_parser("print")
    pr.add_argument("lang", choices=["en", "zh"])
    pr.add_argument("dir")
    pr.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    {"bank": cmd_bank, "templates": cmd_templates, "roster": cmd_roster,
     "sheets": cmd_sheets, "print": cmd_print}[args.cmd](args)


if __name__ == "__main__":
    main()
