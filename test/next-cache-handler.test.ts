import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import RestartSafeCacheHandler, { writtenSince } from "@/lib/next-cache-handler.mjs";

const require = createRequire(import.meta.url);
// The file-system helpers `next start` hands to its cache handler.
const { nodeFs } = require("next/dist/server/lib/node-fs-methods.js") as { nodeFs: unknown };

describe("writtenSince", () => {
  const start = 1_750_000_000_000;
  it("trusts entries written after the process started", () => {
    expect(writtenSince({ lastModified: start + 1 }, start)).toBe(true);
  });
  it("distrusts entries from before the start, or from the same millisecond", () => {
    expect(writtenSince({ lastModified: start - 60_000 }, start)).toBe(false);
    expect(writtenSince({ lastModified: start }, start)).toBe(false);
  });
  it("distrusts entries without a usable time", () => {
    for (const lastModified of [undefined, null, NaN, Infinity, "1750000000001", -1]) expect(writtenSince({ lastModified }, start)).toBe(false);
    expect(writtenSince(null, start)).toBe(false);
  });
});

// The handler on a real folder, through Next's own file-system cache (pinned next version).
describe("RestartSafeCacheHandler", () => {
  let dir: string;
  let handler: RestartSafeCacheHandler;
  const key = "/route-cache/app/0123abcd/$/articles/a-story";
  const getCtx = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };
  const page = (html: string, tags: string) => ({
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`0:${JSON.stringify(html)}\n`),
    headers: { "x-next-cache-tags": tags },
    status: 200,
    postponed: undefined,
    segmentData: undefined,
  });
  const setCtx = { cacheControl: { revalidate: 60, expire: 31536000 }, isRoutePPREnabled: false, isFallback: false };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "h-cache-unit-"));
    // No memory layer: every get reads the disk, as after an eviction or a restart.
    handler = new RestartSafeCacheHandler({ fs: nodeFs, serverDistDir: dir, flushToDisk: true, maxMemoryCacheSize: 0, revalidatedTags: [], _requestHeaders: {} });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("serves a page this process stored", async () => {
    await handler.set(key, page("<p>fresh</p>", "unit:serve"), setCtx);
    const entry = await handler.get(key, getCtx);
    expect(entry?.value).toMatchObject({ kind: "APP_PAGE", html: "<p>fresh</p>" });
    expect(entry?.lastModified).toBeGreaterThan(RestartSafeCacheHandler.startedAt);
  });

  it("treats a page stored before the process started as missing", async () => {
    await handler.set(key, page("<p>from the last run</p>", "unit:old"), setCtx);
    const before = new Date(RestartSafeCacheHandler.startedAt - 60_000);
    utimesSync(join(dir, `${key}.html`), before, before);
    expect(await handler.get(key, getCtx)).toBeNull();
    // Rendered again and stored, it is served.
    await handler.set(key, page("<p>rendered again</p>", "unit:old"), setCtx);
    expect((await handler.get(key, getCtx))?.value).toMatchObject({ html: "<p>rendered again</p>" });
  });

  it("keeps Next's own tag expiry for pages of this process", async () => {
    await handler.set(key, page("<p>tagged</p>", "unit:kept,unit:expired"), setCtx);
    await handler.revalidateTag(["unit:other"]);
    expect(await handler.get(key, getCtx)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5)); // the expiry must be later than the write
    await handler.revalidateTag(["unit:expired"]);
    expect(await handler.get(key, getCtx)).toBeNull();
  });

  it("misses what was never stored", async () => {
    expect(await handler.get("/route-cache/app/0123abcd/$/nothing", getCtx)).toBeNull();
  });
});
