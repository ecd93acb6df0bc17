// Where one audit's time goes in the real browser: a default audit of a stand-in profile (headless
// Chromium, the packaged extension, the browser tests' settings: pacing 20 ms), from the click on
// "Audit followers" to its end. Per request: wall time, and the CPU of the background service worker
// and of the page (its content script included), from the DevTools protocol (Profiler samples on
// each target; Performance.getMetrics on the page). Then the functions with the most self time.
// With --calls: how many times the functions named in CALLS ran per request instead (V8's precise
// coverage with call counts: figures that a loaded machine does not blur; its CPU figures are then
// not the extension's own, the counting slows it). An async function counts once per call and once
// more per await it resumes from (analyzeDoc, one await: 2 a call; engine.js call, one: 2 a call).
// Usage: node tests/bench/audit-browser.mjs [username] [--top N] [--runs N] [--calls] [--json FILE]
import fs from 'node:fs';
import { openSuite, waitForBadge, waitForOverlay, openPanel, clickPart, PANEL } from '../e2e/lib/index.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const username = args[0] && !args[0].startsWith('--') ? args[0] : 'fitqueen_daily';
const TOP = Number(arg('--top', 15));
const RUNS = Number(arg('--runs', 1));
const CALLS = args.includes('--calls');
// What --calls counts: the engine's calls and the reads behind each step's estimate in the worker,
// the drawing of the panel and the badge, and what of it the page laid out again.
const COUNTED = { worker: ['call', 'analyzeDoc', 'estimate', 'refreshEstimates', 'getDoc'],
                  page: ['render', 'renderPanel', 'redrawKeepingFocus', 'replaceKeepingFocus', 'renderBadge', 'redrawInPlace', 'pluralForm'] };

// Calls per function name (of the extension's own scripts), from precise coverage.
function callCounts(coverage, names) {
  const out = Object.fromEntries(names.map((n) => [n, 0]));
  for (const script of coverage.result) {
    if (!/chrome-extension:/.test(script.url)) continue;
    for (const fn of script.functions) if (fn.functionName in out) out[fn.functionName] += fn.ranges[0].count;
  }
  return out;
}

// Self time per function (ms) from a CDP Profiler profile, keyed "name url:line".
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const out = new Map(), incl = new Map();
  let idle = 0, total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const f = byId.get(id).callFrame;
    total += dt;
    if (f.functionName === '(idle)' || f.functionName === '(program)') { if (f.functionName === '(idle)') idle += dt; }
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    out.set(key, (out.get(key) || 0) + dt);
    // Inclusive: each function once per sample, wherever it is on the stack.
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const cf = byId.get(n).callFrame;
      if (!cf.url || cf.url.startsWith('pptr:')) continue;
      const k = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + dt); }
    }
  });
  return { fns: out, incl, busy: total - idle, total };
}

async function profiled(cdp) {
  await cdp.send('Profiler.enable');
  if (CALLS) {
    await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    return async () => {
      const coverage = await cdp.send('Profiler.takePreciseCoverage');
      await cdp.send('Profiler.stopPreciseCoverage');
      return { coverage, nodes: [], samples: [], timeDeltas: [] };
    };
  }
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile;
}

const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;
const suite = await openSuite({});
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    await suite.resetExtension();
    const page = await suite.session.newPage();
    await page.goto(suite.standin.profileUrl(username));
    await waitForBadge(page);
    await openPanel(page);
    const swTarget = await suite.session.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${suite.session.extensionId}/`));
    const sw = await swTarget.createCDPSession();
    const pg = await page.createCDPSession();
    await pg.send('Performance.enable');
    const stopSw = await profiled(sw), stopPg = await profiled(pg);
    const m0 = await pg.send('Performance.getMetrics');
    const before = suite.standin.log().length;
    const t0 = Date.now();
    await clickPart(page, PANEL, 'audit-button');
    await waitForOverlay(page, (s) => s.progress !== null && !s.auditRunning && s.progress === s.progressMax,
      { timeout: 300_000, what: `audit of @${username} to end` });
    const wall = Date.now() - t0;
    const m1 = await pg.send('Performance.getMetrics');
    const [swProf, pgProf] = [await stopSw(), await stopPg()];
    const requests = suite.standin.log().slice(before).filter((e) => e.kind === 'api').length;
    const swT = selfTimes(swProf), pgT = selfTimes(pgProf);
    results.push({
      ...(CALLS ? { callsPerRequest: {
        worker: Object.fromEntries(Object.entries(callCounts(swProf.coverage, COUNTED.worker)).map(([k, v]) => [k, v / requests])),
        page: Object.fromEntries(Object.entries(callCounts(pgProf.coverage, COUNTED.page)).map(([k, v]) => [k, v / requests])),
      } } : {}),
      username, requests, wallMs: wall, perRequestWallMs: wall / requests,
      workerCpuMs: swT.busy, perRequestWorkerCpuMs: swT.busy / requests,
      pageCpuMs: pgT.busy, perRequestPageCpuMs: pgT.busy / requests,
      pageTaskMs: (metric(m1, 'TaskDuration') - metric(m0, 'TaskDuration')) * 1000,
      pageScriptMs: (metric(m1, 'ScriptDuration') - metric(m0, 'ScriptDuration')) * 1000,
      pageLayoutMs: (metric(m1, 'LayoutDuration') - metric(m0, 'LayoutDuration')) * 1000,
      pageStyleMs: (metric(m1, 'RecalcStyleDuration') - metric(m0, 'RecalcStyleDuration')) * 1000,
      topWorker: [...swT.fns].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, TOP),
      inclWorker: [...swT.incl].sort((a, b) => b[1] - a[1]).slice(0, TOP),
      inclPage: [...pgT.incl].sort((a, b) => b[1] - a[1]).slice(0, TOP),
      topPage: [...pgT.fns].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, TOP),
    });
    await sw.detach().catch(() => {});
    await page.close();
  }
} finally {
  await suite.close();
}

const f = (v) => v.toFixed(1);
for (const r of results) {
  console.log(`audit of @${r.username}: ${r.requests} requests in ${f(r.wallMs / 1000)} s: ${f(r.perRequestWallMs)} ms wall per request`);
  if (r.callsPerRequest) {
    for (const [where, counts] of Object.entries(r.callsPerRequest)) {
      console.log(`  calls per request, ${where}: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
    }
    continue;
  }
  console.log(`  CPU per request: service worker ${f(r.perRequestWorkerCpuMs)} ms, page ${f(r.perRequestPageCpuMs)} ms` +
    ` (page tasks ${f(r.pageTaskMs / r.requests)} ms: script ${f(r.pageScriptMs / r.requests)}, layout ${f(r.pageLayoutMs / r.requests)}, style ${f(r.pageStyleMs / r.requests)})`);
  console.log('  service worker, self time (whole audit):');
  for (const [k, ms] of r.topWorker) console.log(`    ${f(ms).padStart(8)} ms  ${k}`);
  console.log('  page, self time (whole audit):');
  for (const [k, ms] of r.topPage) console.log(`    ${f(ms).padStart(8)} ms  ${k}`);
  console.log('  service worker, extension functions by inclusive time:');
  for (const [k, ms] of r.inclWorker) console.log(`    ${f(ms).padStart(8)} ms  ${k}`);
  console.log('  page, extension functions by inclusive time:');
  for (const [k, ms] of r.inclPage) console.log(`    ${f(ms).padStart(8)} ms  ${k}`);
}
const json = arg('--json', null);
if (json) fs.writeFileSync(json, JSON.stringify(results, null, 1) + '\n');
