// Lint rules for Herald's TypeScript (`npm run lint`, part of `npm test`). Formatting is Prettier's
// job (.prettierrc.json), so nothing here is about layout.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'build/', '.astro/', 'tmp/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.strict,
  tseslint.configs.stylistic,
  // The one script the site sends to browsers as it is (the handbook's search box).
  { files: ['src/components/*.js'], languageOptions: { globals: globals.browser } },
  {
    languageOptions: { globals: globals.node },
    rules: {
      // noUncheckedIndexedAccess makes every indexed read optional; `!` marks the reads a check above
      // has already made safe, which is how the code says so.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `const { secret: _secret, ...rest } = x` is how the code leaves a field out of a copy.
      // The ledger's entries are a record keyed by post and channel, changed in place under its lock:
      // an entry leaves it by `delete`.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // A fake server's handler reads the fake it belongs to, which is assigned once the server exists.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
