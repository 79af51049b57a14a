// In-process throughput of the real commitlint libraries (@commitlint/lint + load, config loaded
// once): node throughput.mjs FILE ROUNDS -> "<messages> <ns per message> <errors>" (fastest round).
// Run from the commitlint install directory so the imports resolve.
import fs from 'node:fs';
import load from '@commitlint/load';
import lint from '@commitlint/lint';

const [, , file, roundsArg] = process.argv;
const msgs = fs.readFileSync(file, 'utf8').split('\0');
const loaded = await load({ extends: ['@commitlint/config-conventional'] });
const opts = { parserOpts: loaded.parserPreset?.parserOpts ?? {}, defaultIgnores: true };
let best = Infinity;
let errors = 0;
for (let r = 0; r < Number(roundsArg); r++) {
  const t0 = process.hrtime.bigint();
  let e = 0;
  for (const m of msgs) {
    if (m.trim() === '') continue;
    e += (await lint(m, loaded.rules, opts)).errors.length;
  }
  const dt = Number(process.hrtime.bigint() - t0);
  best = Math.min(best, dt);
  errors = e;
}
console.log(`${msgs.length} ${Math.round(best / msgs.length)} ${errors}`);
