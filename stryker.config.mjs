// Mutation testing of the rules (`npm run mutation`, scripts/mutation.mjs; README "Mutation
// testing"). Each scope names the rule modules it mutates and the test files that exercise them
// through the API; MUTATION_SCOPE picks one (default: all of them, which takes hours).
//
// Mutants of code that runs when a module loads or a test file starts (the policy table's rows,
// the definitions' data, compiling the workflows) are "static": Stryker can only try them against
// every test of the scope, so they are left out unless MUTATION_STATIC=1. Those rows are guarded by
// the generated tests (tests/security/*-generated.test.ts, tests/workflows/typed-inputs-from-the-rules.test.ts).

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
const SCOPES = {
  // The pure rule modules, with tests that need no database (tests/rules/, written from the rules;
  // a mutant is tried in about a second).
  history: {
    mutate: ['src/workflows/history-hash.ts'],
    tests: ['tests/rules/history-hash.test.ts'],
  },
  guards: {
    mutate: ['src/workflows/workflow-guards.ts'],
    tests: ['tests/rules/guard-catalogue.test.ts', 'tests/workflows/workflow-problems.test.ts', 'tests/workflows/workflow-definitions.test.ts'],
  },
  engine: {
    mutate: ['src/workflows/engine.ts'],
    tests: ['tests/rules/engine.test.ts', 'tests/rules/meeting-rules.test.ts', 'tests/workflows/workflow-problems.test.ts'],
  },
  definitions: {
    mutate: ['src/workflows/workflow-problems.ts', 'src/workflows/workflow-compiler.ts', 'src/workflows/workflow-definition.ts'],
    tests: ['tests/workflows/workflow-problems.test.ts', 'tests/workflows/workflow-definitions.test.ts'],
  },
  meetingRules: {
    mutate: ['src/workflows/meeting.workflow.ts', 'src/domain/quorum.ts'],
    tests: ['tests/rules/meeting-rules.test.ts', 'tests/rules/quorum.test.ts'],
  },
  hygiene: {
    mutate: ['src/security/input-hygiene.ts'],
    tests: ['tests/rules/input-hygiene.test.ts'],
  },
  // The rest through the API on PostgreSQL (a mutant costs the fixture worlds of its test files).
  workflows: {
    mutate: ['src/workflows/transition-facts.ts'],
    tests: [
      'tests/workflows/workflow-definitions.test.ts',
      'tests/workflows/typed-inputs-from-the-rules.test.ts',
      'tests/proposals/conflict-of-interest.test.ts',
      // The hearing guard's refusals; each chair's power judged for the body of its own kind.
      'tests/plans/hearing.test.ts',
      'tests/security/workflow-authority-generated.test.ts',
    ],
  },
  meetings: {
    mutate: ['src/workflows/meeting.workflow.ts', 'src/services/meeting.service.ts', 'src/services/minutes.service.ts'],
    tests: ['tests/meetings/conveners.test.ts', 'tests/meetings/meetings.test.ts', 'tests/meetings/minutes.test.ts'],
  },
  authority: {
    mutate: ['src/auth/authority.ts', 'src/auth/conditions.ts', 'src/auth/policy.ts', 'src/auth/resources.ts'],
    tests: ['tests/meetings/conveners.test.ts', 'tests/security/areas-of-one-login.test.ts', 'tests/proposals/conflict-of-interest.test.ts', 'tests/security/authority-generated.test.ts'],
  },
};

const picked = (process.env.MUTATION_SCOPE ?? Object.keys(SCOPES).join(',')).split(',').map((name) => {
  const scope = SCOPES[name.trim()];
  if (!scope) throw new Error(`MUTATION_SCOPE: no scope "${name}" (${Object.keys(SCOPES).join(', ')})`);
  return scope;
});

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: false,
    config: { testMatch: [...new Set(picked.flatMap((s) => s.tests))].map((file) => `<rootDir>/${file}`) },
  },
  mutate: [...new Set(picked.flatMap((s) => s.mutate))],
  coverageAnalysis: 'perTest',
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Results are kept in the repo: a later run tries again only the mutants whose code or tests
  // changed (`-- --force` tries them all).
  incremental: true,
  incrementalFile: 'mutation/incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // `break`: the run fails below the last recorded score (README, "Mutation testing"); raise it, never lower it.
  thresholds: { high: 90, low: 80, break: 69 },
};
