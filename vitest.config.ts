import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The storage suites share one PostgreSQL server; files run in parallel, tests in a file don't.
    testTimeout: 20_000,
  },
});
