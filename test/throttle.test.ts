/**
 * The sign-in throttle (db/mutations/login-attempts.ts) and session rows (db/mutations/sessions.ts)
 * on a real database of the project's engine (SQLite or PostgreSQL): device, account, address and
 * global limits, the race of parallel tries, the audit rows, pruning, and sessions that end.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RawSql } from "./support/raw-sql";
import { testDatabase, type TestDatabase } from "./support/test-database";

type Attempts = typeof import("@/db/mutations/login-attempts");
let test: TestDatabase;
let client: typeof import("@/db/client");
let tables: typeof import("@/db/tables");
let attempts: Attempts;
let sessions: typeof import("@/db/mutations/sessions");
let users: typeof import("@/db/mutations/users");
let audit: typeof import("@/db/mutations/audit");
let errors: typeof import("@/db/mutations/errors");
let db: RawSql;

beforeAll(async () => {
  test = await testDatabase("throttle", { seeded: false });
  db = test.sql;
  client = await import("@/db/client");
  tables = await import("@/db/tables");
  attempts = await import("@/db/mutations/login-attempts");
  sessions = await import("@/db/mutations/sessions");
  users = await import("@/db/mutations/users");
  audit = await import("@/db/mutations/audit");
  errors = await import("@/db/mutations/errors");
}, 30_000);

afterAll(async () => {
  await test?.dispose();
});

beforeEach(async () => {
  await db.run("DELETE FROM login_attempts");
  await db.run("DELETE FROM audit_log");
});

const T0 = Date.parse("2026-11-21T10:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const untrusted = (email: string, ip = "198.51.100.1") => ({ email, ip, device: null });
const trusted = (email: string, device: string, ip = "198.51.100.1") => ({ email, ip, device });
const first = () => attempts.THROTTLE.firstWaitMs / 1000;

async function fail(key: { email: string; ip: string; device: string | null }, when: Date) {
  const d = await attempts.beginAttempt(key, when);
  if (!d.allowed) throw new Error(`expected ${JSON.stringify(key)} to be allowed at ${when.toISOString()}, locked by ${d.lock.scope}`);
  return d.attemptId;
}
const succeed = (attemptId: number) => db.run("UPDATE login_attempts SET success = true WHERE id = ?", attemptId);
async function refusedBy(key: { email: string; ip: string; device: string | null }, when: Date) {
  const d = await attempts.beginAttempt(key, when);
  return d.allowed ? null : d.lock;
}

describe("untrusted browsers of one account", () => {
  it("get five tries, then a wait that doubles", async () => {
    for (let i = 0; i < attempts.THROTTLE.free.account; i++) await fail(untrusted("x@example.org", `198.51.100.${i + 1}`), at(i));
    const lock = await refusedBy(untrusted("x@example.org", "198.51.100.50"), at(4.5));
    expect(lock).toMatchObject({ scope: "account", failures: 5 });
    expect(lock!.until.getTime()).toBe(at(4 + first()).getTime());
    expect(await refusedBy(untrusted("x@example.org", "198.51.100.50"), at(4 + first() - 1))).not.toBeNull();
    await fail(untrusted("x@example.org", "198.51.100.50"), at(4 + first() + 1));
    expect((await refusedBy(untrusted("x@example.org"), at(4 + first() + 1.5)))?.until.getTime()).toBe(
      at(4 + first() + 1 + 2 * first()).getTime(),
    );
    // Another account is untouched.
    await fail(untrusted("y@example.org", "198.51.100.60"), at(6));
  });

  it("do not lock out the owner's trusted browser, which signs in at once", async () => {
    for (let i = 0; i < 6; i++) await attempts.beginAttempt(untrusted("owner@example.org", "203.0.113.9"), at(i));
    expect((await refusedBy(untrusted("owner@example.org", "192.0.2.1"), at(7)))?.scope).toBe("account");
    const id = await fail(trusted("owner@example.org", "dev-owner", "203.0.113.9"), at(8));
    await succeed(id);
  });

  it("start over after a success from an untrusted browser", async () => {
    let last = 0;
    for (let i = 0; i < 5; i++) last = await fail(untrusted("z@example.org"), at(i));
    await succeed(last);
    await fail(untrusted("z@example.org"), at(5));
  });
});

describe("a trusted browser", () => {
  it("is limited on its own: its failures lock that browser only", async () => {
    for (let i = 0; i < attempts.THROTTLE.free.device; i++) await fail(trusted("t@example.org", "dev-a"), at(i));
    expect((await refusedBy(trusted("t@example.org", "dev-a"), at(5)))?.scope).toBe("device");
    await fail(trusted("t@example.org", "dev-b"), at(6));
    await fail(untrusted("t@example.org"), at(7));
  });

  it("starts over after its own success", async () => {
    let last = 0;
    for (let i = 0; i < 5; i++) last = await fail(trusted("s@example.org", "dev-s"), at(i));
    await succeed(last);
    await fail(trusted("s@example.org", "dev-s"), at(5));
  });
});

describe("spraying across accounts", () => {
  it("from one address stops after twenty failures", async () => {
    for (let i = 0; i < attempts.THROTTLE.free.address; i++) await fail(untrusted(`spray${i}@example.org`, "203.0.113.77"), at(i));
    expect((await refusedBy(untrusted("another@example.org", "203.0.113.77"), at(21)))?.scope).toBe("address");
    await fail(untrusted("another@example.org", "203.0.113.78"), at(22));
  });

  it("from many addresses stops once every untrusted browser together has failed a hundred times; trusted browsers go on", async () => {
    const n = attempts.THROTTLE.free.everyone;
    for (let i = 0; i < n; i++) await fail(untrusted(`many${i}@example.org`, `10.0.${Math.floor(i / 250)}.${i % 250}`), at(i * 0.1));
    expect((await refusedBy(untrusted("fresh@example.org", "192.0.2.200"), at(n * 0.1 + 1)))?.scope).toBe("everyone");
    await fail(trusted("fresh@example.org", "dev-fresh", "192.0.2.200"), at(n * 0.1 + 2));
    // The window moves on: fifteen minutes later untrusted browsers may try again.
    await fail(untrusted("fresh@example.org", "192.0.2.200"), at(n * 0.1 + attempts.THROTTLE.windowMs / 1000 + 1));
  });
});

describe("parallel tries", () => {
  // On PostgreSQL they really run side by side, each on its own pooled connection; each try's
  // check and insert hold the counts it reads (throttleLocks), so none can slip past.
  it("cannot slip past the count: fifty at once on one account, five recorded", async () => {
    const when = at(0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempts.beginAttempt(untrusted("burst@example.org", `203.0.113.${i}`), when)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(attempts.THROTTLE.free.account);
    expect(await db.value("SELECT count(*) FROM login_attempts WHERE email = 'burst@example.org'")).toBe(attempts.THROTTLE.free.account);
  });

  it("nor past the address's count: fifty at once from one address on fifty accounts, twenty recorded", async () => {
    const when = at(0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempts.beginAttempt(untrusted(`acct${i}@example.org`, "198.51.100.7"), when)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(attempts.THROTTLE.free.address);
    expect(await db.value("SELECT count(*) FROM login_attempts WHERE ip = '198.51.100.7'")).toBe(attempts.THROTTLE.free.address);
  });

  it("nor past one trusted browser's count, while other browsers go on", async () => {
    const when = at(0);
    const mine = Promise.all(Array.from({ length: 20 }, () => attempts.beginAttempt(trusted("dev@example.org", "dev-p"), when)));
    const others = Promise.all(Array.from({ length: 3 }, (_, i) => attempts.beginAttempt(trusted("dev@example.org", `dev-q${i}`), when)));
    expect((await mine).filter((r) => r.allowed)).toHaveLength(attempts.THROTTLE.free.device);
    expect((await others).every((r) => r.allowed)).toBe(true);
  });
});

describe("noteFailure", () => {
  it("writes one audit row when a failure starts a lock, none before", async () => {
    for (let i = 0; i < 4; i++) {
      await fail(untrusted("audited@example.org"), at(i));
      expect(await attempts.noteFailure(untrusted("audited@example.org"), at(i))).toBeNull();
    }
    await fail(untrusted("audited@example.org"), at(4));
    expect(await attempts.noteFailure(untrusted("audited@example.org"), at(4))).toMatchObject({ scope: "account", failures: 5 });
    const rows = await db.all<{ action: string; entity: string; entityId: string; userId: number | null; after: string }>(
      'SELECT action, entity, entity_id AS "entityId", user_id AS "userId", after FROM audit_log',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "throttle",
      entity: "sign-in",
      entityId: "audited@example.org from untrusted browsers",
      userId: null,
    });
    expect(JSON.parse(rows[0]!.after)).toMatchObject({ scope: "account", failures: 5 });
  });
});

describe("sessions", () => {
  let userId: number;
  let admin: { id: number; sessionVersion: number; role: "admin" };
  beforeAll(async () => {
    userId = await client.writeTransaction((tx) =>
      users.createUser(tx, null, { email: "sess@example.org", name: "Sess", role: "editor", passwordHash: "x" }),
    );
    const adminId = await client.writeTransaction((tx) =>
      users.createUser(tx, null, { email: "sess.admin@example.org", name: "Sess Admin", role: "admin", passwordHash: "x" }),
    );
    admin = { id: adminId, sessionVersion: 1, role: "admin" };
  });

  const start = (token: string, now = new Date()) =>
    client.writeTransaction(async (tx) => {
      const l = tables.loginAttempts;
      const [attempt] = await tx
        .insert(l)
        .values({ at: now.toISOString(), email: "sess@example.org", ip: "192.0.2.5", success: false })
        .returning({ id: l.id });
      return sessions.startSession(tx, {
        attemptId: attempt!.id,
        user: { id: userId },
        tokenHash: token,
        ip: "192.0.2.5",
        userAgent: "UA",
        trustedDevice: false,
        now,
        lifetimeMs: 8 * 3_600_000,
      });
    });
  const row = async (id: number) =>
    (await db.get<{ endedAt: string | null; endReason: string | null; expiresAt: string; createdAt: string }>(
      'SELECT ended_at AS "endedAt", end_reason AS "endReason", expires_at AS "expiresAt", created_at AS "createdAt" FROM sessions WHERE id = ?',
      id,
    ))!;
  const actor = (sessionId: number) => ({ id: userId, sessionVersion: 1, role: "editor" as const, sessionId });
  const check = (sessionId: number) => client.writeTransaction((tx) => audit.assertActor(tx, actor(sessionId), ["editor"]));

  it("expire a fixed time after sign-in, and a sign-in is audited", async () => {
    const id = await start("hash-a", new Date("2026-11-21T08:00:00Z"));
    expect(await row(id)).toMatchObject({ createdAt: "2026-11-21T08:00:00.000Z", expiresAt: "2026-11-21T16:00:00.000Z", endedAt: null });
    expect(await db.column("SELECT action FROM audit_log WHERE entity = 'session' AND entity_id = ?", String(id))).toEqual(["sign in"]);
    // Past its expiry, assertActor refuses a write from it.
    await expect(check(id)).rejects.toThrow(errors.NotAllowedError);
  });

  it("sign-out ends that session only; the user's other devices stay signed in", async () => {
    const a = await start("hash-b");
    const b = await start("hash-c");
    expect(await client.writeTransaction((tx) => sessions.signOutSession(tx, "hash-b"))).toBe(true);
    expect(await row(a)).toMatchObject({ endReason: "signed out" });
    expect((await row(b)).endedAt).toBeNull();
    await expect(check(a)).rejects.toThrow(errors.NotAllowedError);
    await expect(check(b)).resolves.toBeUndefined();
    // Signing out twice changes nothing more.
    expect(await client.writeTransaction((tx) => sessions.signOutSession(tx, "hash-b"))).toBe(false);
  });

  it("an admin ends one session, audited with the admin as actor", async () => {
    const id = await start("hash-d");
    await client.writeTransaction((tx) => sessions.endSessionByAdmin(tx, admin, id));
    expect(await row(id)).toMatchObject({ endReason: "ended by an admin" });
    expect(
      await db.value("SELECT user_id FROM audit_log WHERE entity = 'session' AND entity_id = ? AND action = 'end session'", String(id)),
    ).toBe(admin.id);
  });

  it("a role change ends every open session of that user", async () => {
    const a = await start("hash-e");
    const b = await start("hash-f");
    await client.writeTransaction((tx) => users.updateUser(tx, admin, userId, { role: "editor" }));
    expect([(await row(a)).endReason, (await row(b)).endReason]).toEqual(["account changed", "account changed"]);
  });

  it("pruning drops attempts older than a day and sessions over for a month, nothing newer", async () => {
    const now = new Date("2026-12-31T00:00:00Z");
    await db.run(
      "INSERT INTO login_attempts (at, email, ip, success) VALUES (?, 'old@example.org', '192.0.2.1', false), (?, 'new@example.org', '192.0.2.1', false)",
      "2026-12-29T00:00:00.000Z",
      "2026-12-30T12:00:00.000Z",
    );
    const old = await start("hash-old", new Date("2026-11-01T00:00:00Z"));
    const recent = await start("hash-recent", new Date("2026-12-30T00:00:00Z"));
    const pruned = await client.writeTransaction((tx) => sessions.pruneSignInRecords(tx, now));
    expect(pruned.attempts).toBeGreaterThanOrEqual(1);
    expect(await db.column("SELECT email FROM login_attempts WHERE email IN ('old@example.org', 'new@example.org')")).toEqual([
      "new@example.org",
    ]);
    expect(await db.column("SELECT id FROM sessions WHERE id IN (?, ?)", old, recent)).toEqual([recent]);
  });
});
