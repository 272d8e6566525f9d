import { defineConfig } from 'vitest/config';

/** Browser tests: the real server on a temporary data dir, driven through Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['./test/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A page may take seconds to settle on two busy cores: expect.poll waits up to 30 s by default.
    expect: { poll: { timeout: 30_000, interval: 200 } },
    pool: 'forks',
  },
});
