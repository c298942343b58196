import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ANSWER_HEADER, cacheableRequest, failedAnswers, keepableTags, responseCache } from "@/lib/cache/response-cache.mjs";
import { MemoryStore } from "@/lib/cache/store.mjs";

const req = (over: { method?: string; url?: string; headers?: Record<string, string> } = {}) => ({
  method: "GET",
  url: "/articles/x",
  headers: {},
  ...over,
});
const PUBLIC = { "surrogate-control": "max-age=86400", "cache-control": "public, max-age=0, s-maxage=5", xkey: "figures:KOR source:imf" };

describe("which requests and answers the response cache in front of Next may keep (lib/cache/response-cache.mjs)", () => {
  it("keeps anonymous GETs and HEADs of public pages, as Varnish does", () => {
    expect(cacheableRequest(req())).toBe(true);
    expect(cacheableRequest(req({ method: "HEAD" }))).toBe(true);
    expect(cacheableRequest(req({ headers: { cookie: "theme=dark" } }))).toBe(true);
    expect(cacheableRequest(req({ method: "POST" }))).toBe(false);
    expect(cacheableRequest(req({ url: "/admin/figures" }))).toBe(false);
    expect(cacheableRequest(req({ url: "/api/auth/session" }))).toBe(false);
    expect(cacheableRequest(req({ headers: { cookie: "a=1; __Secure-authjs.session-token=abc" } }))).toBe(false);
    expect(cacheableRequest(req({ headers: { rsc: "1" } }))).toBe(false);
    expect(cacheableRequest(req({ headers: { "next-router-prefetch": "1" } }))).toBe(false);
    expect(cacheableRequest(req({ headers: { authorization: "Bearer x" } }))).toBe(false);
  });

  it("keeps only 200 answers marked for our cache, without cookies, with their tags", () => {
    expect(keepableTags(200, PUBLIC)).toEqual(["figures:KOR", "source:imf"]);
    expect(keepableTags(404, PUBLIC)).toBeNull();
    expect(keepableTags(200, { ...PUBLIC, "set-cookie": ["a=1"] })).toBeNull();
    expect(keepableTags(200, { ...PUBLIC, "surrogate-control": undefined })).toBeNull();
    expect(keepableTags(200, { ...PUBLIC, "cache-control": "private, no-store" })).toBeNull();
    expect(keepableTags(200, { ...PUBLIC, xkey: "" })).toBeNull();
  });
});

describe("the response cache in a server", () => {
  let server: Server | null = null;
  afterEach(() => server?.close());

  async function serve(opts: { maxBytes?: number; ttlMs?: number; now?: () => number } = {}) {
    const store = new MemoryStore(1 << 20);
    const cache = responseCache({ store, maxBytes: 1 << 20, ...opts });
    let renders = 0;
    let version = 1;
    server = createServer(async (rq, rs) => {
      const arrivedAt = opts.now?.() ?? Date.now();
      if (await cache.serve(rq, rs)) return;
      cache.capture(rq, rs, arrivedAt);
      renders++;
      rs.setHeader("content-type", "text/html");
      for (const [k, v] of Object.entries(PUBLIC)) rs.setHeader(k, v);
      if (rq.url === "/cookie") rs.setHeader("set-cookie", "x=1");
      // What instrumentation.ts does when Next reports a render error for this request.
      if (rq.url === "/fails") failedAnswers().add(String(rq.headers[ANSWER_HEADER]));
      rs.write(`<p>version ${version}</p>`);
      rs.end(Buffer.from("<p>end</p>"));
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { store, cache, base, renders: () => renders, setVersion: (v: number) => (version = v) };
  }

  it("answers again without the app until a tag of the answer is expired", async () => {
    const s = await serve();
    const first = await fetch(`${s.base}/articles/x`);
    expect(await first.text()).toBe("<p>version 1</p><p>end</p>");
    const second = await fetch(`${s.base}/articles/x`);
    expect(await second.text()).toBe("<p>version 1</p><p>end</p>");
    expect(second.headers.get("xkey")).toBe(PUBLIC.xkey);
    expect(second.headers.get("content-length")).toBe("26");
    expect(s.renders()).toBe(1);
    expect(s.cache.stats.hits).toBe(1);
    // A save expires one of its tags: the next request goes to the app and sees the new data.
    s.setVersion(2);
    await new Promise((r) => setTimeout(r, 2));
    await s.store.expireTags(["source:imf"], Date.now());
    await new Promise((r) => setTimeout(r, 2));
    expect(await (await fetch(`${s.base}/articles/x`)).text()).toBe("<p>version 2</p><p>end</p>");
    expect(s.renders()).toBe(2);
    expect(await (await fetch(`${s.base}/articles/x`)).text()).toBe("<p>version 2</p><p>end</p>");
    expect(s.renders()).toBe(2);
  });

  it("never keeps an answer whose request arrived before a save expired its tags", async () => {
    let clock = 1000;
    const s = await serve({ now: () => clock });
    // The request arrives at 1000; a save expires the tag at 1000 (same moment): stale at once.
    await s.store.expireTags(["figures:KOR"], 1000);
    await fetch(`${s.base}/articles/x`);
    clock = 1001;
    await fetch(`${s.base}/articles/x`);
    expect(s.renders()).toBe(2);
  });

  it("never keeps an answer whose render reported an error (streamed with status 200)", async () => {
    const s = await serve();
    await fetch(`${s.base}/fails`);
    await fetch(`${s.base}/fails`);
    expect(s.renders()).toBe(2);
    expect(failedAnswers().size).toBe(0);
  });

  it("keeps variants per Accept-Encoding, passes cookies-setting answers and signed-in requests, and forgets after its TTL", async () => {
    let clock = 10_000;
    const s = await serve({ now: () => clock, ttlMs: 60_000 });
    await fetch(`${s.base}/a`, { headers: { "accept-encoding": "gzip" } });
    await fetch(`${s.base}/a`, { headers: { "accept-encoding": "identity" } });
    expect(s.renders()).toBe(2);
    await fetch(`${s.base}/a`, { headers: { "accept-encoding": "gzip" } });
    expect(s.renders()).toBe(2);
    await fetch(`${s.base}/cookie`);
    await fetch(`${s.base}/cookie`);
    expect(s.renders()).toBe(4);
    await fetch(`${s.base}/a`, { headers: { "accept-encoding": "gzip", cookie: "authjs.session-token=t" } });
    expect(s.renders()).toBe(5);
    clock += 60_001;
    await fetch(`${s.base}/a`, { headers: { "accept-encoding": "gzip" } });
    expect(s.renders()).toBe(6);
  });
});
