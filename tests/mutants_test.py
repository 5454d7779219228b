#!/usr/bin/env python3
"""Falsifiability: every safety and recovery property is violated by at least
one mutant, a built-in proposal with one plausible design or VMM mistake.
A mutant is a file tests/mutants/NAME.patch.json:
  {"mutant_of": BASE, "expect": "ID violated[ with no fault]", "why": ..., "patch": [RFC 6902 ops]}
applied to spec/proposals/BASE.json; each change is guarded by a "test" op,
so a base that changes under a mutant fails here instead of drifting.
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
config = ["--devices", "2", "--pages", "1", "--faults", "1", "--attempts", "2"]
failures, covered = [], set()


def apply_patch(doc, ops):
    """RFC 6902 test/add/remove/replace, the ops the mutants use."""
    for op in ops:
        parts = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
        parent = doc
        for p in parts[:-1]:
            parent = parent[int(p)] if isinstance(parent, list) else parent[p]
        last = parts[-1]
        key = int(last) if isinstance(parent, list) else last
        if op["op"] == "test":
            if parent[key] != op["value"]:
                raise ValueError(f"test failed at {op['path']}: the base changed under the mutant")
        elif op["op"] == "remove":
            del parent[key]
        elif op["op"] == "replace":
            parent[key] = op["value"]
        elif op["op"] == "add":
            if isinstance(parent, list):
                parent.insert(key, op["value"])
            else:
                parent[key] = op["value"]
        else:
            raise ValueError(f"unsupported op {op['op']}")
    return doc


def check(proposal, tmp):
    r = subprocess.run([exe, "check", str(proposal), *config, "--format", "json", "--trace-dir", tmp],
                       capture_output=True, text=True, cwd=src)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"check {proposal} exited {r.returncode}: {r.stderr[-400:]}")
    return {p["id"]: p for p in json.loads(r.stdout)["runs"][0]["properties"]}


with tempfile.TemporaryDirectory() as tmp:
    bases = {}
    for path in sorted((src / "tests" / "mutants").glob("*.patch.json")):
        mutant = json.loads(path.read_text())
        m = re.fullmatch(r"([SR][0-9]) violated( with no fault)?", mutant["expect"])
        if not m:
            failures.append(f"{path.name}: \"expect\" must say \"ID violated[ with no fault]\": {mutant['expect']}")
            continue
        base, prop, no_fault = mutant["mutant_of"], m.group(1), bool(m.group(2))
        try:
            doc = apply_patch(json.loads((src / "spec" / "proposals" / f"{base}.json").read_text()), mutant["patch"])
        except (ValueError, KeyError, IndexError) as e:
            failures.append(f"{path.name}: {e}")
            continue
        doc["id"] = "mutant-" + path.name.split(".")[0].lower()
        doc["notes"] = [f"mutant of {base}: {mutant['expect']}: {mutant['why']}"]
        proposal = pathlib.Path(tmp) / f"{doc['id']}.json"
        proposal.write_text(json.dumps(doc, indent=1))
        got = check(proposal, tmp)[prop]
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
