import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

/**
 * Two tiers. "unit": pure logic on fakes, no engine at all (npm run test:unit, DOCKER_HOST may
 * point nowhere). "docker": the integration suites against the real engine and a real server,
 * whose global setup fails loudly when no engine answers.
 */
const UNIT_TESTS = ["src/**/*.test.ts", "tests/unit/**/*.test.ts"];

export default defineConfig({
  resolve: {
    // graphql 16 ships both index.mjs and index.js; Vite picks the first, Node (and so Pothos and
    // Yoga, loaded from node_modules) the second. Two copies of graphql refuse each other's types.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: UNIT_TESTS, testTimeout: 10_000 },
      },
      {
        extends: true,
        test: {
          name: "docker",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/unit/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          // Integration tests share one Docker engine on a small machine: one file at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
