#!/usr/bin/env node
// `npm run build` (and so `npm start`): compiles src/ and migrations/ into dist/ with swc, the
// compiler the tests run the sources with (same .swcrc). It does not type-check: that is
// `npm run typecheck`, and CI runs it. Only the files changed since their last build are compiled,
// so a start with nothing changed costs a fraction of a second; what it does is said on stderr.
//
//   node scripts/build.mjs [--out <folder>]   (default dist)
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'migrations'];
const outFlag = process.argv.indexOf('--out');
const OUT = path.resolve(ROOT, outFlag > 0 ? process.argv[outFlag + 1] : 'dist');
const say = (text) => process.stderr.write(`build: ${text}\n`);

const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
delete swcrc.$schema;
// A change of compiler or of its settings makes every earlier output stale.
const stamp = createHash('sha256').update(JSON.stringify([swc.version, swcrc])).digest('hex');
const stampFile = path.join(OUT, '.build-stamp');
const fresh = !fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp;

/** Every source file under the folders: TypeScript to compile, JSON to copy. */
function sources() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) || entry.name.endsWith('.json')) found.push(path.relative(ROOT, full));
    }
  };
  for (const dir of SOURCES) walk(path.join(ROOT, dir));
  return found;
}

const outputOf = (source) => path.join(OUT, source.endsWith('.ts') ? source.replace(/\.ts$/, '.js') : source);
const mtime = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;

const started = process.hrtime.bigint();
const all = sources();
const changed = all.filter((source) => fresh || mtime(outputOf(source)) < mtime(path.join(ROOT, source)));
if (changed.length > 0) say(`compiling ${changed.length} of ${all.length} files with swc into ${path.relative(ROOT, OUT) || '.'}/ (no type check here: npm run typecheck)`);

let failed = 0;
await Promise.all(
  changed.map(async (source) => {
    const target = outputOf(source);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (source.endsWith('.json')) return fs.copyFileSync(path.join(ROOT, source), target);
    try {
      const { code } = await swc.transformFile(path.join(ROOT, source), { ...swcrc, swcrc: false, filename: source, sourceFileName: path.relative(path.dirname(target), path.join(ROOT, source)) });
      fs.writeFileSync(target, code);
    } catch (err) {
      failed += 1;
      say(`${source}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }),
);
if (failed > 0) {
  say(`${failed} file(s) did not compile`);
  process.exit(1);
}

// Outputs whose source is gone (a file deleted or renamed) would still be loadable: removed.
const expected = new Set(all.map(outputOf));
let removed = 0;
const prune = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) prune(full);
    else if (!expected.has(full)) {
      fs.rmSync(full);
      removed += 1;
    }
  }
};
for (const dir of SOURCES) if (fs.existsSync(path.join(OUT, dir))) prune(path.join(OUT, dir));
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(stampFile, stamp);

const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
if (changed.length === 0 && removed === 0) say(`${path.relative(ROOT, OUT) || '.'}/ is up to date (${all.length} files, ${seconds} s)`);
else say(`done in ${seconds} s: ${changed.length} compiled, ${removed} stale removed`);
