import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // Two at a time: much of the suite waits on child processes, PostgreSQL and the fake
    // WeCom, so two workers on two cores finish sooner without starving each other.
    maxWorkers: 2,
    // Deadlines, not measurements: tests that start processes (npm start, the console, the
    // importer) must not fail because a shared machine is busy; speed lives in benchmarks.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Nothing in a test may reach the internet; tests talk to 127.0.0.1 only.
    env: { LOG_LEVEL: "silent" },
  },
});
