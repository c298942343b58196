/** Client JavaScript a real browser loads per page, counted in Chromium (not the build report). */
import { chromium, type Browser } from "@playwright/test";
import { gzipSync } from "node:zlib";

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
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export async function measureJs(browser: Browser, base: string, pages: { name: string; path: string }[]): Promise<JsWeight[]> {
  const out: JsWeight[] = [];
  for (const p of pages) {
    // A fresh context per page: an empty cache, as for a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const bodies: Promise<Buffer | null>[] = [];
    let last = performance.now();
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      last = performance.now();
      bodies.push(res.body().catch(() => null));
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
    const loaded = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
    out.push({
      name: p.name,
      path: p.path,
      status,
      files: loaded.length,
      rawBytes: loaded.reduce((s, b) => s + b.length, 0),
      gzipBytes: loaded.reduce((s, b) => s + gzipSync(b, { level: 6 }).length, 0),
      inlineBytes,
    });
    await context.close();
  }
  return out;
}
