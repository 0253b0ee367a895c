#!/usr/bin/env python3
"""Prints the ranges of code points a terminal shows two columns wide (Unicode's East
Asian Width W and F, of the newest Unicode the wcwidth package carries) as the Swift
table at the end of Sources/HadrCore/Display/Display+Width.swift. Run it when Unicode
grows; DisplayWidthTests checks hadr's widths against wcwidth's own wcwidth()."""
import wcwidth
from wcwidth.table_wide import WIDE_EASTASIAN

version = max(WIDE_EASTASIAN, key=lambda v: tuple(int(x) for x in v.split(".")))
ranges = WIDE_EASTASIAN[version]
print("    /// The code points a terminal shows two columns wide; made by scripts/make-width-table.py")
print(f"    /// (Unicode {version}, East Asian Width W and F: {len(ranges)} ranges).")
print("    static let wide: [ClosedRange<UInt32>] = [")
line = "       "
for a, b in ranges:
    item = f" 0x{a:X}...0x{b:X},"
    if len(line) + len(item) > 116:
        print(line)
        line = "       "
    line += item
print(line)
print("    ]")
print("}")
