#!/usr/bin/env python3
"""The reviewed traces and the baseline gate.
Usage: traces_test.py MIGCHECK SOURCE_DIR
- traces/regenerate into a fresh directory reproduces traces/ and traces/baseline.json byte for
  byte (so `migcheck check --all --baseline traces/baseline.json`, which .ci/run runs, passes);
- the gate fails, with a readable diff, on a tampered baseline and on a changed spec file (shown on
  a small configuration's baseline, written here: the logic is the same, the run takes seconds)."""
import filecmp
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

exe, src = sys.argv[1], pathlib.Path(sys.argv[2])
failures = []


def expect(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


def run(*args, cwd=src):
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd)


with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "traces"
    out.mkdir()
    r = subprocess.run([str(src / "traces" / "regenerate"), exe, str(out)], capture_output=True, text=True, cwd=src)
    expect("regenerate runs", r.returncode == 0, r.stderr[-500:])
    committed = sorted(p.name for p in (src / "traces").iterdir() if p.suffix == ".json")
    fresh = sorted(p.name for p in out.iterdir())
    expect("same files", committed == fresh, f"committed {committed} vs regenerated {fresh}")
    for name in set(committed) & set(fresh):
        expect(f"{name} byte-identical", filecmp.cmp(src / "traces" / name, out / name, shallow=False))

    small = ["--pages", "1"]
    base_file = pathlib.Path(tmp) / "small-baseline.json"
    r = run("check", "v1-bits", *small, "--baseline", str(base_file), "--update-baseline", "--trace-dir", tmp)
    expect("small baseline written", base_file.exists(), r.stderr[-500:])
    r = run("check", "v1-bits", *small, "--baseline", str(base_file), "--trace-dir", tmp)
    expect("gate passes on this tree", r.returncode == 0 and "no difference" in r.stdout, r.stdout[-800:])

    base = json.loads(base_file.read_text())
    for run_ in base["runs"]:
        if run_["proposal"] == "v1-bits":
            run_["properties"]["S6"] = {"verdict": "holds"}
            run_["states"] += 1
    tampered = pathlib.Path(tmp) / "tampered.json"
    tampered.write_text(json.dumps(base, indent=2))
    r = run("check", "v1-bits", *small, "--baseline", str(tampered), "--trace-dir", tmp)
    expect("tampered baseline fails", r.returncode == 1, r.returncode)
    expect("tampered diff names the property", re.search(r"v1-bits: S6: holds -> violated \(\d+ steps", r.stdout), r.stdout[-600:])
    expect("tampered diff names the count", "v1-bits: states" in r.stdout, r.stdout[-600:])

    spec = (src / "spec" / "proposals" / "v1-bits.json").read_text()
    changed = spec.replace('"default_outcome": {"outcome": "undefined"', '"default_outcome": {"outcome": "reject"')
    expect("mutation applies", changed != spec)
    mutant = pathlib.Path(tmp) / "v1-bits.json"
    mutant.write_text(changed)
    r = run("check", str(mutant), *small, "--baseline", str(base_file), "--trace-dir", tmp)
    expect("changed spec fails the gate", r.returncode == 1, r.returncode)
    expect("changed spec diff names the file", "changed (digest" in r.stdout, r.stdout[-600:])
    expect("changed spec diff names a verdict", re.search(r"v1-bits: S6: violated \(\d+ steps[^)]*\) -> holds", r.stdout),
           r.stdout[-800:])

for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
