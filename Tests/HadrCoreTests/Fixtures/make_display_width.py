#!/usr/bin/env python3
"""Writes display_width.tsv: for every code point Python's unicodedata knows (assigned,
not a control, not a surrogate), the columns the wcwidth package (0.7.0) gives it, as
runs `first<TAB>last<TAB>width`. LayoutTests checks hadr's widths against it: hadr has
its own rules (controls, marks, format characters) and a table of wide ranges, this
oracle is wcwidth's own implementation of them."""
import unicodedata
import wcwidth

runs = []
for cp in range(0x20, 0x110000):
    ch = chr(cp)
    category = unicodedata.category(ch)
    if category in ("Cn", "Cc", "Cs", "Co"):
        continue
    w = wcwidth.wcwidth(ch)
    if runs and runs[-1][1] == cp - 1 and runs[-1][2] == w:
        runs[-1][1] = cp
    else:
        runs.append([cp, cp, w])
with open("display_width.tsv", "w") as out:
    out.write(f"# wcwidth {wcwidth.__version__}, unicodedata {unicodedata.unidata_version}\n")
    for a, b, w in runs:
        out.write(f"{a:X}\t{b:X}\t{w}\n")
