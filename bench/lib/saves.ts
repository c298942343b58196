/**
 * Save → visible: an editor corrects Cambodia's 2018 exports to Korea (IMF), which recomputes the
 * derived 2018 total that the CKFTA explainer quotes. For each save we time, from the moment the
 * save's HTTP response has been read, until an anonymous GET of every affected page shows the new
 * total: the story, the partner page (its chart of totals) and the figure's own page.
 *
 * The first save goes through the real form in Chromium and is captured (as e2e/users.ts does);
 * the measured saves replay that server-action request over plain HTTP with the editor's
 * cookies, a new value and the row's current version, so the browser's own speed is not measured.
 */
import type { Browser, Request } from "@playwright/test";
import { z } from "zod";
import { formatMillions } from "@/lib/format/number";
import { openRawSql } from "../../test/support/raw-sql";
import { get } from "./http";
import { summarize, type Summary } from "./stats";

export type SaveResult = {
  method: string;
  saves: number;
  failed: number;
  /** ms from the save response to the new value on every affected page. */
  visible: Summary;
  /** Same, per page. */
  perPage: Record<string, Summary>;
  /** ms the save request itself took. */
  save: Summary;
};

const Row = z.object({ id: z.number(), value: z.number(), version: z.number() });

/** US$ millions as the form takes them: "1033.500000". */
export function millionsField(dollars: number): string {
  return `${Math.floor(dollars / 1e6)}.${String(dollars % 1e6).padStart(6, "0")}`;
}

/** Replaces the value of a multipart form field (React prefixes field names, e.g. "_1_value"). */
export function setMultipartField(body: string, field: string, value: string): string {
  const re = new RegExp(`(name="(?:_?\\d+_)?${field}"\\r\\n\\r\\n)[^\\r]*`);
  if (!re.test(body)) {
    const names = [...body.matchAll(/name="([^"]*)"/g)].map((m) => m[1]).join(", ");
    throw new Error(`form field ${field} not found in the captured request (fields: ${names || body.slice(0, 200)})`);
  }
  return body.replace(re, `$1${value}`);
}

export async function measureSaves(opts: {
  browser: Browser;
  base: string;
  /** The database the app runs on (file:… or postgres://…), read behind its back. */
  databaseUrl: string;
  editor: { email: string; password: string };
  count: number;
  /** Where the measured saves are sent (default: where the form sent it). The cluster sends them to one app process. */
  postTo?: string;
  /** Where the pages are read (default: `base`). The cluster reads through the proxy and from the other process. */
  readFrom?: string[];
}): Promise<SaveResult> {
  const { browser, base, count } = opts;
  const readers = opts.readFrom ?? [base];
  const db = openRawSql(opts.databaseUrl);
  const cell = async (flow: string) =>
    Row.parse(
      await db.get(
        "SELECT id, value, version FROM trade_figures WHERE reporter='KHM' AND partner='KOR' AND flow=? AND period_start='2018-01' AND period_end='2018-12' AND source_id='imf-dots'",
        flow,
      ),
    );
  const exportsRow = await cell("exports");
  const totalId = (await cell("total")).id;
  const story = "/articles/ckfta-explainer";
  const pages: { path: string; shows: (html: string, total: number) => boolean }[] = [
    { path: story, shows: (h, t) => h.includes(`data-figure-id="${totalId}" data-value="${t}"`) },
    { path: "/partners/KOR", shows: (h, t) => h.includes(`2018: US$${formatMillions(t)} million`) },
    { path: `/figures/${totalId}`, shows: (h, t) => h.includes(`data-value="${t}"`) },
  ];
  const before = await (await get(base + story)).text();
  if (!pages[0]!.shows(before, (await cell("total")).value))
    throw new Error(`${story} does not show figure ${totalId}; the save benchmark needs it`);

  // Sign in and make the first save through the form, capturing the request.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/admin/sign-in?callbackUrl=%2Fadmin`);
  await page.getByLabel("Email").fill(opts.editor.email);
  await page.getByLabel("Password").fill(opts.editor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/admin/sign-in"));
  await page.goto(`${base}/admin/figures/${exportsRow.id}`);
  let next = exportsRow.value + 1_300_000;
  await page.getByLabel("Value", { exact: true }).fill(millionsField(next));
  const captured = page.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Save figure" }).click();
  const req = await captured;
  await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
  const all = await req.allHeaders();
  const headers: Record<string, string> = {};
  for (const k of ["next-action", "content-type", "accept", "next-router-state-tree"]) if (all[k]) headers[k] = all[k];
  headers.cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const target = opts.postTo ? new URL(new URL(req.url()).pathname + new URL(req.url()).search, opts.postTo).toString() : req.url();
  headers.origin = new URL(target).origin;
  const template = req.postDataBuffer()?.toString("utf8") ?? "";
  await context.close();

  const visible: number[] = [];
  const saveMs: number[] = [];
  const watched = readers.flatMap((from) => pages.map((p) => ({ ...p, from, label: readers.length > 1 ? `${from}${p.path}` : p.path })));
  const perPage: Record<string, number[]> = Object.fromEntries(watched.map((p) => [p.label, []]));
  let failed = 0;
  for (let i = 0; i < count; i++) {
    next += 1_300_000;
    const version = (await cell("exports")).version;
    const body = setMultipartField(setMultipartField(template, "value", millionsField(next)), "version", String(version));
    const t0 = performance.now();
    const res = await get(target, { method: "POST", headers, body, redirect: "manual" });
    await res.arrayBuffer();
    const saved = performance.now();
    saveMs.push(saved - t0);
    if ((await cell("exports")).value !== next) {
      failed++;
      continue;
    }
    const total = (await cell("total")).value;
    const times = await Promise.all(
      watched.map(async (p) => {
        for (;;) {
          const html = await (await get(p.from + p.path)).text();
          const t = performance.now() - saved;
          if (p.shows(html, total)) return t;
          if (t > 10_000) return Number.POSITIVE_INFINITY;
          await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    watched.forEach((p, j) => perPage[p.label]!.push(times[j]!));
    const worst = Math.max(...times);
    if (!Number.isFinite(worst)) failed++;
    else visible.push(worst);
  }
  await db.close();
  return {
    method: "first save through the form in Chromium, then server-action request replayed over HTTP",
    saves: count,
    failed,
    visible: summarize(visible),
    perPage: Object.fromEntries(Object.entries(perPage).map(([k, v]) => [k, summarize(v.filter(Number.isFinite))])),
    save: summarize(saveMs),
  };
}
