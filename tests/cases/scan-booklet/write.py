# SPDX-License-Identifier: GPL-3.0-or-later
# Simulated candidates: read the grey pages pdftoppm rendered (P5 PGM) of
# a roster's print file, write in the given questions' regions (strokes
# of pen-dark ink, from the key's layout in millimetres), skew every page
# by up to 2 degrees as a copier feeds it, turn some upside down, and
# write every page as PNG under a shuffled name, listed in OUTDIR/pages.txt
# ("NAME COPY PAGE", copies from 0).
# Copies are dealt the forms of the keys in turn (as a roster build does).
#   python3 write.py KEYA,KEYB DPI OUTDIR PAGES_PER_COPY "cand:q,q;cand:q" PGM...
import math
import random
import struct
import sys
import zlib

import yaml


def read_pgm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5", path
    w, h, mx = int(parts[1]), int(parts[2]), int(parts[3])
    assert mx == 255
    pix = bytearray(parts[4][: w * h])
    return w, h, pix


def write_png(path, w, h, pix):
    raw = b"".join(b"\0" + bytes(pix[y * w:(y + 1) * w]) for y in range(h))

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
        ">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


def scribble(pix, w, h, ppm, r, rng):
    # a few handwritten-like lines of short strokes in the region's middle
    x0, y0 = r["x"] + 8, r["y"] + 4
    for line in range(2):
        x = x0
        y = y0 + 8 * line
        while x < x0 + 60:
            dx, dy = rng.uniform(0.5, 2.5), rng.uniform(-3, 3)
            steps = 12
            for s in range(steps):
                px = int((x + dx * s / steps) * ppm)
                py = int((y + dy * s / steps) * ppm)
                for ox in range(2):
                    for oy in range(2):
                        if 0 <= px + ox < w and 0 <= py + oy < h:
                            pix[(py + oy) * w + px + ox] = 40
            x += dx + 1


def shear_rows(pix, w, h, t):
    # row y moves right by (y - h/2) * t, paper white coming in
    out = bytearray(b"\xff" * (w * h))
    for y in range(h):
        d = int(round((y - h / 2) * t))
        row = pix[y * w:(y + 1) * w]
        if d >= 0:
            out[y * w + d:(y + 1) * w] = row[:w - d]
        else:
            out[y * w:(y + 1) * w + d] = row[-d:]
    return out


def shear_cols(pix, w, h, t):
    # column x moves down by (x - w/2) * t
    out = bytearray(b"\xff" * (w * h))
    for x in range(w):
        d = int(round((x - w / 2) * t))
        col = pix[x::w]
        if d >= 0:
            out[x + d * w::w] = col[:h - d]
        else:
            out[x:x + (h + d) * w:w] = col[-d:]
    return out


def skew(pix, w, h, deg):
    # a small turn as two shears
    t = math.tan(math.radians(deg))
    return shear_cols(shear_rows(pix, w, h, -t), w, h, t)


def main():
    keys = [yaml.safe_load(open(k)) for k in sys.argv[1].split(",")]
    dpi = float(sys.argv[2])
    out = sys.argv[3]
    per = int(sys.argv[4])
    plan = {}
    for item in sys.argv[5].split(";"):
        cand, qs = item.split(":")
        plan[int(cand)] = {int(q) for q in qs.split(",")}
    pages = sys.argv[6:]
    rng = random.Random(5)
    names = list(range(len(pages)))
    rng.shuffle(names)
    listing = open("%s/pages.txt" % out, "w")
    for i, path in enumerate(pages):
        w, h, pix = read_pgm(path)
        cand, page = i // per, i % per + 1
        first = {}
        for r in keys[cand % len(keys)]["layout"]["regions"]:
            first.setdefault(r["question"], r)
        for q in plan.get(cand, ()):
            if first[q]["page"] == page:     # its first part only
                scribble(pix, w, h, dpi / 25.4, first[q], rng)
        pix = skew(pix, w, h, rng.uniform(-2, 2))
        if i % 3 == 1:      # upside down
            pix = pix[::-1]
        write_png("%s/scan-%03d.png" % (out, names[i]), w, h, pix)
        listing.write("scan-%03d.png %d %d\n" % (names[i], cand, page))


main()
