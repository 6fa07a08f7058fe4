// Lint rules for Herald's TypeScript (`npm run lint`, part of `npm test`). Formatting is Prettier's
// job (.prettierrc.json), so nothing here is about layout.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'build/', '.astro/', 'tmp/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.strict,
  tseslint.configs.stylistic,
  // The one script the site sends to browsers as it is (the handbook's search box).
  { files: ['src/components/*.js'], languageOptions: { globals: { document: 'readonly', window: 'readonly' } } },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      // noUncheckedIndexedAccess makes every indexed read optional; `!` marks the reads a check above
      // has already made safe, which is how the code says so.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `const { secret: _secret, ...rest } = x` is how the code leaves a field out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
);
