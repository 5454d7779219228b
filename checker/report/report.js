// The trace stepper: pick a counterexample, step through it, see what each
// step changed and the text it follows. The traces are this page's own
// JSON (ITF states); nothing is fetched.
(function () {
  'use strict';
  const traces = JSON.parse(document.getElementById('traces').textContent);
  const select = document.getElementById('step-trace');
  const range = document.getElementById('step-range');
  const counter = document.getElementById('step-counter');
  const action = document.getElementById('step-action');
  const source = document.getElementById('step-source');
  const vars = document.getElementById('step-vars');
  let trace = 0, step = 0;

  // A state as (path, value) pairs: "source_devices[1].state" -> "STOP".
  function flatten(value, path, out) {
    if (Array.isArray(value)) value.forEach((v, i) => flatten(v, path + '[' + i + ']', out));
    else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (key.startsWith('#meta')) continue;
        flatten(value[key], path ? path + '.' + key : key, out);
      }
    } else out.set(path, JSON.stringify(value));
    return out;
  }

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
  }

  function show() {
    const states = traces[trace].states;
    const meta = states[step]['#meta'] || {};
    range.max = String(states.length - 1);
    range.value = String(step);
    counter.textContent = 'step ' + step + ' of ' + (states.length - 1);
    action.textContent = step === 0 ? 'initial state' : step + '. ' + (meta.action || '');
    source.textContent = meta.event && meta.event.source ? 'follows: ' + meta.event.source : '';
    const now = flatten(states[step], '', new Map());
    const before = step > 0 ? flatten(states[step - 1], '', new Map()) : now;
    const table = document.createElement('table');
    const head = table.insertRow();
    ['variable', 'value', 'before'].forEach((h) => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
    // What the step changed first, then the rest of the state.
    const paths = [...now.keys()];
    const changed = (path) => before.get(path) !== now.get(path);
    for (const path of paths.filter(changed).concat(paths.filter((p) => !changed(p)))) {
      const row = table.insertRow();
      if (changed(path)) row.className = 'changed';
      cell(row, path);
      cell(row, now.get(path));
      cell(row, changed(path) ? before.get(path) : '', 'was');
    }
    vars.replaceChildren(table);
    document.querySelectorAll('.sequence g.step.current').forEach((g) => g.classList.remove('current'));
    const id = traces[trace].id;
    const row = document.querySelector('.sequence g.step[data-trace="' + id + '"][data-step="' + step + '"]');
    if (row) row.classList.add('current');
  }

  const panel = document.getElementById('stepper');

  function go(t, s) {
    if (t !== trace || !panel.parentElement.classList.contains('finding')) {
      const finding = document.getElementById(traces[t].id);
      if (finding) finding.appendChild(panel);
    }
    trace = t;
    step = Math.max(0, Math.min(s, traces[trace].states.length - 1));
    select.value = String(trace);
    show();
  }

  traces.forEach((t, i) => {
    const option = document.createElement('option');
    option.value = String(i);
    option.textContent = t.title;
    select.appendChild(option);
  });
  select.addEventListener('change', () => go(Number(select.value), 0));
  range.addEventListener('input', () => go(trace, Number(range.value)));
  document.getElementById('step-prev').addEventListener('click', () => go(trace, step - 1));
  document.getElementById('step-next').addEventListener('click', () => go(trace, step + 1));
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement) return;
    if (e.key === 'ArrowRight') go(trace, step + 1);
    if (e.key === 'ArrowLeft') go(trace, step - 1);
  });
  // A row of a sequence diagram opens its step in the stepper.
  document.querySelectorAll('.sequence g.step').forEach((g) => {
    g.addEventListener('click', () => {
      const t = traces.findIndex((x) => x.id === g.dataset.trace);
      if (t >= 0) go(t, Number(g.dataset.step));
    });
  });
  document.querySelectorAll('button[data-open-trace]').forEach((b) => {
    b.addEventListener('click', () => {
      const t = traces.findIndex((x) => x.id === b.dataset.openTrace);
      if (t >= 0) go(t, 1);
      panel.scrollIntoView({block: 'nearest'});
    });
  });
  if (traces.length) go(0, 0);
  else panel.hidden = true;
}());
