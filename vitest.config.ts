import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "rules/**/*.test.ts"],
    // Strapi's destroy() removes process listeners, which kills forked workers.
    pool: "threads",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
