import fs from 'node:fs';
import path from 'node:path';

/**
 * The benchmark's scripts run outside the suite (minutes each) and take pieces of the service from
 * its build (`dist('src/….js')`). A piece renamed or removed would break them unnoticed until the
 * next benchmark: every name they take must still be exported by the module they take it from.
 */
const ROOT = path.resolve(__dirname, '../..');
const SCRIPTS = ['bench', 'bench/servers'].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => path.join(dir, f)),
);
const TAKES = /const \{([^}]+)\} = dist\('(src\/[^']+)\.js'\)/g;

test('every name the benchmark scripts take from the build is exported there', () => {
  const taken = SCRIPTS.flatMap((script) =>
    [...fs.readFileSync(path.join(ROOT, script), 'utf8').matchAll(TAKES)].flatMap(([, names, module]) =>
      names.split(',').map((n) => ({ script, module, name: n.trim().split(':')[0].trim() })),
    ),
  );
  expect(taken.length).toBeGreaterThan(5);
  const missing = taken.filter(({ module, name }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(ROOT, module)) as Record<string, unknown>;
    return exported[name] === undefined;
  });
  expect(missing).toEqual([]);
});
