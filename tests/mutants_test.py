#!/usr/bin/env python3
"""Falsifiability: every safety and recovery property is violated by at least
one mutant, a built-in proposal with one plausible design or VMM mistake
(tests/mutants/*.json). Each mutant's first note says what it must break:
  "mutant of BASE: ID violated[ with no fault]: why"
The driver checks the mutant (ID violated, with a fault-free counterexample
when the note says so) and the unmutated BASE in the same configuration (ID
holds there, or has no fault-free counterexample), so the verdict comes from
the mutation. R3 (walk termination) is not checked by `check`; its mutant is
the next-step table tests/next_step/endless-walk.c, which `audit-table` must
reject with a cycle. A mutation that leaves its property holding is a defect
of the predicate.
Usage: mutants_test.py MIGCHECK SOURCE_DIR"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

exe, src = sys.argv[1], pathlib.Path(sys.argv[2])
config = ["--devices", "2", "--pages", "1", "--versions", "1", "--faults", "1", "--attempts", "2"]
failures, covered = [], set()


def check(proposal, tmp):
    r = subprocess.run([exe, "check", str(proposal), *config, "--format", "json", "--trace-dir", tmp],
                       capture_output=True, text=True, cwd=src)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"check {proposal} exited {r.returncode}: {r.stderr[-400:]}")
    return {p["id"]: p for p in json.loads(r.stdout)["runs"][0]["properties"]}


with tempfile.TemporaryDirectory() as tmp:
    bases = {}
    for path in sorted((src / "tests" / "mutants").glob("*.json")):
        note = json.loads(path.read_text())["notes"][0]
        m = re.match(r"mutant of (\S+): ([SR][0-9]) violated( with no fault)?: ", note)
        if not m:
            failures.append(f"{path.name}: the first note does not say what the mutant breaks: {note[:80]}")
            continue
        base, prop, no_fault = m.group(1), m.group(2), bool(m.group(3))
        got = check(path, tmp)[prop]
        if base not in bases:
            bases[base] = check(base, tmp)
        was = bases[base][prop]
        ok = got["verdict"] == "violated" and (not no_fault or "fault_free" in got)
        if not ok:
            failures.append(f"{path.name}: {prop} is {got['verdict']}"
                            f"{'' if 'fault_free' in got else ' (no fault-free counterexample)'}; expected violated")
        base_clean = ("fault_free" not in was) if no_fault else was["verdict"] == "holds"
        if not base_clean:
            failures.append(f"{path.name}: {prop} already fails in {base} ({was['verdict']}): the mutation shows nothing")
        if ok and base_clean:
            covered.add(prop)
        length = got.get("fault_free", {}).get("trace_length") if no_fault else got.get("trace_length")
        print(f"{'ok  ' if ok and base_clean else 'FAIL'} {path.name}: {prop} {got['verdict']}"
              f" ({length} steps{' with no fault' if no_fault else ''}); {base}: {was['verdict']}")

r = subprocess.run([exe, "audit-table", str(src / "tests" / "next_step" / "endless-walk.c")], capture_output=True, text=True)
if r.returncode == 1 and "cycle:" in r.stdout:
    covered.add("R3")
    print("ok   next_step/endless-walk.c: R3 violated (audit-table finds the cycle)")
else:
    failures.append(f"audit-table endless-walk.c: exit {r.returncode}, no cycle reported: {r.stdout[-300:]}")

for prop in ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "R1", "R2", "R3"]:
    if prop not in covered:
        failures.append(f"no mutant violates {prop}")
for f in failures:
    print("FAIL", f)
print(f"{len(covered)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
