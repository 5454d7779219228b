#!/usr/bin/env python3
"""The partial-order reduction of the VMMs' interleaving (model/world/reduction.cpp)
changes no verdict: every property of every built-in proposal gets the same
verdict and premise with and without --no-reduction, in small configurations
that still inject one and two faults. The reduced run must also explore fewer
states somewhere, or the test checks nothing.
Usage: reduction_test.py MIGCHECK"""
import json
import subprocess
import sys
import tempfile

exe = sys.argv[1]
configs = [["--pages", "1", "--attempts", "1"], ["--pages", "1", "--faults", "0"],
           ["--pages", "1", "--faults", "2", "--attempts", "1"]]
failures, smaller = [], 0


def run(proposal, config, extra, trace_dir):
    out = subprocess.run([exe, "check", proposal, *config, *extra, "--trace-dir", trace_dir, "--format", "json"],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{proposal} {config} {extra}: exit {out.returncode}: {out.stderr[-500:]}")
    run_ = json.loads(out.stdout)["runs"][0]
    return run_["states"], {p["id"]: (p["verdict"], p.get("premise")) for p in run_["properties"]}


with tempfile.TemporaryDirectory() as tmp:
    for proposal in ["rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"]:
        for config in configs:
            reduced_states, reduced = run(proposal, config, [], tmp)
            full_states, full = run(proposal, config, ["--no-reduction"], tmp)
            smaller += reduced_states < full_states
            for pid in sorted(set(reduced) | set(full)):
                if reduced.get(pid) != full.get(pid):
                    failures.append(f"{proposal} {' '.join(config)}: {pid} reduced {reduced.get(pid)} full {full.get(pid)}")
            print(f"{proposal} {' '.join(config)}: {reduced_states} states reduced, {full_states} full")
if smaller == 0:
    failures.append("the reduction never removed a state: this test checks nothing")
for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
