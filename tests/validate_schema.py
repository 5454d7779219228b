#!/usr/bin/env python3
"""Validate every proposal file in a directory against the proposal JSON Schema.
Usage: validate_schema.py SCHEMA DIR. Exits 1 on any invalid file."""
import json
import pathlib
import sys

import jsonschema

schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sorted(pathlib.Path(sys.argv[2]).rglob("*.json"))
bad = 0
for f in files:
    for err in validator.iter_errors(json.loads(f.read_text())):
        bad += 1
        print(f"{f}: /{'/'.join(map(str, err.absolute_path))}: {err.message}")
print(f"{len(files)} files, {bad} schema errors")
sys.exit(1 if bad or not files else 0)
