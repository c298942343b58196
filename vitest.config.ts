import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

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
    include: ["test/**/*.test.ts"],
    environment: "node",
    // One throwaway PostgreSQL cluster for the run, for the tests in test/pg/ (see the file).
    globalSetup: ["test/pg/global-setup.ts"],
  },
});
