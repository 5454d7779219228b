#!/usr/bin/env python3
"""Golden outputs of `migcheck compare` in text, markdown and json (a small
configuration), markdown well-formedness, and the JSON output against
spec/schema/compare.schema.json.
Usage: compare_test.py MIGCHECK SOURCE_DIR [--update]"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema

exe, src = sys.argv[1], pathlib.Path(sys.argv[2])
update = "--update" in sys.argv
golden = src / "tests" / "golden"
args = ["rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm", "spec/proposals/examples/rfc2019-logging.json",
        "--devices", "2", "--pages", "1", "--trace-dir", "t"]
failures = []
with tempfile.TemporaryDirectory() as tmp:
    (pathlib.Path(tmp) / "spec").symlink_to(src / "spec")
    for fmt, ext in [("text", "txt"), ("markdown", "md"), ("json", "json")]:
        r = subprocess.run([exe, "compare", *args, "--format", fmt], capture_output=True, text=True, cwd=tmp)
        if r.returncode != 0:
            failures.append(f"compare --format {fmt} exited {r.returncode}: {r.stderr[-300:]}")
            continue
        path = golden / f"compare.{ext}"
        if update:
            path.write_text(r.stdout)
        elif path.read_text() != r.stdout:
            failures.append(f"compare --format {fmt} differs from {path} (tests/compare_test.py MIGCHECK SRC --update)")
        if fmt == "text" and any(len(line) > 80 for line in r.stdout.splitlines()):
            failures.append("text output is wider than 80 columns")
        if fmt == "markdown":
            width = None
            for line in r.stdout.splitlines():
                if not line.startswith("|"):
                    width = None
                    continue
                cells = len(re.findall(r"(?<!\\)\|", line))
                width = cells if width is None else width
                if cells != width:
                    failures.append(f"markdown row has {cells} cells, table has {width}: {line[:100]}")
            refs = set(re.findall(r"\[\^(\d+)\](?!:)", r.stdout))
            defs = set(re.findall(r"^\[\^(\d+)\]:", r.stdout, re.M))
            if refs != defs:
                failures.append(f"footnotes referenced {sorted(refs - defs)} undefined, defined {sorted(defs - refs)} unused")
            if r.stdout.count("\nstateDiagram-v2") != 5:
                failures.append("expected one state diagram per proposal")
            traced = r.stdout.count("Sequence diagram: below")
            if traced == 0 or r.stdout.count("}}}%%\nsequenceDiagram") != traced:
                failures.append(f"expected one sequence diagram per counterexample with a trace ({traced})")
        if fmt == "json":
            schema = json.loads((src / "spec" / "schema" / "compare.schema.json").read_text())
            for err in jsonschema.Draft202012Validator(schema).iter_errors(json.loads(r.stdout)):
                failures.append(f"json: /{'/'.join(map(str, err.absolute_path))}: {err.message}")
for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
