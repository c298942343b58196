/**
 * Takes desktop (1280 px) and phone (390 px) screenshots of each page type into screenshots/.
 * Usage: BASE_URL=http://127.0.0.1:3000 npx tsx scripts/screenshots.ts [/path ...]
 * For the editors' desk, sign in first: ADMIN_EMAIL=… ADMIN_PASSWORD=… … scripts/screenshots.ts /admin …
 */
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { z } from "zod";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const paths = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      "/",
      "/articles",
      "/articles/ckfta-explainer",
      "/articles/ckfta-from-deal-to-force",
      "/articles/cambodia-trade-agreements-2026",
      "/articles/korea-japan-trade-since-2021",
      "/agreements",
      "/agreements/ckfta",
      "/partners/KOR",
      "/partners/JPN",
      "/topics/korea",
      "/figures/1",
      "/search?q=rules+of+origin",
      "/data",
      "/data/api",
      "/embed/chart",
      "/nope",
    ];
const scheme = z.enum(["light", "dark"]).parse(process.env.COLOR_SCHEME ?? "light");

mkdirSync("screenshots", { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
for (const [name, width] of [
  ["desktop", 1280],
  ["phone", 390],
] as const) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
    await page.goto(`${base}/admin/sign-in`);
    await page.getByLabel("Email").fill(process.env.ADMIN_EMAIL);
    await page.getByLabel("Password").fill(process.env.ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/admin/sign-in"));
  }
  for (const p of paths) {
    await page.goto(base + p, { waitUntil: "load" });
    await page.waitForTimeout(300);
    const file = `screenshots/${name}-${scheme}${p === "/" ? "-front" : p.replace(/[^a-z0-9]+/gi, "-")}.png`;
    await page.screenshot({ path: file, fullPage: process.env.FULL === "1" });
    console.log(file);
  }
  await page.close();
}
await browser.close();
