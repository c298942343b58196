/** Client JavaScript a real browser loads per page, counted in Chromium (not the build report). */
import { chromium, type Browser } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";

export type JsWeight = {
  name: string;
  path: string;
  status: number;
  /** External script files fetched while the page loads and settles. */
  files: number;
  rawBytes: number;
  /** The same bodies gzipped here (level 6, as a server would), so it does not depend on the server's encoding. */
  gzipBytes: number;
  /** Inline <script> text in the HTML (mostly the React Server Components payload), in bytes. */
  inlineBytes: number;
  /** Of gzipBytes, the files every page loads (Next's rootMainFiles: React, the router, the runtime). */
  frameworkGzipBytes: number;
  /** Each file, for finding where the bytes go. */
  scripts: { file: string; rawBytes: number; gzipBytes: number }[];
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Which script URLs are the framework's, from the build's manifest. Only used to label the files
 * the browser loaded; the counting itself is done in Chromium.
 */
export function frameworkScripts(projectDir: string): Set<string> {
  try {
    const manifest = z
      .object({ rootMainFiles: z.array(z.string()) })
      .parse(JSON.parse(readFileSync(join(projectDir, ".next", "build-manifest.json"), "utf8")));
    return new Set(manifest.rootMainFiles.map((f) => `/_next/${f}`));
  } catch {
    return new Set();
  }
}

export async function measureJs(
  browser: Browser,
  base: string,
  pages: { name: string; path: string }[],
  framework = new Set<string>(),
): Promise<JsWeight[]> {
  const out: JsWeight[] = [];
  for (const p of pages) {
    // A fresh context per page: an empty cache, as for a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const bodies: Promise<{ file: string; body: Buffer } | null>[] = [];
    let last = performance.now();
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      last = performance.now();
      const file = new URL(res.url()).pathname;
      bodies.push(
        res.body().then(
          (body) => ({ file, body }),
          () => null,
        ),
      );
    });
    // Not "networkidle": a tracker polls for live updates, so the network never goes quiet.
    // Instead: the load event, then until no script has arrived for 1.5 s (at most 10 s).
    const res = await page.goto(base + p.path, { waitUntil: "load" });
    const settleBy = performance.now() + 10_000;
    while (performance.now() - last < 1500 && performance.now() < settleBy) await page.waitForTimeout(250);
    const status = res?.status() ?? 0;
    const inlineBytes = await page.evaluate(() =>
      [...document.querySelectorAll("script:not([src])")].reduce((n, s) => n + new TextEncoder().encode(s.textContent ?? "").length, 0),
    );
    const scripts = (await Promise.all(bodies))
      .filter((b) => b !== null)
      .map(({ file, body }) => ({ file, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length }));
    out.push({
      name: p.name,
      path: p.path,
      status,
      files: scripts.length,
      rawBytes: scripts.reduce((s, b) => s + b.rawBytes, 0),
      gzipBytes: scripts.reduce((s, b) => s + b.gzipBytes, 0),
      frameworkGzipBytes: scripts.filter((s) => framework.has(s.file)).reduce((s, b) => s + b.gzipBytes, 0),
      inlineBytes,
      scripts,
    });
    await context.close();
  }
  return out;
}
