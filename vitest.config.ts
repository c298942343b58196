import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * The data layer's tests: written once against db/client.ts and test/support/test-database.ts,
 * they run in both projects below, once on SQLite and once on PostgreSQL.
 */
const DATA_LAYER = [
  "test/db.test.ts",
  "test/mutations.test.ts",
  "test/throttle.test.ts",
  "test/figure-domain.test.ts",
  "test/search-index.test.ts",
  "test/record-2026.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React server bundle; unit tests import server modules directly.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
      // Loaders declare cache tags with next/cache, which only works inside a Next render.
      "next/cache": fileURLToPath(new URL("./test/next-cache-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // One throwaway PostgreSQL cluster and the seeded templates of both engines for the run (see the file).
    globalSetup: ["test/pg/global-setup.ts"],
    projects: [
      // Every unit test, the data layer's on SQLite (the embedded default).
      {
        extends: true,
        test: { name: "sqlite", include: ["test/**/*.test.ts"], exclude: ["test/pg/**"], env: { CTM_TEST_ENGINE: "sqlite" } },
      },
      // The data layer's tests again on PostgreSQL, and PostgreSQL's own (test/pg/).
      { extends: true, test: { name: "postgres", include: [...DATA_LAYER, "test/pg/**/*.test.ts"], env: { CTM_TEST_ENGINE: "postgres" } } },
    ],
  },
});
