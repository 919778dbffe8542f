#!/usr/bin/env node
// `npm test`: every stage runs, even after one fails, so a unit failure cannot hide whether the
// browsers and packages pass; a summary of all stages (with their times) ends the run, and the exit
// status fails when any stage failed. `node scripts/test-all.mjs unit e2e` runs only those stages.
import { spawnSync } from 'node:child_process';

/** Each stage: a name and the command it runs (npm scripts of package.json, or a zone of the unit suite). */
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Apia'];
const STAGES = [
  { name: 'lint', command: 'npm run -s lint' },
  { name: 'typecheck', command: 'npm run -s typecheck' },
  // Properties that do not depend on the machine's zone run a quarter of their cases in the extra zones
  // (tests/unit/property-runs.ts); date properties run in full in each.
  ...ZONES.map((zone, index) => ({
    name: `unit TZ=${zone}`,
    group: 'unit',
    command: 'npx vitest run',
    env: { TZ: zone, ...(index > 0 && { PROPERTY_RUNS_SCALE: '0.25' }) },
  })),
  { name: 'caldav (Radicale)', group: 'caldav', command: 'npm run -s test:caldav' },
  { name: 'webdav (lighttpd)', group: 'webdav', command: 'npm run -s test:webdav' },
  { name: 'e2e Chromium', group: 'e2e', command: 'npm run -s test:e2e' },
  { name: 'Firefox', group: 'firefox', command: 'npm run -s test:firefox' },
  { name: 'packages', group: 'packages', command: 'npm run -s test:packages' },
];

const only = process.argv.slice(2);
const chosen = only.length ? STAGES.filter((stage) => only.includes(stage.group ?? stage.name)) : STAGES;
if (chosen.length === 0) {
  console.error(`No stage named ${only.join(', ')}; stages: ${[...new Set(STAGES.map((s) => s.group ?? s.name))].join(', ')}`);
  process.exit(2);
}

const results = [];
for (const stage of chosen) {
  console.log(`\n=== ${stage.name}: ${stage.command} ===`);
  const started = Date.now();
  const run = spawnSync(stage.command, { shell: true, stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const seconds = (Date.now() - started) / 1000;
  const ok = run.status === 0;
  results.push({ name: stage.name, ok, seconds });
  console.log(`=== ${stage.name}: ${ok ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds.toFixed(0)} s ===`);
}

const width = Math.max(...results.map((r) => r.name.length));
console.log('\nSummary of npm test');
for (const { name, ok, seconds } of results)
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\nstages: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
