// ESLint 10 flat config: `npm run lint` runs `eslint . && prettier --check .`.
// Formatting belongs to Prettier alone (.prettierrc.json); eslint-config-prettier, last, switches off
// every ESLint rule that would disagree with it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

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
    // Not `recommendedTypeChecked` (yet): the type-aware rules need a full program per run and are
    // slow and noisy to start with.
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
  prettier,
);
