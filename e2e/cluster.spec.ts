/**
 * The production topology (E2E_CLUSTER=1, project "cluster"): Varnish in front of two app
 * processes that share Redis. A save taken by one process must be visible within one second both
 * through the proxy and on the other process, and the proxy must keep the answers it may keep.
 */
import { openRawSql } from "../test/support/raw-sql";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { testDb } from "./db";
import { E2E_APP_PORTS, E2E_DATABASE_URL, E2E_ENGINE, E2E_PORT } from "./env";
import { captureAction, cookieHeader, createUser, replay, signIn, withField } from "./users";

const EDITOR = { email: "cluster.editor@example.org", name: "Cluster Editor", password: "a passphrase for the cluster test" };
const PROXY = `http://127.0.0.1:${E2E_PORT}`;
const APPS = E2E_APP_PORTS.map((p) => `http://127.0.0.1:${p}`);

test.beforeAll(() => createUser(EDITOR.email, EDITOR.name, "editor", EDITOR.password));

/** Polls `url` until `ok(html)`; the milliseconds it took. */
async function msUntil(request: APIRequestContext, url: string, ok: (html: string) => boolean, limitMs = 5000): Promise<number> {
  const start = performance.now();
  for (;;) {
    const html = await (await request.get(url)).text();
    if (ok(html)) return performance.now() - start;
    if (performance.now() - start > limitMs) throw new Error(`${url} did not change within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const millions = (dollars: number) => `${Math.floor(dollars / 1e6)}.${String(dollars % 1e6).padStart(6, "0")}`;

test("a save taken by one app process is visible within 1 s through the proxy and on the other process", async ({ page, request }) => {
  test.setTimeout(120_000);
  const db = testDb();
  const cell = async (flow: string) =>
    (await db.get(
      "SELECT id, value, version FROM trade_figures WHERE reporter='KHM' AND partner='KOR' AND flow=? AND period_start='2017-01' AND period_end='2017-12' AND source_id='imf-dots'",
      flow,
    )) as { id: number; value: number; version: number };
  const exportsRow = await cell("exports");
  const totalId = (await cell("total")).id;
  const page404 = `/figures/${totalId}`;

  // Warm every layer: the page is cached in Varnish (second request is a HIT) and in Redis.
  await request.get(PROXY + page404);
  const warm = await request.get(PROXY + page404);
  expect(warm.headers()["x-cache"]).toBe("HIT");
  expect(warm.headers()["xkey"], "surrogate keys stay inside the proxy").toBeUndefined();

  // Capture the figure form's save through the proxy, as an editor's browser sends it.
  await signIn(page, EDITOR.email, EDITOR.password);
  await page.goto(`/admin/figures/${exportsRow.id}`);
  const captured = await captureAction(page, () => page.getByRole("button", { name: "Save figure" }).click());
  await expect(page.getByRole("status")).toContainText("Saved");
  const cookie = await cookieHeader(page);

  const timings: string[] = [];
  for (let i = 0; i < 6; i++) {
    const taker = i % 2; // alternate the process that takes the save
    const other = 1 - taker;
    const before = await cell("exports");
    const value = before.value + 1_000_000;
    const body = withField(withField(captured.body, "value", millions(value)), "version", String(before.version));
    const direct = { ...captured, url: APPS[taker]! + new URL(captured.url).pathname + new URL(captured.url).search };
    const res = await replay(request, direct, { cookie, body });
    expect(res.status(), await res.text()).toBeLessThan(400);
    const total = await cell("total");
    expect((await cell("exports")).value).toBe(value);
    const shows = (html: string) => html.includes(`data-value="${total.value}"`);
    const [viaProxy, viaOther] = await Promise.all([
      msUntil(request, PROXY + page404, shows),
      msUntil(request, APPS[other]! + page404, shows),
    ]);
    timings.push(`save on app ${taker + 1}: proxy ${viaProxy.toFixed(0)} ms, app ${other + 1} ${viaOther.toFixed(0)} ms`);
    expect(viaProxy).toBeLessThan(1000);
    expect(viaOther).toBeLessThan(1000);
  }
  await db.close();
  console.log(timings.join("\n"));
});

test("the proxy keeps public answers, passes the editors' desk and session requests, and strips cookies", async ({ request, page }) => {
  // Public pages and API answers are kept (a second request is a HIT), with a short Cache-Control for caches beyond.
  // The saves of the test before purge the pages they touch once more 400 ms later
  // (SECOND_PURGE_AFTER_MS, lib/cache/purge.ts, which only loads on the server): let that pass, or it
  // can drop a page between the two requests below.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const path of [
    "/",
    "/articles/ckfta-explainer",
    "/partners/KOR",
    "/data?partner=KOR",
    "/api/v1/figures?partner=KOR",
    "/search?q=korea",
    "/feed.xml",
  ]) {
    await request.get(PROXY + path);
    const res = await request.get(PROXY + path);
    expect(res.headers()["x-cache"], path).toBe("HIT");
    expect(res.headers()["cache-control"], path).toMatch(/^public, max-age=0, s-maxage=\d+/);
    expect(res.headers()["surrogate-control"], path).toBeUndefined();
  }
  // A cookie a reader happens to carry does not split or skip the cache. "/" is asked for again first:
  // its 5 s s-maxage may have run out during the loop above (cold renders on PostgreSQL take longer).
  await request.get(PROXY + "/");
  const withCookie = await request.get(PROXY + "/", { headers: { cookie: "theme=dark; _ga=GA1.2.3" } });
  expect(withCookie.headers()["x-cache"]).toBe("HIT");
  // The editors' desk and sign-in are never kept.
  for (const path of ["/admin/sign-in", "/api/auth/csrf"]) {
    await request.get(PROXY + path);
    const res = await request.get(PROXY + path);
    expect(res.headers()["x-cache"], path).toBe("MISS");
    expect(res.headers()["cache-control"], path).toContain("no-store");
  }
  // With a session cookie, even a public page comes from an app process.
  await signIn(page, EDITOR.email, EDITOR.password);
  const session = await cookieHeader(page);
  const signedIn = await request.get(PROXY + "/", { headers: { cookie: session } });
  expect(signedIn.headers()["x-cache"]).toBe("MISS");
});

test("purges need the token and come from loopback; a bad one changes nothing", async ({ request }) => {
  const res = await request.fetch(PROXY + "/", { method: "PURGE", headers: { "xkey-purge": "figures:all", "x-purge-token": "wrong" } });
  expect(res.status()).toBe(403);
  await request.get(PROXY + "/partners");
  expect((await request.get(PROXY + "/partners")).headers()["x-cache"]).toBe("HIT");
});

test("a page whose render failed after its 200 left is not kept by the proxy", async ({ request }) => {
  // With Cache Components the shell (and its 200) leaves before the search runs, so Varnish would
  // keep the error page as it keeps any public answer; the failed render bans that address.
  // A word no earlier request searched: its results are not in Next's caches yet, so it reads the index.
  const path = `/search?q=fault${Date.now()}`;
  const answered = (html: string) => html.includes("data-no-results") || html.includes("data-search-results");
  // The table search reads first: SQLite's FTS5 index, PostgreSQL's search_docs.
  const table = E2E_ENGINE === "postgres" ? "search_docs" : "search_words";
  const db = openRawSql(E2E_DATABASE_URL, { write: true });
  await db.run(`ALTER TABLE ${table} RENAME TO ${table}_hidden_by_e2e`);
  let failed: string;
  try {
    failed = await (await request.get(PROXY + path)).text();
  } finally {
    await db.run(`ALTER TABLE ${table}_hidden_by_e2e RENAME TO ${table}`);
    await db.close();
  }
  expect(answered(failed), "the search failed while its index was gone").toBe(false);
  // The table is back: within a few seconds the proxy serves a fresh render, not the kept failure.
  await expect.poll(async () => answered(await (await request.get(PROXY + path)).text()), { timeout: 10_000, intervals: [250] }).toBe(true);
});
