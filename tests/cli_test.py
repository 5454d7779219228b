#!/usr/bin/env python3
"""The migcheck command line as a user runs it. Usage: cli_test.py MIGCHECK SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile

exe, src = sys.argv[1], sys.argv[2]
failures = []


def run_shell(command):
    r = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


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
# Diagrams summarise what a state does not take (counts on the node, the
# requests in the state table) and mark the error state and invalid encodings.
code, out, _ = run("diagram", "v1-bits", "--format", "dot")
expect("dot: error state and invalid encodings marked, counts not lists",
       "SAVING|RESUMING (6)\\nerror state" in out and "__invalid [label=\"invalid encodings\\nRESUMING|RUNNING (5)" in out
       and "3 rejected · 4 undefined" in out and "\\nundefined: " not in out and "rejects: " not in out, out)
code, out, _ = run("diagram", "v1-bits", "--format", "mermaid")
expect("mermaid: error state and invalid encodings marked by class",
       "class SAVING_RESUMING errorState" in out and "class invalid_encodings invalidEncodings" in out
       and "note " not in out, out)
code, out, _ = run("diagram", "rfc2018-enum", "--format", "markdown")
expect("diagram markdown: mermaid, legend, state table",
       code == 0 and out.startswith("```mermaid") and "| mark | meaning |" in out
       and "| MIGRATION_SETUP | - | NONE, RUNNING, MIGRATION_SETUP, MIGRATION_SAVE_COMPLETED, MIGRATION_RESUME, "
           "MIGRATION_RESUME_COMPLETED |" in out and markdown_tables_well_formed(out) is None, out[-600:])
# show prints a v2 walk in the order the core walks it, and counts arcs in the kernel's terms.
code, out, _ = run("show", "v2-fsm")
expect("show: v2 walks in order", "RUNNING, request STOP_COPY: transition to STOP_COPY, walking RUNNING -> RUNNING_P2P -> "
       "STOP -> STOP_COPY" in out, out)
expect("show: FSM arcs per feature set (vfio-facts 4.5: 6, 8, 9, 15)",
       [int(n) for n in re.findall(r"(\d+) FSM arcs a driver implements", out)] == [6, 8, 9, 15], out)
# report: its arguments are checked before anything is explored; the page is
# written only when complete (tests/report_test.py opens it in a browser).
code, _, err = run("report")
expect("report needs --output (usage, exit 2)", code == 2 and "--output" in err, err)
code, _, err = run("report", "--output", "/nonexistent/dir/r.html")
expect("report to an unwritable path: exit 3, named", code == 3 and "/nonexistent/dir/r.html: cannot write the report" in err, err)
with tempfile.TemporaryDirectory() as tmp:
    page = os.path.join(tmp, "r.html")
    code, _, err = run("report", "nope", "--output", page)
    expect("report of an unknown proposal: exit 2, no file left", code == 2 and not os.path.exists(page), err)
    code, _, err = run("report", "v2-fsm:p2p", "--devices", "1", "--output", page, "--trace-dir", tmp)
    html = open(page).read() if os.path.exists(page) else ""
    expect("report of one proposal with a feature set", code == 0 and "<code>v2-fsm:p2p</code>" in html
           and html.rstrip().endswith("</html>") and "Checked-by: migcheck" in html, err)
code, out, _ = run("table", "v2-fsm")
expect("table: FSM arcs per feature set", [int(n) for n in re.findall(r"(\d+) FSM arcs a driver implements", out)] == [6, 8, 9, 15], out)

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
expect("missing file exit 3", code == 3 and "cannot read: No such file or directory" in err, err)

code, out, _ = run("show", f"{src}/spec/proposals/v1-bits.json")
expect("show from file", code == 0 and "v1-bits" in out, out[:100])

code, out, _ = run("conform")
expect("conform", code == 0 and out.count("conforms") == 4, out)

code, out, err = run("--help")
expect("help lists exit codes", code == 0 and "Exit codes" in out, out)


small = ["--devices", "1", "--pages", "1", "--faults", "0", "--attempts", "1"]
with tempfile.TemporaryDirectory() as tmp:
    # v1 read as its documented flows only: QEMU's same-value write is undefined, no migration completes
    code, out, err = run("check", "v1-bits", *small, "--features", "none", "--trace-dir", tmp)
    expect("check violation exit 1", code == 1, (code, err))
    expect("no migration completes comes first", out.startswith("NO MIGRATION COMPLETES: v1-bits"), out[:200])
    expect("vacuous verdicts", "S2  memory-complete         vacuous" in out and "never occurs: the destination VM runs" in out, out)
    expect("not applicable with its reason", "R3  terminates              not applicable" in out and "walks no path" in out, out)
    expect("coverage reported", "coverage:" in out and "(state, request) pairs issued" in out, out[-600:])
    expect("check echoes configuration", "checking v1-bits" in err and "--devices 1" in err, err)
    expect("check prints stats", "states/s" in err and "bytes/state" in err, err)
    expect("check S6 violated", "S6  defined                 VIOLATED" in out, out)
    import glob
    named = glob.glob(os.path.join(tmp, "v1-bits.*.none.d1p1r1f0a1.S6.itf.json"))
    trace = named[0] if named else os.path.join(tmp, "missing")
    expect("trace written, named by proposal, digest, configuration and property", len(named) == 1, os.listdir(tmp))
    repro = [l.split("reproduce: ", 1)[1] for l in out.splitlines() if "reproduce:" in l and "S6" in l]
    expect("reproduce line", len(repro) == 1, out)
    if repro and os.path.exists(trace):
        first = open(trace).read()
        args = repro[0].split()[1:] + ["--trace-dir", os.path.join(tmp, "again")]
        code2, out2, _ = run(*args)
        again = os.path.join(tmp, "again", os.path.basename(trace))
        expect("reproduce gives the same trace", code2 == 1 and open(again).read() == first, out2)
        code, out, _ = run("trace", "show", trace)
        expect("trace show diff", code == 0 and "[1]" in out and "(was" in out, out[:300])
        code, full, _ = run("trace", "show", trace, "--full")
        expect("trace show full is longer", code == 0 and len(full) > len(out), "")
        steps = len(json.load(open(trace))["states"]) - 1
        code, seq, _ = run("trace", "show", trace, "--format", "mermaid")
        lines = seq.splitlines()
        arrows = [l for l in lines[2:] if not l.strip().startswith("participant")]
        expect("trace show mermaid: a sequence diagram, one line per step, the property at the end",
               code == 0 and lines[0].startswith("%%{init: {\"sequence\": {\"wrap\": true") and lines[1] == "sequenceDiagram" and "participant SV as source VMM" in seq
               and "participant D0 as destination device 0" in seq and len(arrows) == steps + 1
               and all(a.split(": ", 1)[1].startswith(f"{k + 1}. ") for k, a in enumerate(arrows[:-1]))
               and arrows[-1].startswith("  Note over G,D0: S6 defined: ") and arrows[-1].endswith("(violated)"), seq[-600:])
        code, md, _ = run("trace", "show", trace, "--format", "markdown")
        expect("trace show markdown: the diagram and a (VM, migration, device states) row per step",
               code == 0 and "```mermaid\n%%{init:" in md and "}}}%%\nsequenceDiagram" in md and "| step | what happens | source VM |" in md
               and md.count("\n| ") == steps + 2, md[:400])
        code, _, err = run("trace", "show", trace, "--format", "mermaid", "--full")
        expect("trace show --full with mermaid: usage error", code == 2 and "--format text only" in err, err)
    code, out, _ = run("check", "v2-fsm", "--devices", "2", "--pages", "1", "--trace-dir", tmp)
    repro = [l.split("reproduce: ", 1)[1] for l in out.splitlines() if "reproduce:" in l]
    expect("v2 reproduce lines", len(repro) >= 1, out[-500:])
    for line in repro:
        code2, out2, err2 = run(*(line.split()[1:] + ["--trace-dir", os.path.join(tmp, "r")]))
        expect(f"reproduce works: {line}", code2 == 1 and "VIOLATED" in out2, err2[-300:])
    code, out, _ = run("check", "v2-fsm", *small, "--format", "json", "--trace-dir", tmp)
    doc = json.loads(out)
    run0 = doc["runs"][0]
    expect("check json", code == 0 and run0["complete"] and len(run0["properties"]) == 19, out[:300])
    expect("check json carries coverage", run0["migration_completes"] and run0["coverage"]["steps"], out[:300])
    import jsonschema
    schema = json.loads(open(os.path.join(src, "spec", "schema", "check.schema.json")).read())
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    expect("check json follows its schema", not errors, errors[:3])
    code, out, err = run("check", "v2-fsm", "--max-states", "500", "--trace-dir", tmp)
    expect("limit exit 4", code == 4 and "INCOMPLETE" in out and "unknown" in out, (code, out[:400]))
    code, _, err = run("check", "v2-fsm", "--devices", "0")
    expect("bad devices exit 2", code == 2 and "--devices 0 is out of range" in err, err)
    code, _, err = run("check", "v2-fsm", "--versions", "2")
    expect("removed --versions refused with its reason, exit 2", code == 2 and "no longer counts versions" in err, err)
    code, _, err = run("compare", "--versions", "1")
    expect("removed --versions refused by compare too, exit 2", code == 2 and "no longer counts versions" in err, err)
    code, _, err = run("check", "v2-fsm", "--property", "S9")
    expect("unknown property exit 2", code == 2 and "unknown property 'S9'" in err, err)
    code, _, err = run("check", "v2-fsm", "--symmetry")
    expect("symmetry refused for the VFIO world, exit 2", code == 2 and "device-list order" in err, err)
    code, _, err = run("check", "v2-fsm", "--threads", "0")
    expect("bad threads exit 2", code == 2 and "--threads '0' is not a whole number in 1..64" in err, err)
    # A small world keeps this to seconds; it still spans hundreds of the explorer's blocks.
    one = run("check", "v1-bits", "--pages", "1", "--format", "json", "--trace-dir", os.path.join(tmp, "t1"))
    two = run("check", "v1-bits", "--pages", "1", "--format", "json", "--threads", "2", "--trace-dir", os.path.join(tmp, "t1"))
    expect("two threads: the same report", one[0] == two[0] == 1 and one[1] == two[1], (one[0], two[0]))
    # QEMU refuses several VFIO devices without P2P (vfio_block_multiple_devices_migration): the run says so
    # and still gives the interface's verdicts; with one device, or with P2P, nothing is blocked.
    two_devices = ["--devices", "2", "--pages", "1", "--faults", "0", "--attempts", "1"]
    code, out, _ = run("check", "v2-fsm", *two_devices, "--features", "precopy", "--trace-dir", tmp)
    expect("blocked by the VMM reported", "BLOCKED BY THE VMM: v2-fsm: QEMU refuses" in out and "S1  single-owner" in out,
           out[:400])
    code, out, _ = run("check", "v2-fsm", *two_devices, "--features", "precopy", "--format", "json", "--trace-dir", tmp)
    expect("blocked by the VMM in json", "vfio_block_multiple_devices_migration" in json.loads(out)["runs"][0]["blocked_by_vmm"],
           out[:300])
    code, out, _ = run("check", "v2-fsm", *two_devices, "--trace-dir", tmp)
    expect("p2p: not blocked", "BLOCKED" not in out, out[:300])
    code, _, err = run("check", "v2-fsm", "--max-memory", "lots")
    expect("bad size exit 2", code == 2 and "--max-memory 'lots'" in err, err)
    code, out, err = run("simulate", "v2-fsm", "--devices", "6", "--runs", "20000", "--steps", "400", "--trace-dir", tmp)
    expect("simulate 6 devices finds a violation", code == 1 and "S3 device-state-complete: VIOLATED in run" in out, out[-800:])
    expect("simulate says nothing found is no proof", "(not a proof)" in out, out[-800:])
    sim = glob.glob(os.path.join(tmp, "v2-fsm.*.S3.simulate-seed1.itf.json"))
    sim_trace = sim[0] if sim else os.path.join(tmp, "missing")
    rerun = [l.split("reproduce: ", 1)[1] for l in out.splitlines() if "reproduce:" in l and "--run" in l]
    expect("simulate prints reproduce commands", len(rerun) >= 1, out[-800:])
    if os.path.exists(sim_trace) and rerun:
        first = open(sim_trace).read()
        s3 = [r for r in rerun if True]
        code2, out2, _ = run(*(rerun[0].split()[1:] + ["--trace-dir", os.path.join(tmp, "sim2")]))
        expect("simulate --run reproduces", code2 == 1 and "VIOLATED in run" in out2, out2[-500:])
        code3, show, _ = run("trace", "show", sim_trace)
        expect("trace show prints a simulated trace", code3 == 0 and "trace of S3 (violated)" in show, show[:300])
    code, _, err = run("simulate", "v2-fsm", "--runs", "0")
    expect("simulate bad runs exit 2", code == 2 and "--runs '0' is not a whole number in 1..100000000" in err, err)
    code, out, _ = run("simulate", "v2-fsm", "--devices", "1", "--pages", "1", "--faults", "0", "--runs", "50", "--trace-dir", tmp)
    expect("simulate without faults finds nothing", code == 0 and "VIOLATED" not in out, out[-500:])

    bad = os.path.join(tmp, "bad.itf.json")
    open(bad, "w").write('{"#meta": {}, "vars": [], "states": [{"x": 1}]}')
    code, _, err = run("trace", "show", bad)
    expect("bad trace exit 3", code == 3 and "/states/0" in err, err)


# Hardened inputs and runs (issue 13): every bad input gets a documented exit
# code and a located message; signals and memory exhaustion end with a report.
import signal
import subprocess
import time

with tempfile.TemporaryDirectory() as tmp:
    bad = {
        "dir": (tmp, "is a directory; expected a file"),
        "device": ("/dev/zero", "is not a regular file"),
    }
    overflow = os.path.join(tmp, "overflow.json")
    open(overflow, "w").write('{"id": 1e400}')
    bad["number"] = (overflow, "overflow.json:1:8: invalid JSON: number overflow")
    deep = os.path.join(tmp, "deep.json")
    open(deep, "w").write("[" * 100000 + "]" * 100000)
    bad["deep"] = (deep, "nested deeper than 64 levels")
    big = os.path.join(tmp, "big.json")
    with open(big, "w") as f:
        f.write(" " * (17 << 20))
    bad["size"] = (big, "is larger than 16 MiB, the input size limit")
    for name, (path, message) in bad.items():
        code, _, err = run("show", path)
        expect(f"bad input {name} exit 3", code == 3 and message in err, err[-300:])
        code, _, err = run("trace", "show", path)
        expect(f"bad trace {name} exit 3", code == 3 and message in err, err[-300:])

    for args, message in [
        (["check", "v2-fsm", "--max-memory", "-5G"], "--max-memory '-5G' is not a size"),
        (["check", "v2-fsm", "--max-memory", "18446744073709551616"], "--max-memory '18446744073709551616'"),
        (["check", "v2-fsm", "--time-limit", "0"], "--time-limit '0' is not a number of seconds"),
        (["check", "v2-fsm", "--time-limit", "nan"], "--time-limit 'nan' is not a number of seconds"),
        (["check", "v2-fsm", "--max-states", "0"], "--max-states '0' is not a whole number"),
        (["simulate", "v2-fsm", "--seed", "-1"], "--seed '-1' is not a whole number"),
        (["frobnicate"], "unknown command 'frobnicate'"),
    ]:
        code, _, err = run(*args)
        expect(f"usage error: {' '.join(args)}", code == 2 and message in err, err[-300:])
    code, out, _ = run("help")
    expect("help lists the commands", code == 0 and "check" in out and "compare" in out and "audit-table" in out, out[:300])

    # output files are checked before the search
    locked = os.path.join(tmp, "locked")
    os.mkdir(locked)
    os.chmod(locked, 0o500)
    if os.geteuid() != 0:  # root writes anywhere; a file in the way stops root too
        code, _, err = run("check", "v2-fsm", "--trace-dir", locked)
        expect("unwritable trace dir exit 3", code == 3 and "cannot write traces" in err, err[-300:])
    blocker = os.path.join(tmp, "blocker")
    open(blocker, "w").write("x")
    start = time.time()
    code, _, err = run("check", "rfc2018-bits", "--trace-dir", os.path.join(blocker, "traces"))
    expect("trace dir in a file: exit 3 before the search", code == 3 and "cannot create the trace directory" in err
           and time.time() - start < 5, err[-300:])

    # baselines
    bad_base = os.path.join(tmp, "bad-baseline.json")
    open(bad_base, "w").write('{"format": "migcheck-baseline", "version": 1, "runs": [{"proposal": "v2-fsm"}]}')
    code, _, err = run("check", "v2-fsm", "--baseline", bad_base, *small)
    expect("invalid baseline exit 3 before exploring", code == 3 and "/runs/0: missing required key" in err
           and "checking" not in err, err[-400:])
    code, _, err = run("check", "v2-fsm", "--max-states", "100", "--baseline", os.path.join(tmp, "b.json"),
                       "--update-baseline", "--trace-dir", tmp)
    expect("an incomplete run never becomes a baseline", code == 4 and "never becomes a baseline" in err
           and not os.path.exists(os.path.join(tmp, "b.json")), err[-300:])
    merged = os.path.join(tmp, "merged.json")
    open(merged, "w").write(open(os.path.join(src, "traces", "baseline.json")).read())
    example = os.path.join(src, "spec", "proposals", "examples", "rfc2019-logging.json")
    code, _, err = run("check", example, *small, "--baseline", merged, "--update-baseline", "--trace-dir", tmp)
    doc = json.loads(open(merged).read())
    ids = [r["proposal"] for r in doc["runs"]]
    expect("a file proposal joins the baseline", code == 0 and "rfc2019-logging" in ids and "v2-fsm" in ids, (code, ids))
    code, out, _ = run("check", example, *small, "--baseline", merged, "--trace-dir", tmp)
    expect("the joined proposal passes its gate", code == 0 and "no difference" in out, out[-300:])
    code, out, _ = run("check", example, "--devices", "2", *small[2:], "--baseline", merged, "--trace-dir", tmp)
    expect("the update command repeats the run's parameters", code == 1 and
           "migcheck check " + example + " --devices 2" in out and "--update-baseline" in out, out[-400:])

    # two proposals with one id keep both sets of traces
    twin = os.path.join(tmp, "twin.json")
    open(twin, "w").write(open(os.path.join(src, "spec", "proposals", "v2-fsm.json")).read().replace(
        '"title": "VFIO migration protocol v2', '"title": "A twin of v2'))
    tdir = os.path.join(tmp, "twins")
    code, _, _ = run("compare", "v2-fsm", twin, "--devices", "1", "--pages", "1", "--trace-dir", tdir)
    digests = {f.split(".")[1] for f in os.listdir(tdir) if f.startswith("v2-fsm.")}
    expect("same id, two digests, two sets of traces", code in (0, 1) and len(digests) == 2, os.listdir(tdir)[:6])

    # variants of one proposal side by side: "id:feature-set" names a column's features
    vdir = os.path.join(tmp, "variants")
    code, out, err = run("compare", "v2-fsm:precopy", "v2-fsm:p2p+precopy", "--devices", "1", "--pages", "1",
                         "--trace-dir", vdir)
    expect("compare id:features: both columns, named by their feature sets",
           code in (0, 1) and "[1] v2-fsm:precopy:" in out and "[2] v2-fsm:p2p+precopy:" in out, (code, out[:400], err[-300:]))
    states = [l for l in out.splitlines() if l.startswith("world states")]
    expect("compare id:features: the variants are different worlds", len(states) == 1 and len(set(states[0].split()[2:])) == 2, states)
    code, out, _ = run("compare", "v2-fsm:none", "--format", "markdown", "--devices", "1", "--pages", "1", "--trace-dir", vdir)
    expect("compare id:features, markdown says how columns are named", "`v2-fsm:none`" in out and "as named" in out, out[:300])
    last = out.rstrip().splitlines()[-3:]
    expect("markdown report ends with the reproduce and Checked-by lines",
           last[0] == "Reproduce: `migcheck compare v2-fsm:none --devices 1 --pages 1 --rounds 1 --faults 1 --attempts 2`"
           and last[2].startswith("Checked-by: migcheck "), last)
    code, out, _ = run("check", "v2-fsm", "--devices", "1", "--pages", "1", "--property", "S1", "S3", "--trace-dir", vdir)
    tail = out[out.rfind("\nReproduce: ") + 1:].rstrip().splitlines()
    expect("check report ends with the reproduce line (wrapped at 80 columns as a shell reads it) and Checked-by",
           " ".join(l.rstrip(" \\").strip() for l in tail[:-1]) ==
           "Reproduce: migcheck check v2-fsm --devices 1 --pages 1 --rounds 1 --faults 1 --attempts 2 --property S1 S3"
           and all(len(l) <= 80 for l in tail) and tail[-1].startswith("Checked-by: migcheck "), tail)
    code, _, err = run("compare", "v2-fsm:bogus", "--trace-dir", vdir)
    expect("compare id:unknown-feature, exit 2", code == 2 and "unknown feature 'bogus' for proposal v2-fsm" in err, err)
    code, _, err = run("compare", "v2-fsm:", "--trace-dir", vdir)
    expect("compare id: with no feature set, exit 2", code == 2 and "no feature set after ':'" in err, err)

    # SIGINT stops a long run with a partial report
    p = subprocess.Popen([exe, "check", "rfc2018-bits", "--devices", "4", "--trace-dir", tmp],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    expect("SIGINT: exit 4 with a partial report", p.returncode == 4 and "INCOMPLETE: interrupted by a signal" in out
           and "S1  single-owner" in out and "unknown" in out, (p.returncode, out[:300], err[-300:]))

    # out of memory: the address space well below the run's needs
    probe = run_shell(f"ulimit -v 400000; exec {exe} --version")
    if probe[0] != 0 and "AddressSanitizer" in probe[2]:
        print("skipped: ulimit -v (AddressSanitizer reserves more address space than the limit)")
    else:
        code, out, err = run_shell(f"ulimit -v 400000; exec {exe} check rfc2018-bits --devices 4 --trace-dir {tmp}")
        expect("ulimit -v: exit 4 with a report", code == 4 and ("out of memory" in out + err), (code, out[:300], err[-300:]))


# Every JSON output that another program may read follows its schema.
import jsonschema
for args, schema in [(["show", "v2-fsm", "--format", "json"], "show"), (["show", "rfc2018-bits", "--format", "json"], "show"),
                     (["table", "v2-fsm", "--format", "json"], "table")]:
    code, out, _ = run(*args)
    sch = json.loads(open(os.path.join(src, "spec", "schema", schema + ".schema.json")).read())
    errors = [e.message for e in jsonschema.Draft202012Validator(sch).iter_errors(json.loads(out))]
    expect(f"{' '.join(args)} follows {schema}.schema.json", code == 0 and not errors, errors[:3])

for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
