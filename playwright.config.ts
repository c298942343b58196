import { defineConfig, devices } from "@playwright/test";
import { E2E_CLUSTER, E2E_PORT } from "./e2e/env";

// Debian's Chromium (apt-get install chromium): Playwright cannot download its own browser here.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const launchOptions = {
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "off",
    launchOptions,
  },
  projects: [
    E2E_CLUSTER
      ? // E2E_CLUSTER=1 (Varnish, two app processes, Redis; e2e/serve.ts): the editor's day and the cluster's own checks.
        { name: "cluster", testMatch: /(editor|cluster)\.spec\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions } }
      : // One `next start` (the embedded default): every spec but the cluster's.
        { name: "desktop", testIgnore: /cluster\.spec\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions } },
  ],
  webServer: {
    // Builds and serves the production app on its own temporary database (see e2e/serve.ts).
    command: "npx tsx e2e/serve.ts",
    url: `http://127.0.0.1:${E2E_PORT}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    // serve.ts stops what it started (in cluster mode Redis, Varnish and two app processes).
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
