// Type-aware lint: no floating promises, exhaustive switches, no import cycles, no default exports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** The layers' import floors (docs/ARCHITECTURE.md): what each layer may import of ours. */
const FLOORS = [
  { target: './src/domain', from: './src', except: ['./domain'], message: 'src/domain is pure: it imports nothing of ours.' },
  { target: './src/workflows', from: './src', except: ['./workflows', './domain'], message: 'Workflows import only src/domain: facts come in, decisions go out.' },
  { target: './src/entities', from: ['./src/services', './src/resolvers', './src/schema', './src/data'], message: 'Entities never import services, resolvers, the GraphQL schema or the data layer.' },
  { target: './src/services', from: ['./src/resolvers', './src/schema'], message: 'Services never import resolvers or the GraphQL schema: they take command types of their own; map output in resolvers or src/mappers.' },
  { target: './src/data', from: ['./src/services', './src/resolvers', './src/schema'], message: 'The data layer never imports services, resolvers or the GraphQL schema.' },
  { target: './src/schema', from: './src/services', message: 'The GraphQL schema never imports a service.' },
  { target: './src/mappers', from: ['./src/services', './src/resolvers', './src/schema', './src/data'], message: 'Mappers turn entities into views and call nothing.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', '.stryker-tmp/**', '.data/**', 'bench/**', 'scripts/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-default-export': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // Who may do what is decided in src/auth (the policy and its decision point) and by the workflow
    // guards, nowhere else: services and resolvers neither raise refusals of their own nor read the
    // viewer's roles, admin flag or delegations.
    files: ['src/**/*.ts'],
    ignores: ['src/auth/**', 'src/errors/**', 'src/app.ts', 'src/resolvers/viewer.resolver.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/errors/app-errors'],
              importNames: ['forbidden', 'unauthenticated'],
              message: 'Refusals come from the decision point: authorize() in src/auth/authority.ts.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: ':matches(MemberExpression[object.name="viewer"], MemberExpression[object.property.name="viewer"])[property.name=/^(areaRoles|isGlobalAdmin|delegations)$/]',
          message: 'Who may do what is the policy\'s (src/auth/policy.ts): ask can() or authorize().',
        },
      ],
    },
  },
  {
    // The floors: what each layer may import. The domain imports nothing of ours, the workflows
    // only the domain; entities know nothing of the API or the services; services know nothing of
    // GraphQL (they take commands of their own); SQL and loaders (src/data) serve the services and
    // never call them; the GraphQL schema calls no service; mappers turn entities into views.
    files: ['src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: FLOORS }] },
  },
  {
    files: ['tests/support/global-setup.ts', 'tests/support/global-teardown.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
