import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Nothing in a test may reach the internet; tests talk to 127.0.0.1 only.
    env: { LOG_LEVEL: "silent" },
  },
});
