/**
 * The same site on both engines: two production servers from the same build, one on a fresh SQLite
 * file and one on a fresh PostgreSQL database, each set up by `db/setup.ts` from the same seed, must
 * give the same answers: every open-data API answer byte for byte (JSON and CSV), the same documents
 * for every search, and the same text on each public page type.
 *
 * Runs in the PostgreSQL e2e run (E2E_ENGINE=postgres), in the cluster that run started; the two
 * servers listen on E2E_PORT+3 (SQLite) and +4 (PostgreSQL) and are stopped after the file.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { E2E_ENGINE, E2E_PG_PORT, E2E_PORT } from "./env";

test.skip(E2E_ENGINE !== "postgres", "compares SQLite with the PostgreSQL cluster of the PostgreSQL run");
test.describe.configure({ mode: "serial" });

const SQLITE_PORT = E2E_PORT + 3;
const POSTGRES_PORT = E2E_PORT + 4;
const lite = `http://127.0.0.1:${SQLITE_PORT}`;
const post = `http://127.0.0.1:${POSTGRES_PORT}`;
const COMPARE_DB = "ctm_compare";

let dir: string;
const servers: ChildProcess[] = [];

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within a minute`);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), "ctm-engines-"));
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${E2E_PG_PORT}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${COMPARE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${COMPARE_DB} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const urls = { sqlite: `file:${join(dir, "portal.db")}`, postgres: `postgres://postgres@127.0.0.1:${E2E_PG_PORT}/${COMPARE_DB}` };
  const secret = randomBytes(32).toString("base64url");
  for (const [engine, port] of [
    ["sqlite", SQLITE_PORT],
    ["postgres", POSTGRES_PORT],
  ] as const) {
    // Both on one SITE_URL, so absolute links in the answers are the same.
    const env = {
      ...process.env,
      DATABASE_URL: urls[engine],
      AUTH_SECRET: secret,
      SITE_URL: "http://127.0.0.1:3000",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    execFileSync("npx", ["tsx", "db/setup.ts"], { env, stdio: "pipe" });
    servers.push(
      spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(port)], {
        env: { ...env, TRUST_PROXY_HOPS: "" },
        stdio: "ignore",
      }),
    );
  }
  await Promise.all([waitFor(`${lite}/api/health`), waitFor(`${post}/api/health`)]);
});

test.afterAll(async () => {
  for (const s of servers) s.kill("SIGTERM");
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once("exit", r)))));
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${E2E_PG_PORT}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${COMPARE_DB} WITH (FORCE)`);
  await admin.end();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function both(request: APIRequestContext, path: string) {
  const [a, b] = await Promise.all([request.get(lite + path), request.get(post + path)]);
  return {
    sqlite: { status: a.status(), type: a.headers()["content-type"], body: await a.text() },
    postgres: { status: b.status(), type: b.headers()["content-type"], body: await b.text() },
  };
}

test("the open-data API answers byte for byte alike", async ({ request }) => {
  const agreements = JSON.parse(await (await request.get(`${lite}/api/v1/agreements`)).text()) as { data: { slug: string }[] };
  const slugs = agreements.data.map((a) => a.slug);
  expect(slugs.length).toBeGreaterThan(5);
  const paths = [
    "/api/v1/agreements",
    "/api/v1/partners",
    "/api/v1/openapi.json",
    ...slugs.map((s) => `/api/v1/agreements/${s}/rounds`),
    "/api/v1/agreements/nope/rounds",
    "/api/v1/figures?partner=KOR",
    "/api/v1/figures?partner=KOR,JPN,CHN,THA,VNM&flow=total&from=1960&to=2025&side=both",
    "/api/v1/figures?partner=KOR,JPN&flow=balance&from=1995&to=2023&side=both",
    "/api/v1/figures?partner=USA&flow=exports&from=2000&to=2020&side=partner&format=csv",
    "/api/v1/figures?partner=JPN&flow=imports&side=cambodia&format=csv",
    "/api/v1/figures?partner=XYZ",
  ];
  for (const path of paths) {
    const { sqlite, postgres } = await both(request, path);
    expect(postgres.status, path).toBe(sqlite.status);
    expect(postgres.type, path).toBe(sqlite.type);
    expect(postgres.body, path).toBe(sqlite.body);
  }
});

/** What a search page says it found: the count, each hit's kind and address, and the corrections offered. */
async function searchAnswer(page: Page, base: string, q: string, pageNo = 1) {
  await page.goto(`${base}/search?q=${encodeURIComponent(q)}${pageNo > 1 ? `&page=${pageNo}` : ""}`);
  const counter = page.locator("[data-result-count]");
  const count = (await counter.count()) ? await counter.getAttribute("data-result-count") : null;
  const hits = await page
    .locator("[data-search-hit]")
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-search-hit")} ${e.querySelector("a")?.getAttribute("href")}`));
  const said = (await page.locator("main [role=status]").allInnerTexts()).join(" | ");
  return { count, hits, said };
}

test("search finds the same documents the same way on both", async ({ page }) => {
  test.setTimeout(180_000);
  for (const q of [
    "korea",
    "fourth round",
    "negot",
    "ambodi",
    "koera",
    "cambodai",
    "garmnets",
    "japan qwertyuiopzz",
    "rules of origin",
    "the",
    "zzqqxx",
  ]) {
    const a = await searchAnswer(page, lite, q);
    const b = await searchAnswer(page, post, q);
    // The count and what the page says (found, corrected to, or nothing) are the same; the engines
    // rank ties and cut snippets each their own way, so hits are compared as a set over every page.
    expect(b.count, q).toBe(a.count);
    expect(b.said, q).toBe(a.said);
    const pages = Math.ceil(Number(a.count ?? 0) / 10);
    const all = { sqlite: [...a.hits], postgres: [...b.hits] };
    for (let p = 2; p <= pages; p++) {
      all.sqlite.push(...(await searchAnswer(page, lite, q, p)).hits);
      all.postgres.push(...(await searchAnswer(page, post, q, p)).hits);
    }
    expect(all.postgres.sort(), q).toEqual(all.sqlite.sort());
    expect(all.sqlite.length, q).toBe(Number(a.count ?? 0));
  }
});

test("each public page type shows the same text and figures", async ({ page, request }) => {
  test.setTimeout(120_000);
  const figureIds = (
    JSON.parse(await (await request.get(`${lite}/api/v1/figures?partner=KOR&flow=total&from=2018&to=2019`)).text()) as {
      data: { figure_id: number }[];
    }
  ).data.map((d) => d.figure_id);
  const paths = [
    "/",
    "/articles",
    "/articles/ckfta-explainer",
    "/agreements",
    "/agreements/ckfta",
    "/agreements/rcep",
    "/partners",
    "/partners/KOR",
    "/partners/JPN",
    "/data?partner=KOR,JPN&flow=total&from=2000&to=2023",
    "/sources",
    "/sources/imf-dots",
    ...figureIds.map((id) => `/figures/${id}`),
    "/topics/negotiations",
  ];
  for (const path of paths) {
    const text: string[] = [];
    for (const base of [lite, post]) {
      const res = await page.goto(base + path);
      expect(res?.status(), `${base}${path}`).toBe(200);
      text.push(await page.locator("main").innerText());
    }
    expect(text[1], path).toBe(text[0]);
    expect(text[0]!.length, path).toBeGreaterThan(200);
  }
});
