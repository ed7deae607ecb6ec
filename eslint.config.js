import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage', 'test-results', '.ci', 'tmp', 'web/dist'] },
  ...tseslint.configs.recommended,
  {
    // The web app (web/): TypeScript and TSX, in the browser.
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The domain core is pure: no I/O, no storage, no HTTP.
    files: ['src/domain/**/*.ts', 'src/jurisdictions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/store/**', '**/api/**', '**/services/**', '**/cli/**', '**/importers/**', '**/demo/**'], message: 'The domain core imports nothing outside itself.' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'pg', '@electric-sql/*', 'fastify', 'node:net', 'node:http'], message: 'The domain core does no I/O.' },
        ],
      }],
    },
  },
);
