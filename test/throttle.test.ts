/**
 * The sign-in throttle (db/mutations/login-attempts.ts) and session rows (db/mutations/sessions.ts)
 * on a real SQLite file: device, account, address and global limits, the race of parallel tries,
 * the audit rows, pruning, and sessions that end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { loginAttempts } from "@/db/schema";

type Attempts = typeof import("@/db/mutations/login-attempts");
let dir: string;
let client: typeof import("@/db/client");
let attempts: Attempts;
let sessions: typeof import("@/db/mutations/sessions");
let users: typeof import("@/db/mutations/users");
let audit: typeof import("@/db/mutations/audit");
let errors: typeof import("@/db/mutations/errors");
let db: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-throttle-"));
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  (await import("@/db/migrate")).runMigrations();
  client = await import("@/db/client");
  attempts = await import("@/db/mutations/login-attempts");
  sessions = await import("@/db/mutations/sessions");
  users = await import("@/db/mutations/users");
  audit = await import("@/db/mutations/audit");
  errors = await import("@/db/mutations/errors");
  db = client.rawWriter();
}, 30_000);

afterAll(() => {
  client?.closeDb();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  db.exec("DELETE FROM login_attempts; DELETE FROM audit_log;");
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
const succeed = (attemptId: number) => db.prepare("UPDATE login_attempts SET success = 1 WHERE id = ?").run(attemptId);
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
    expect((await refusedBy(untrusted("x@example.org"), at(4 + first() + 1.5)))?.until.getTime()).toBe(at(4 + first() + 1 + 2 * first()).getTime());
    // Another account is untouched.
    await fail(untrusted("y@example.org", "198.51.100.60"), at(6));
  });

  it("do not lock out the owner's trusted browser, which signs in at once", async () => {
    for (let i = 0; i < 6; i++) await attempts.beginAttempt(untrusted("owner@example.org", "203.0.113.9"), at(i));
    expect((await refusedBy(untrusted("owner@example.org", "192.0.2.1"), at(7)))?.scope).toBe("account");
    const id = await fail(trusted("owner@example.org", "dev-owner", "203.0.113.9"), at(8));
    succeed(id);
  });

  it("start over after a success from an untrusted browser", async () => {
    let last = 0;
    for (let i = 0; i < 5; i++) last = await fail(untrusted("z@example.org"), at(i));
    succeed(last);
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
    succeed(last);
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
  it("cannot slip past the count: fifty at once, five recorded", async () => {
    const when = at(0);
    const results = await Promise.all(Array.from({ length: 50 }, () => attempts.beginAttempt(untrusted("burst@example.org"), when)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(db.prepare("SELECT count(*) FROM login_attempts WHERE email = 'burst@example.org'").pluck().get()).toBe(5);
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
    const rows = db.prepare("SELECT action, entity, entity_id AS entityId, user_id AS userId, after FROM audit_log").all() as { action: string; entity: string; entityId: string; userId: number | null; after: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "throttle", entity: "sign-in", entityId: "audited@example.org from untrusted browsers", userId: null });
    expect(JSON.parse(rows[0]!.after)).toMatchObject({ scope: "account", failures: 5 });
  });
});

describe("sessions", () => {
  let userId: number;
  let admin: { id: number; sessionVersion: number; role: "admin" };
  beforeAll(() => {
    userId = client.writeTransaction((tx) => users.createUser(tx, null, { email: "sess@example.org", name: "Sess", role: "editor", passwordHash: "x" }));
    const adminId = client.writeTransaction((tx) => users.createUser(tx, null, { email: "sess.admin@example.org", name: "Sess Admin", role: "admin", passwordHash: "x" }));
    admin = { id: adminId, sessionVersion: 1, role: "admin" };
  });

  const start = (token: string, now = new Date()) =>
    client.writeTransaction((tx) => {
      const attempt = tx.insert(loginAttempts).values({ at: now.toISOString(), email: "sess@example.org", ip: "192.0.2.5", success: false }).returning({ id: loginAttempts.id }).get();
      return sessions.startSession(tx, { attemptId: attempt.id, user: { id: userId }, tokenHash: token, ip: "192.0.2.5", userAgent: "UA", trustedDevice: false, now, lifetimeMs: 8 * 3_600_000 });
    });
  const row = (id: number) => db.prepare("SELECT ended_at AS endedAt, end_reason AS endReason, expires_at AS expiresAt, created_at AS createdAt FROM sessions WHERE id = ?").get(id) as { endedAt: string | null; endReason: string | null; expiresAt: string; createdAt: string };
  const actor = (sessionId: number) => ({ id: userId, sessionVersion: 1, role: "editor" as const, sessionId });

  it("expire a fixed time after sign-in, and a sign-in is audited", () => {
    const id = start("hash-a", new Date("2026-11-21T08:00:00Z"));
    expect(row(id)).toMatchObject({ createdAt: "2026-11-21T08:00:00.000Z", expiresAt: "2026-11-21T16:00:00.000Z", endedAt: null });
    expect(db.prepare("SELECT action FROM audit_log WHERE entity = 'session' AND entity_id = ?").pluck().all(String(id))).toEqual(["sign in"]);
    // Past its expiry, assertActor refuses a write from it.
    expect(() => client.writeTransaction((tx) => audit.assertActor(tx, actor(id), ["editor"]))).toThrow(errors.NotAllowedError);
  });

  it("sign-out ends that session only; the user's other devices stay signed in", () => {
    const a = start("hash-b");
    const b = start("hash-c");
    expect(client.writeTransaction((tx) => sessions.signOutSession(tx, "hash-b"))).toBe(true);
    expect(row(a)).toMatchObject({ endReason: "signed out" });
    expect(row(b).endedAt).toBeNull();
    expect(() => client.writeTransaction((tx) => audit.assertActor(tx, actor(a), ["editor"]))).toThrow(errors.NotAllowedError);
    expect(() => client.writeTransaction((tx) => audit.assertActor(tx, actor(b), ["editor"]))).not.toThrow();
    // Signing out twice changes nothing more.
    expect(client.writeTransaction((tx) => sessions.signOutSession(tx, "hash-b"))).toBe(false);
  });

  it("an admin ends one session, audited with the admin as actor", () => {
    const id = start("hash-d");
    client.writeTransaction((tx) => sessions.endSessionByAdmin(tx, admin, id));
    expect(row(id)).toMatchObject({ endReason: "ended by an admin" });
    expect(db.prepare("SELECT user_id FROM audit_log WHERE entity = 'session' AND entity_id = ? AND action = 'end session'").pluck().get(String(id))).toBe(admin.id);
  });

  it("a role change ends every open session of that user", () => {
    const a = start("hash-e");
    const b = start("hash-f");
    client.writeTransaction((tx) => users.updateUser(tx, admin, userId, { role: "editor" }));
    expect([row(a).endReason, row(b).endReason]).toEqual(["account changed", "account changed"]);
  });

  it("pruning drops attempts older than a day and sessions over for a month, nothing newer", () => {
    const now = new Date("2026-12-31T00:00:00Z");
    db.prepare("INSERT INTO login_attempts (at, email, ip, success) VALUES (?, 'old@example.org', '192.0.2.1', 0), (?, 'new@example.org', '192.0.2.1', 0)").run("2026-12-29T00:00:00.000Z", "2026-12-30T12:00:00.000Z");
    const old = start("hash-old", new Date("2026-11-01T00:00:00Z"));
    const recent = start("hash-recent", new Date("2026-12-30T00:00:00Z"));
    const pruned = client.writeTransaction((tx) => sessions.pruneSignInRecords(tx, now));
    expect(pruned.attempts).toBeGreaterThanOrEqual(1);
    expect(db.prepare("SELECT email FROM login_attempts WHERE email IN ('old@example.org', 'new@example.org')").pluck().all()).toEqual(["new@example.org"]);
    expect(db.prepare("SELECT id FROM sessions WHERE id IN (?, ?)").pluck().all(old, recent)).toEqual([recent]);
  });
});
