import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // Two at a time: much of the suite waits on child processes, PostgreSQL and the fake
    // WeCom, so two workers on two cores finish sooner without starving each other.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Nothing in a test may reach the internet; tests talk to 127.0.0.1 only.
    env: { LOG_LEVEL: "silent" },
  },
});
