import { defineConfig } from 'vitest/config';

// End-to-end tests: a real server (started once by the global setup) and Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // engine-contract.e2e.ts runs chat engines in Node against the server's WebSocket: Node 20
    // has the WebSocket global only behind this flag (Node 22 has it by default and accepts it).
    execArgv: ['--experimental-websocket'],
  },
});
