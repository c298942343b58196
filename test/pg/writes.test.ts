/**
 * Writes through the seam (Dialect.write), the same code on both engines: one transaction per
 * action with its audit row, the user checked again inside it, stale versions refused even when
 * twenty saves race, and the sign-in throttle exact under 50 parallel attempts. PostgreSQL runs
 * SERIALIZABLE with retries (counted here); the throttle uses advisory locks under READ COMMITTED.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotAllowedError } from "@/db/mutations/errors";
import type { Dialect } from "@/db/dialect/types";
import { cloneDatabase, sqliteSeedCopy, type TestDatabase } from "./helpers";
import * as proto from "./prototypes";

const engines: Record<"sqlite" | "postgres", Dialect> = {} as Record<"sqlite" | "postgres", Dialect>;
let db: TestDatabase;
let seed: ReturnType<typeof sqliteSeedCopy>;
let closeSqlite: () => void;
let retries = 0;
const editor: Record<string, proto.Actor> = {};

beforeAll(async () => {
  seed = sqliteSeedCopy("writes");
  const { sqliteDialect } = await import("@/db/dialect/sqlite");
  const { postgresDialect } = await import("@/db/dialect/postgres/client");
  closeSqlite = (await import("@/db/client")).closeDb;
  db = await cloneDatabase("writes");
  engines.sqlite = sqliteDialect();
  // 60 connections: the parallel tests below really run in parallel on PostgreSQL.
  engines.postgres = postgresDialect(db.url, { max: 60, onRetry: () => retries++ });
  for (const [name, d] of Object.entries(engines)) {
    const [u] = await d.write(async (tx) =>
      tx.insert(d.t.users).values({ email: "ed@example.org", name: "Ed", role: "editor", passwordHash: "x", createdAt: new Date().toISOString() }).returning({ id: d.t.users.id }),
    );
    editor[name] = { id: u!.id, sessionVersion: 1, role: "editor" };
  }
});

afterAll(async () => {
  for (const d of Object.values(engines)) await d?.close();
  closeSqlite?.();
  await db?.drop();
  seed?.cleanup();
});

/** The IMF's 2018 Korea exports in Cambodia's records: a figure every engine's seed has. */
async function figure(d: Dialect) {
  const f = d.t.tradeFigures;
  const [row] = await d.read
    .select({ id: f.id, value: f.value, version: f.version })
    .from(f)
    .where(and(eq(f.reporter, "KHM"), eq(f.partner, "KOR"), eq(f.flow, "exports"), eq(f.periodStart, "2018-01"), eq(f.periodEnd, "2018-12"), eq(f.sourceId, "imf-dots")));
  return row!;
}

const auditRows = async (d: Dialect, id: number) =>
  (await d.read.select({ n: count() }).from(d.t.auditLog).where(and(eq(d.t.auditLog.entity, "figure"), eq(d.t.auditLog.entityId, String(id)))))[0]!.n;

describe.each(["sqlite", "postgres"] as const)("%s", (engine) => {
  const d = () => engines[engine];

  it("writes the change and its audit row in one transaction, or neither", async () => {
    const before = await figure(d());
    const audits = await auditRows(d(), before.id);
    await expect(
      proto.adminWrite(d(), editor[engine]!, ["editor"], async (tx) => {
        await proto.saveFigureValue(d(), tx, editor[engine]!, { id: before.id, version: before.version, value: before.value + 1 });
        throw new Error("crash after the write and the audit row, before the commit");
      }),
    ).rejects.toThrow(/crash after/);
    expect(await figure(d())).toEqual(before);
    expect(await auditRows(d(), before.id)).toBe(audits);

    const saved = await proto.adminWrite(d(), editor[engine]!, ["editor"], (tx) =>
      proto.saveFigureValue(d(), tx, editor[engine]!, { id: before.id, version: before.version, value: before.value + 1 }),
    );
    expect(saved.version).toBe(before.version + 1);
    expect(await figure(d())).toEqual({ id: before.id, value: before.value + 1, version: before.version + 1 });
    expect(await auditRows(d(), before.id)).toBe(audits + 1);
  });

  it("refuses a stale version, naming who saved the newer one, and writes nothing", async () => {
    const current = await figure(d());
    const audits = await auditRows(d(), current.id);
    const error = await proto
      .adminWrite(d(), editor[engine]!, ["editor"], (tx) => proto.saveFigureValue(d(), tx, editor[engine]!, { id: current.id, version: current.version - 1, value: 1 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).byName).toBe("Ed");
    expect(await figure(d())).toEqual(current);
    expect(await auditRows(d(), current.id)).toBe(audits);
  });

  it("lets exactly one of twenty parallel saves from the same version through", async () => {
    const start = await figure(d());
    const audits = await auditRows(d(), start.id);
    retries = 0;
    // On PostgreSQL, hold each first try after its read until all twenty have read the same version
    // (or 300 ms passed), so they truly overlap. SQLite runs them one at a time: nothing to wait for.
    let arrived = 0;
    const allRead = new Promise<void>((resolve) => setTimeout(resolve, 300));
    const barrier = engine === "postgres" ? async () => {
      if (++arrived <= 20) await Promise.race([allRead, new Promise<void>((r) => { const tick = setInterval(() => arrived >= 20 && (clearInterval(tick), r()), 5); })]);
    } : undefined;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        proto.adminWrite(d(), editor[engine]!, ["editor"], (tx) =>
          proto.saveFigureValue(d(), tx, editor[engine]!, { id: start.id, version: start.version, value: 1_000_000 + i }, barrier),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused.every((r) => r.status === "rejected" && r.reason instanceof ConflictError)).toBe(true);
    const end = await figure(d());
    expect(end.version).toBe(start.version + 1);
    expect(end.value).toBe((ok[0] as PromiseFulfilledResult<{ value: number }>).value.value);
    expect(await auditRows(d(), start.id)).toBe(audits + 1);
    if (engine === "postgres") {
      // The overlap was real: PostgreSQL refused to serialize the losers, which ran again and then saw the new version.
      expect(retries).toBeGreaterThan(0);
      console.log(`[pg] 20 overlapping saves of one version: 1 saved, 19 refused as stale, after ${retries} serialization retries`);
    }
  });

  it("stops a user disabled a moment ago, inside the transaction", async () => {
    const ed = editor[engine]!;
    const current = await figure(d());
    await d().write(async (tx) => tx.update(d().t.users).set({ disabled: true }).where(eq(d().t.users.id, ed.id)));
    try {
      await expect(
        proto.adminWrite(d(), ed, ["editor"], (tx) => proto.saveFigureValue(d(), tx, ed, { id: current.id, version: current.version, value: 7 })),
      ).rejects.toBeInstanceOf(NotAllowedError);
      expect(await figure(d())).toEqual(current);
      await expect(proto.adminWrite(d(), { ...ed, role: "editor" }, ["admin"], async () => "never")).rejects.toBeInstanceOf(NotAllowedError);
    } finally {
      await d().write(async (tx) => tx.update(d().t.users).set({ disabled: false }).where(eq(d().t.users.id, ed.id)));
    }
  });

  it("lets exactly 5 of 50 parallel sign-in attempts on one account through", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => proto.beginAttempt(d(), "target@example.org", `203.0.113.${i}`, now)));
    expect(decisions.filter((x) => x.allowed)).toHaveLength(proto.THROTTLE.freePerAccount);
    expect(decisions.filter((x) => !x.allowed).every((x) => !x.allowed && x.retryAfterSeconds === 30)).toBe(true);
    const l = d().t.loginAttempts;
    const [{ n }] = (await d().read.select({ n: count() }).from(l).where(eq(l.email, "target@example.org"))) as [{ n: number }];
    expect(n).toBe(proto.THROTTLE.freePerAccount);
  });

  it("lets exactly 20 of 50 parallel attempts from one address, on fifty accounts, through", async () => {
    const now = new Date("2026-11-20T11:00:00Z");
    const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => proto.beginAttempt(d(), `user${i}@example.org`, "198.51.100.7", now)));
    expect(decisions.filter((x) => x.allowed)).toHaveLength(proto.THROTTLE.freePerAddress);
  });
});

describe("the prototypes follow today's rules", () => {
  it("throttle with the numbers of db/mutations/login-attempts.ts", async () => {
    // The prototype keeps the two untrusted scopes (account, address) of the real throttle.
    const { THROTTLE } = await import("@/lib/auth/limits");
    expect(proto.THROTTLE).toEqual({
      freePerAccount: THROTTLE.free.account,
      freePerAddress: THROTTLE.free.address,
      windowMs: THROTTLE.windowMs,
      firstWaitMs: THROTTLE.firstWaitMs,
      maxWaitMs: THROTTLE.maxWaitMs,
    });
  });
});
