// ESLint 10 flat config: `npm run lint` runs `eslint . && prettier --check .`.
// Formatting belongs to Prettier alone (.prettierrc.json); eslint-config-prettier, last, switches off
// every ESLint rule that would disagree with it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';
import local from './eslint-rules/module-boundaries.js';

// Node's globals (process, Buffer, fetch, setTimeout, …), read from the Node.js that runs ESLint, so
// they match the runtime without the `globals` package. Only plain .js files need them: for
// TypeScript, typescript-eslint turns `no-undef` off and the compiler checks names.
const nodeGlobals = Object.fromEntries(
  Object.getOwnPropertyNames(globalThis)
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
    .map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', '.data/', 'outbox/', 'test-output/']),
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    // Rules that read the syntax alone, for every file; the type-aware ones are in the next block.
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: nodeGlobals,
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      // `let x; register(() => x); x = await …` is deliberate (main.ts: the shutdown hook is installed
      // before the app exists); `const` there would throw if the hook ran first.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  // Type-aware rules for the TypeScript (src, test), typed by tsconfig.json through typescript-eslint's
  // project service. Hand-picked rather than all of `recommendedTypeChecked`: a promise nobody awaits
  // loses its error (and may outlive a request or a test), and an assertion the compiler already
  // proves hides the next real change of type. They triple the time of `eslint .` (≈ 5 s → 15 s).
  {
    files: ['**/*.ts'],
    // Only tsconfig.scripts.json includes it (for the bundle script); nothing in it to type-check.
    // docs/examples/openapi-client.ts is typed by a client generated from the live API document,
    // which exists only while test/openapi-client.e2e-spec.ts type-checks it there.
    ignores: ['scripts/*.d.ts', 'docs/examples/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Off: 42 `async` functions without an `await` are deliberate — they implement interfaces that
      // return promises (AdminJS, Nest, MikroORM) or turn a synchronous throw into a rejection.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Module boundaries (STYLE.md): another module only through its index.ts; src/infra and src/common
  // import no module. The exceptions (entities for relations, the back office) are in the rule's file.
  // Tests and benches reach into modules on purpose, to test their parts.
  {
    files: ['src/**/*.ts'],
    plugins: { local },
    rules: { 'local/module-boundaries': 'error' },
  },
  prettier,
);
