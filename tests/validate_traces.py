#!/usr/bin/env python3
"""Writes the counterexample traces of every built-in proposal (a small
configuration) and validates each against spec/schema/trace.schema.json.
Usage: validate_traces.py MIGCHECK SCHEMA"""
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

exe, schema_file = sys.argv[1], sys.argv[2]
schema = json.loads(pathlib.Path(schema_file).read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = count = 0
with tempfile.TemporaryDirectory() as tmp:
    for pid in ["rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"]:
        subprocess.run([exe, "check", pid, "--devices", "2", "--pages", "1", "--trace-dir", tmp],
                       capture_output=True, check=False)
    subprocess.run([exe, "simulate", "v2-fsm", "--devices", "3", "--runs", "300", "--trace-dir", tmp],
                   capture_output=True, check=False)
    for f in sorted(pathlib.Path(tmp).glob("*.itf.json")):
        count += 1
        for err in validator.iter_errors(json.loads(f.read_text())):
            bad += 1
            print(f"{f.name}: /{'/'.join(map(str, err.absolute_path))}: {err.message}")
print(f"{count} traces, {bad} schema errors")
sys.exit(1 if bad or count == 0 else 0)
