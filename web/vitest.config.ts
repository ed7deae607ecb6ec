import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The web app's tests (browser tests drive Debian's chromium). `npm run test:web` runs them on their own;
// the root vitest.config.ts picks them up once 'web/tests/**/*.test.ts' is in its include list.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['web/tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
