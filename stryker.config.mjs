// Mutation testing of the rules (`npm run mutation`, scripts/mutation.mjs; README "Mutation
// testing"). Each scope names the rule modules it mutates and the test files that exercise them,
// without a database (tests/rules/) or through the API; MUTATION_SCOPE picks some (default: all of
// them, which takes hours).
//
// Mutants of code that runs when a module loads or a test file starts (the policy table's rows,
// the definitions' data, compiling the workflows) are "static": Stryker can only try them against
// every test of the scope, so they are left out unless MUTATION_STATIC=1. Those rows are guarded by
// the generated tests (tests/security/*-generated.test.ts, tests/workflows/typed-inputs-from-the-rules.test.ts).
// A mutant is switched on as each test starts: what a `beforeAll` computes with the mutated code is
// computed without the mutant, so a test judges what it builds itself (a fixture world's rows are
// read in `beforeAll`, the records described to the policy in each test).
//
// Mutants shown to be equivalent — no input can tell them from the code — are marked where they
// stand (`// Stryker disable next-line <mutators>: why`) and listed here:
// - src/workflows/engine.ts, `types: { events: {} as MachineEvent }` emptied: a declaration of types
//   for the compiler; XState reads nothing of it at run time.
// - src/workflows/engine.ts, the check that the machine reached the transition's target (condition
//   and message): the machine is compiled from the same definition, so it always does; the check
//   guards a later change to the compilation.
// - src/workflows/workflow-problems.ts, `stageName`: `c.stage(key)?.label` without `?.`: a stage is
//   named in a problem's words only when the definition has it.
// - src/workflows/workflow-problems.ts, `structuralCs`: `p.stage ?? ''` with another string: every
//   structural problem worded with its stage carries one (UNKNOWN_GUARD, the only one without, does
//   not name a stage).
// - src/auth/authority.ts, empty lists of ids (a person's or a seat's organisation, a record's people
//   or organisations, the viewer without delegations in onBehalfOf, a body reference's bodies) given
//   a placeholder string: no id is that string, and a string is no delegation.
// - src/auth/authority.ts, `represents` with its `areaId !== null` guard always true: with no area,
//   no person and no seat is found either. `before`'s `{ areaId: null }` emptied: the conditions
//   judged there never read the record. `visibleFilter`'s alias for reading the bound values: they do
//   not depend on it.

/**
 * `score`: the scope's last recorded mutation score (README, "Mutation testing"), below which a run
 * of it fails; null while the scope has not been measured to the standard. Raise it, never lower it.
 * @type {Record<string, { mutate: string[]; tests: string[]; score: number | null }>}
 */
const SCOPES = {
  // The pure rule modules, with tests that need no database (tests/rules/, written from the rules;
  // a mutant is tried in about a second).
  history: {
    mutate: ['src/workflows/history-hash.ts'],
    tests: ['tests/rules/history-hash.test.ts'],
    score: 100,
  },
  guards: {
    mutate: ['src/workflows/workflow-guards.ts'],
    tests: ['tests/rules/guard-catalogue.test.ts', 'tests/workflows/workflow-problems.test.ts', 'tests/workflows/workflow-definitions.test.ts'],
    score: 100,
  },
  engine: {
    mutate: ['src/workflows/engine.ts'],
    tests: ['tests/rules/engine.test.ts', 'tests/rules/meeting-rules.test.ts'],
    score: 100,
  },
  definitions: {
    mutate: ['src/workflows/workflow-problems.ts', 'src/workflows/workflow-compiler.ts', 'src/workflows/workflow-definition.ts'],
    tests: ['tests/rules/workflow-definitions-rules.test.ts', 'tests/workflows/workflow-problems.test.ts', 'tests/workflows/workflow-definitions.test.ts'],
    score: 100,
  },
  meetingRules: {
    mutate: ['src/workflows/meeting.workflow.ts', 'src/domain/quorum.ts', 'src/domain/meeting-record.ts'],
    tests: ['tests/rules/meeting-rules.test.ts', 'tests/rules/quorum.test.ts', 'tests/rules/meeting-record.test.ts'],
    score: 100,
  },
  hygiene: {
    mutate: ['src/security/input-hygiene.ts'],
    tests: ['tests/rules/input-hygiene.test.ts'],
    score: 100,
  },
  facts: {
    mutate: ['src/workflows/transition-facts.ts'],
    tests: ['tests/rules/transition-facts.test.ts'],
    score: 100,
  },
  // The decision point and the policy's vocabulary for one record, the shield and the refusals; the
  // SQL form against the single-record rule (that test evaluates the SQL in PostgreSQL, on no table).
  decision: {
    mutate: ['src/auth/authority.ts', 'src/auth/conditions.ts'],
    tests: ['tests/rules/decision-point.test.ts', 'tests/rules/policy-sql-form.test.ts'],
    score: 100,
  },
  // How records are described to the policy (src/auth/resources.ts): each SQL form against the
  // builders on the service's own tables, one fixture world (a list filtered by a SQL form holds
  // exactly the records `can` admits one by one), and the builders with plain viewers.
  visibility: {
    mutate: ['src/auth/resources.ts'],
    tests: ['tests/auth/resource-sql-forms.test.ts', 'tests/rules/decision-point.test.ts'],
    score: 100,
  },
  // The rest through the API on PostgreSQL (a mutant costs the fixture worlds of its test files).
  // What remains of the meeting and minutes services, their rules being in src/domain/meeting-record.ts
  // (scope meetingRules): loading, the policy's calls, persisting and notifying. 449 mutants.
  meetings: {
    mutate: ['src/services/meeting.service.ts', 'src/services/minutes.service.ts'],
    tests: ['tests/meetings/conveners.test.ts', 'tests/meetings/meetings.test.ts', 'tests/meetings/minutes.test.ts', 'tests/meetings/meeting-record-rules.test.ts'],
    score: null,
  },
  authority: {
    mutate: ['src/auth/authority.ts', 'src/auth/conditions.ts', 'src/auth/policy.ts'],
    tests: ['tests/meetings/conveners.test.ts', 'tests/security/areas-of-one-login.test.ts', 'tests/proposals/conflict-of-interest.test.ts', 'tests/security/authority-generated.test.ts'],
    score: null,
  },
};

const names = (process.env.MUTATION_SCOPE ?? Object.keys(SCOPES).join(',')).split(',').map((name) => name.trim());
const picked = names.map((name) => {
  const scope = SCOPES[name];
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
  // Results are kept in the repo, one file for each set of scopes run together: a later run of the
  // same scopes tries again only the mutants whose code or tests changed (`-- --force` tries them all).
  incremental: true,
  incrementalFile: `mutation/${process.env.MUTATION_SCOPE ? [...new Set(names)].sort().join('+') : 'all'}.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // `break`: the run fails below the lowest recorded score of the scopes it runs (0 when one of them
  // has none yet).
  thresholds: { high: 90, low: 80, break: Math.min(...picked.map((scope) => scope.score ?? 0)) },
};
