// Lints many messages with the real commitlint libraries in ONE node process, the same way
// @commitlint/cli does for each message (load config from --cwd, parserOpts from the preset,
// commentChar set in edit mode, whitespace-only input rejected). Usage:
//   node batch.mjs <input.json> <output.json>
// input: {"cwd": "...", "cases": [{"message": "...", "commentChar": null | "#"}]}
import fs from 'node:fs';
import load from '@commitlint/load';
import lint from '@commitlint/lint';

const [, , inFile, outFile] = process.argv;
const input = JSON.parse(fs.readFileSync(inFile, 'utf8'));
const loaded = await load({}, { cwd: input.cwd });
const baseParserOpts = loaded.parserPreset ? (loaded.parserPreset.parserOpts ?? {}) : {};
const out = [];
for (const c of input.cases) {
  if (c.message.trim() === '') {
    out.push({ valid: false, errors: [{ level: 2, name: 'input-required', message: '' }], warnings: [] });
    continue;
  }
  const opts = {
    parserOpts: { ...baseParserOpts },
    plugins: loaded.plugins ?? {},
    ignores: loaded.ignores ?? [],
    defaultIgnores: loaded.defaultIgnores !== false,
  };
  if (c.commentChar !== null && c.commentChar !== undefined) {
    opts.parserOpts.commentChar = c.commentChar;
  }
  try {
    const r = await lint(c.message, loaded.rules, opts);
    const strip = (p) => ({ level: p.level, name: p.name, message: p.message });
    out.push({ valid: r.valid, errors: r.errors.map(strip), warnings: r.warnings.map(strip), input: r.input });
  } catch (e) {
    out.push({ crash: String(e && e.message) });
  }
}
fs.writeFileSync(outFile, JSON.stringify(out));
