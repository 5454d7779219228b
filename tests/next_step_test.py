#!/usr/bin/env python3
"""audit-table on every tests/next_step/*.c; each NAME.expected holds the exit
code ("exit N") and lines the output must contain. Also: the table migcheck
generates passes its own audit. Usage: next_step_test.py MIGCHECK SOURCE_DIR"""
import pathlib
import subprocess
import sys
import tempfile

exe, src = sys.argv[1], pathlib.Path(sys.argv[2])
corpus = src / "tests" / "next_step"
failures = []
cases = sorted(corpus.glob("*.c"))
for c in cases:
    expected = c.with_suffix(".expected").read_text().splitlines()
    r = subprocess.run([exe, "audit-table", c.name], capture_output=True, text=True, cwd=corpus)
    out = r.stdout + r.stderr
    code = int(expected[0].split()[1])
    if r.returncode != code:
        failures.append(f"{c.name}: exit {r.returncode}, expected {code}\n{out[-600:]}")
    for line in expected[1:]:
        if line and line not in out:
            failures.append(f"{c.name}: missing {line!r}\n{out[-600:]}")
r = subprocess.run([exe, "audit-table", "kernel-6.2.c", "--walk", "fixed"], capture_output=True, text=True, cwd=corpus)
if r.returncode != 0 or "passed" not in r.stdout:
    failures.append("the kernel table should pass with the fixed skip loop:\n" + r.stdout[-600:])
with tempfile.TemporaryDirectory() as tmp:
    gen = pathlib.Path(tmp) / "generated.c"
    gen.write_text(subprocess.run([exe, "table", "v2-fsm", "--format", "c"], capture_output=True, text=True, check=True).stdout)
    r = subprocess.run([exe, "audit-table", str(gen)], capture_output=True, text=True)
    if r.returncode != 0:
        failures.append("the generated table fails its own audit:\n" + r.stdout[-800:])
if len(cases) < 8:
    failures.append(f"only {len(cases)} fixtures")
for f in failures:
    print("FAIL", f)
print(f"{len(cases)} fixtures, {len(failures)} failed")
sys.exit(1 if failures else 0)
