/**
 * The store behind Next's cache handlers (lib/cache/store.mjs): entries valid only while none of
 * their tags was expired after them, a bounded memory, and Redis shared by two clients (two app
 * processes) with a real redis-server started here on loopback and stopped afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStore, RedisStore, sizeOf } from "@/lib/cache/store.mjs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("memory store", () => {
  it("serves an entry until one of its tags is expired after it was computed", async () => {
    const store = new MemoryStore(1024 * 1024);
    const computedAt = Date.now();
    await store.set("page", { html: "<p>KOR 2019</p>", tags: ["figures:KOR"] }, 60);
    expect(await store.get("page")).toEqual({ html: "<p>KOR 2019</p>", tags: ["figures:KOR"] });
    expect(await store.validSince(["figures:KOR"])).toBe(0);
    await store.expireTags(["figures:JPN"], computedAt + 5);
    expect(await store.validSince(["figures:KOR"])).toBe(0);
    await store.expireTags(["figures:KOR"], computedAt + 10);
    expect(await store.validSince(["figures:KOR", "figures:JPN"])).toBe(computedAt + 10);
    // An expiration never moves back.
    await store.expireTags(["figures:KOR"], computedAt);
    expect(await store.validSince(["figures:KOR"])).toBe(computedAt + 10);
  });

  it("keeps within its size, dropping the least recently used entries", async () => {
    const store = new MemoryStore(100_000);
    for (let i = 0; i < 10; i++) await store.set(`k${i}`, { html: "x".repeat(20_000) }, 60);
    expect(sizeOf({ html: "x".repeat(20_000) })).toBe(20_000);
    const kept = (await Promise.all(Array.from({ length: 10 }, (_, i) => store.get(`k${i}`)))).filter(Boolean).length;
    expect(kept).toBeLessThanOrEqual(5);
    expect(await store.get("k9")).not.toBeNull();
    expect(await store.get("k0")).toBeNull();
  });

  it("forgets an entry past its lifetime", async () => {
    const store = new MemoryStore(1024 * 1024);
    await store.set("short", { a: 1 }, 0.05);
    await sleep(80);
    expect(await store.get("short")).toBeNull();
  });
});

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createConnection({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), done(true)));
    s.once("error", () => done(false));
  });
}

describe("Redis store, shared by two processes' clients", () => {
  let redis: ChildProcess;
  let dir: string;
  const port = Number(process.env.CACHE_TEST_REDIS_PORT ?? 20_000 + Math.floor(Math.random() * 10_000));
  const url = `redis://127.0.0.1:${port}`;

  async function startRedis() {
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
      stdio: "ignore",
    });
    redis.once("error", (e) => {
      throw new Error(`redis-server could not start (apt-get install redis-server): ${e.message}`);
    });
    for (let i = 0; i < 100 && !(await portOpen(port)); i++) await sleep(50);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ctm-redis-test-"));
    await startRedis();
  });
  afterAll(() => {
    redis?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a tag expired by one process invalidates the entries every process reads", async () => {
    const a = new RedisStore(url, "test-build");
    const b = new RedisStore(url, "test-build");
    await Promise.all([a.connecting, b.connecting]);
    const t0 = Date.now();
    await a.set("page", { html: "<p>old</p>", buf: Buffer.from([1, 2, 3]), parts: new Map([["x", Buffer.from("y")]]) }, 60);
    expect(await b.get("page")).toEqual({ html: "<p>old</p>", buf: Buffer.from([1, 2, 3]), parts: new Map([["x", Buffer.from("y")]]) });
    expect(await b.validSince(["agreement:ckfta"])).toBeLessThan(t0);
    await a.expireTags(["agreement:ckfta"], t0 + 1);
    expect(await b.validSince(["agreement:ckfta", "updates:all"])).toBe(t0 + 1);
    // Another build's entries are never read.
    const other = new RedisStore(url, "another-build");
    await other.connecting;
    expect(await other.get("page")).toBeNull();
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it("degrades while Redis is down: misses, unknown tag times, expirations kept and written when it is back", async () => {
    const a = new RedisStore(url, "test-build");
    await a.connecting;
    await a.set("p2", { html: "x" }, 60);
    redis.kill("SIGKILL");
    await sleep(200);
    const t = performance.now();
    expect(await a.get("p2")).toBeNull();
    expect(await a.validSince(["figures:KOR"])).toBeNull();
    const at = Date.now();
    await a.expireTags(["figures:KOR"], at);
    expect(performance.now() - t, "no call waits for a server that is gone").toBeLessThan(1500);
    expect(a.pending.get("figures:KOR")).toBe(at);
    await startRedis();
    // The client reconnects and writes what it kept.
    for (let i = 0; i < 60 && a.pending.size; i++) await sleep(100);
    expect(a.pending.size).toBe(0);
    const b = new RedisStore(url, "test-build");
    await b.connecting;
    expect(await b.validSince(["figures:KOR"])).toBe(at);
    await Promise.all([a.close(), b.close()]);
  }, 20_000);
});
