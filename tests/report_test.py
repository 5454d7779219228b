#!/usr/bin/env python3
"""The HTML report in a real browser (Debian's chromium, driven through
chromedriver's W3C WebDriver API with nothing but the standard library):
the page loads offline without console errors, every state diagram fits
1600 px, each counterexample has its sequence diagram, the trace stepper
moves and highlights what changed, and a screenshot is written.

Usage: report_test.py MIGCHECK SOURCE_DIR OUT_DIR [--screenshot FILE]
Exit 77 (skipped) when chromium or chromedriver is missing, unless
MIGCHECK_REQUIRE_BROWSER=1 (CI), where a missing browser fails the test.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

migcheck, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else os.path.join(out, "report.png")
failures = []


def expect(name, ok, detail=""):
    if not ok:
        failures.append(name)
        print(f"FAIL {name}: {str(detail)[:600]}")


chromium = shutil.which("chromium") or shutil.which("chromium-browser")
driver_bin = shutil.which("chromedriver")
if not chromium or not driver_bin:
    print("chromium or chromedriver not installed (Debian: chromium chromium-driver)")
    sys.exit(1 if os.environ.get("MIGCHECK_REQUIRE_BROWSER") == "1" else 77)

os.makedirs(out, exist_ok=True)
page = os.path.join(out, "report.html")
traces = os.path.join(out, "traces")
run = subprocess.run([migcheck, "report", "--output", page, "--trace-dir", traces, "--threads", "2"],
                     capture_output=True, text=True)
expect("report exits 0", run.returncode == 0, run.stderr[-800:])
html = open(page, encoding="utf-8").read()
import re
addresses = set(re.findall(r"https?://[^\"' <>]*", html)) - {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
expect("self-contained: no address but XML namespaces", not addresses and "<link" not in html and " src=" not in html,
       addresses)
expect("ends with the reproduce and Checked-by lines",
       "Reproduce: <code>migcheck report --devices 2 --pages 2" in html and "Checked-by: migcheck " in html)

# Same inputs, same bytes.
os.replace(page, page + ".first")
subprocess.run([migcheck, "report", "--output", page, "--trace-dir", traces, "--threads", "1"], capture_output=True)
expect("deterministic whatever the thread count", open(page, encoding="utf-8").read() == html)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
driver = subprocess.Popen([driver_bin, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"{}").get("value")


try:
    for _ in range(100):
        try:
            call("GET", "/status")
            break
        except OSError:
            time.sleep(0.1)
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {"binary": chromium, "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1200",
            # offline: any name lookup fails, so a page that fetched anything would show errors
            "--host-resolver-rules=MAP * ~NOTFOUND"]},
        "goog:loggingPrefs": {"browser": "ALL"}}}}
    session = call("POST", "/session", caps)["sessionId"]
    s = f"/session/{session}"

    def js(script, *args):
        return call("POST", s + "/execute/sync", {"script": script, "args": list(args)})

    call("POST", s + "/url", {"url": "file://" + os.path.abspath(page)})
    errors = [e for e in call("POST", s + "/se/log", {"type": "browser"}) if e.get("level") == "SEVERE"]
    expect("no console errors", not errors, errors)
    expect("no network requests", js("return performance.getEntriesByType('resource').length") == 0)

    widths = js("return [...document.querySelectorAll('#proposals .diagram svg')]"
                ".map(e => Math.round(e.getBoundingClientRect().width))")
    expect("a state diagram per proposal", len(widths) == 4, widths)
    expect("every state diagram fits 1600 px", all(0 < w <= 1600 for w in widths), widths)
    findings = js("return document.querySelectorAll('.finding').length")
    sequences = js("return document.querySelectorAll('.finding svg.sequence').length")
    violated = html.count('class="viol"')
    expect("a sequence diagram per counterexample", findings == sequences == violated and findings > 0,
           (findings, sequences, violated))
    seq_widths = js("return [...document.querySelectorAll('svg.sequence')].map(e => e.getBoundingClientRect().width)")
    expect("sequence diagrams fit 1600 px", all(w <= 1600 for w in seq_widths), seq_widths)

    counter = lambda: js("return document.getElementById('step-counter').textContent")
    expect("stepper starts at the initial state", counter().startswith("step 0 of "), counter())
    js("document.getElementById('step-next').click()")
    expect("next moves the stepper", counter().startswith("step 1 of "), counter())
    changed = js("return [...document.querySelectorAll('#step-vars tr.changed')].map(r => r.cells[0].textContent)")
    expect("the step's changed variables are highlighted", len(changed) > 0, changed)
    expect("the step shows the text it follows",
           js("return document.getElementById('step-source').textContent").startswith("follows: "))
    expect("the step's row in the sequence diagram is marked",
           js("return document.querySelectorAll('svg.sequence g.step.current').length") == 1)
    # A row of another counterexample's diagram opens that trace at that step.
    opened = js("const g = document.querySelector('#t3 svg.sequence g.step[data-step=\"2\"]');"
                "g.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                "return [document.getElementById('step-trace').value, document.getElementById('step-counter').textContent,"
                " document.getElementById('stepper').parentElement.id]")
    expect("clicking a diagram row opens its trace and step", opened[0] == "2" and opened[1].startswith("step 2 of ")
           and opened[2] == "t3", opened)
    js("document.getElementById('t1').scrollIntoView(); document.querySelector('#t1 button').click();"
       "document.getElementById('step-next').click(); document.getElementById('step-next').click();"
       "document.getElementById('t1').scrollIntoView();")
    expect("the button opens its trace", counter().startswith("step 3 of "), counter())
    # The screenshot shows the diagram's last rows above the stepper.
    js("document.getElementById('stepper').scrollIntoView({block: 'end'})")
    errors = [e for e in call("POST", s + "/se/log", {"type": "browser"}) if e.get("level") == "SEVERE"]
    expect("no console errors after stepping", not errors, errors)
    png = base64.b64decode(call("GET", s + "/screenshot"))
    with open(screenshot, "wb") as f:
        f.write(png)
    expect("screenshot written", png[:8] == b"\x89PNG\r\n\x1a\n")
    call("DELETE", s)
finally:
    driver.terminate()
    driver.wait(timeout=10)

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
