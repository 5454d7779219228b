#!/usr/bin/env python3
"""The migcheck command line as a user runs it. Usage: cli_test.py MIGCHECK SOURCE_DIR"""
import json
import subprocess
import sys

exe, src = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    p = subprocess.run([exe, *args], capture_output=True, text=True, cwd="/")
    return p.returncode, p.stdout, p.stderr


def expect(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


code, out, _ = run("--version")
expect("version", code == 0 and out.startswith("migcheck "), out)

code, out, _ = run("list")
expect("list", code == 0 and all(i in out for i in ["rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"]), out)

code, out, _ = run("show", "v2-fsm", "--format", "json")
doc = json.loads(out)
expect("show json states", [(s["name"], s["value"]) for s in doc["states"]] == [
    ("ERROR", 0), ("STOP", 1), ("RUNNING", 2), ("STOP_COPY", 3), ("RESUMING", 4),
    ("RUNNING_P2P", 5), ("PRE_COPY", 6), ("PRE_COPY_P2P", 7)], doc["states"])
expect("show json tables", [t["features"] for t in doc["tables"]] == ["none", "p2p", "precopy", "p2p+precopy"])

for fmt in ["text", "markdown"]:
    code, out, _ = run("show", "rfc2018-enum", "--format", fmt)
    expect(f"show {fmt}", code == 0 and "undefined" in out, out[:200])

import re


def markdown_tables_well_formed(text):
    """Every row of a table has as many unescaped '|' as the table's header."""
    width = None
    for line in text.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        if width is None:
            width = cells
        elif cells != width:
            return line
    return None


for pid in ["rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"]:
    code, out, _ = run("show", pid, "--format", "markdown")
    bad = markdown_tables_well_formed(out)
    expect(f"markdown tables {pid}", code == 0 and bad is None, bad)

for fmt, marker in [("dot", "digraph"), ("mermaid", "stateDiagram-v2")]:
    for pid in ["rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"]:
        code, out, _ = run("diagram", pid, "--format", fmt)
        expect(f"diagram {pid} {fmt}", code == 0 and marker in out, out[:200])
code, out, _ = run("diagram", "v2-fsm", "--format", "dot")
expect("diagram refused edge", "refused" in out and "style=dashed" in out, out)

code, out, err = run("show", "v3-fsm")
expect("unknown proposal exit 2", code == 2, code)
expect("unknown proposal lists valid", "rfc2018-enum, rfc2018-bits, v1-bits, v2-fsm" in err, err)

code, out, err = run("show", "v2-fsm", "--features", "p2p,ndma")
expect("unknown feature exit 2", code == 2 and "valid features: p2p, precopy" in err, err)

code, out, err = run("show", "v2-fsm", "--format", "yaml")
expect("bad format exit 2", code == 2, err)

bad = f"{src}/tests/malformed/04-unknown-top-key.json"
code, out, err = run("show", bad)
expect("malformed exit 3", code == 3 and f"{bad}: /statez: unknown key" in err, err)

code, out, err = run("show", "/nonexistent/x.json")
expect("missing file exit 3", code == 3 and "cannot open file" in err, err)

code, out, _ = run("show", f"{src}/spec/proposals/v1-bits.json")
expect("show from file", code == 0 and "v1-bits" in out, out[:100])

code, out, _ = run("conform")
expect("conform", code == 0 and out.count("conforms") == 4, out)

code, out, err = run("--help")
expect("help lists exit codes", code == 0 and "Exit codes" in out, out)

for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
