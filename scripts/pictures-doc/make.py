#!/usr/bin/env python3
"""Writes docs/PICTURES.md from its template, running each @RUN{...}@ block with the
built hadr so that the pictures on the page are what hadr prints. Run from the
repository after `swift build`."""
import subprocess, sys
H = ".build/debug/hadr"
def run(code, width=None, env=None):
    args = [H] + (["--width", str(width)] if width else []) + ["-e", code]
    import os
    e = dict(os.environ); e.update(env or {})
    out = subprocess.run(args, capture_output=True, text=True, env=e)
    assert out.returncode == 0, (code, out.stderr)
    return out.stdout.rstrip("\n")
def block(code, width=None, env=None, prompt=True):
    shown = "\n".join("hadr> " + l for l in code.split("\n")) if prompt else ""
    body = run(code.replace("\n", "\n"), width, env)
    return "```\n" + (shown + "\n" if prompt else "") + body + "\n```\n"
sys_def = 'lb = component("lb", 99.99%)\nweb1 = component("web1", 99.9%)\nweb2 = component("web2", 99.9%)\ndb = component("db", 99.95%)\nreplica = component("replica", 99.95%)\nsystem = lb & (web1 | web2) & (db | replica)\n'
def with_system(expr):
    return run(sys_def + expr)
doc = open("scripts/pictures-doc/PICTURES.template.md").read()
import re
def sub(m):
    kind, arg = m.group(1), m.group(2)
    if kind == "RUN":
        return block(arg)
    if kind == "RUN40":
        return block(arg, 40)
    if kind == "RUN120":
        return block(arg, 120)
    if kind == "ASCII":
        return block(arg, None, {"TERM": "dumb"})
    if kind == "SYS":
        code = sys_def + arg
        return "```\nhadr> " + arg + "\n" + run(code) + "\n```\n"
    if kind == "SYSPRINT":
        return "```\n" + run(sys_def + arg) + "\n```\n"
    raise Exception(kind)
doc = re.sub(r"@(RUN40|RUN120|RUN|ASCII|SYSPRINT|SYS)\{(.*?)\}@\n", sub, doc, flags=re.S)
open("docs/PICTURES.md", "w").write(doc)
