import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";

type Client = typeof import("@/db/client");
let dir: string;
let client: Client;
let db: Database.Database;
let figures: typeof import("@/db/mutations/figures");
let rounds: typeof import("@/db/mutations/rounds");
let audit: typeof import("@/db/mutations/audit");
let errors: typeof import("@/db/mutations/errors");
let attempts: typeof import("@/db/mutations/login-attempts");
let users: typeof import("@/db/mutations/users");
let FigureSchema: typeof import("@/lib/validation/figure").FigureSchema;
let RoundSchema: typeof import("@/lib/validation/round").RoundSchema;
let editor: { id: number; sessionVersion: number; role: "editor" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-mut-"));
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  (await import("@/db/migrate")).runMigrations();
  (await import("@/db/seed")).seed();
  client = await import("@/db/client");
  figures = await import("@/db/mutations/figures");
  rounds = await import("@/db/mutations/rounds");
  audit = await import("@/db/mutations/audit");
  errors = await import("@/db/mutations/errors");
  attempts = await import("@/db/mutations/login-attempts");
  users = await import("@/db/mutations/users");
  FigureSchema = (await import("@/lib/validation/figure")).FigureSchema;
  RoundSchema = (await import("@/lib/validation/round")).RoundSchema;
  db = client.rawWriter();
  const id = client.writeTransaction((tx) => users.createUser(tx, null, { email: "ed@example.org", name: "Ed", role: "editor", passwordHash: "x" }));
  editor = { id, sessionVersion: 1, role: "editor" };
}, 30_000);

afterAll(() => {
  client?.closeDb();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Row = { id: number; value: number; version: number; preferred: number };
const row = (where: string) => db.prepare(`SELECT id, value, version, preferred FROM trade_figures WHERE ${where}`).get() as Row;
const imf = (flow: string, year = 2018) => row(`reporter='KHM' AND partner='KOR' AND flow='${flow}' AND period_start='${year}-01' AND period_end='${year}-12' AND source_id='imf-dots'`);

function figureInput(r: Row, value: string, extra: Record<string, string> = {}) {
  const full = db.prepare("SELECT * FROM trade_figures WHERE id = ?").get(r.id) as Record<string, string | number>;
  const parsed = FigureSchema.parse({
    id: String(r.id), version: String(r.version), reporter: full.reporter, partner: full.partner, periodStart: full.period_start, periodEnd: full.period_end,
    flow: full.flow, value, source: full.source_id, preferred: full.preferred ? "on" : "", ...extra,
  });
  return parsed;
}

describe("saveFigure", () => {
  it("recomputes the derived total and balance in the same transaction, with audit rows", () => {
    const x = imf("exports");
    const m = imf("imports");
    const before = db.prepare("SELECT count(*) n FROM audit_log").get() as { n: number };
    const input = figureInput(x, "500");
    const saved = client.writeTransaction((tx) => figures.saveFigure(tx, editor, input));
    expect(saved.changed).toBe(3);
    expect(imf("total").value).toBe(500_000_000 + m.value);
    expect(imf("balance").value).toBe(500_000_000 - m.value);
    expect(imf("exports").version).toBe(x.version + 1);
    expect((db.prepare("SELECT count(*) n FROM audit_log").get() as { n: number }).n).toBe(before.n + 3);
  });

  it("refuses a stale version and names who saved the newer one", () => {
    const x = imf("exports");
    const stale = { ...figureInput(x, "501"), version: x.version - 1 };
    expect(() => client.writeTransaction((tx) => figures.saveFigure(tx, editor, stale))).toThrow(errors.ConflictError);
    try {
      client.writeTransaction((tx) => figures.saveFigure(tx, editor, stale));
    } catch (e) {
      expect(e instanceof errors.ConflictError && e.byName).toBe("Ed");
    }
    expect(imf("exports").value).toBe(500_000_000);
  });

  it("refuses to edit a derived value directly", () => {
    const t = imf("total");
    expect(() => client.writeTransaction((tx) => figures.saveFigure(tx, editor, figureInput(t, "1")))).toThrow(/computed from exports and imports/);
  });

  it("keeps exactly one preferred value per cell when another is preferred", () => {
    const cellCount = () =>
      (db.prepare("SELECT count(*) n FROM trade_figures WHERE counterpart='KOR' AND khm_flow='exports' AND period_start='2018-01' AND period_end='2018-12' AND preferred=1").get() as { n: number }).n;
    const partnerSide = row(`reporter='KOR' AND partner='KHM' AND flow='imports' AND period_start='2018-01' AND period_end='2018-12' AND source_id='imf-dots'`);
    client.writeTransaction((tx) => figures.saveFigure(tx, editor, figureInput(partnerSide, String(partnerSide.value / 1e6), { preferred: "on" })));
    expect(cellCount()).toBe(1);
    expect(row(`id=${partnerSide.id}`).preferred).toBe(1);
    expect(imf("exports").preferred).toBe(0);
  });

  it("refuses an unknown partner and writes nothing", () => {
    const before = db.prepare("SELECT count(*) n, total(version) v FROM trade_figures").get();
    const input = FigureSchema.parse({ reporter: "KHM", partner: "ZZZ", periodStart: "2025-01", periodEnd: "2025-12", flow: "exports", value: "1", source: "imf-dots" });
    expect(() => client.writeTransaction((tx) => figures.saveFigure(tx, editor, input))).toThrow(/Unknown economy code ZZZ/);
    expect(db.prepare("SELECT count(*) n, total(version) v FROM trade_figures").get()).toEqual(before);
  });
});

describe("saveRound", () => {
  const base = { agreement: "ckfta", startDate: "2026-11-18", endDate: "2026-11-20", format: "virtual", topics: "goods", summary: "x" };
  it("refuses a duplicate round number", () => {
    const input = RoundSchema.parse({ ...base, number: "4" });
    expect(() => client.writeTransaction((tx) => rounds.saveRound(tx, editor, input))).toThrow(/Round 4 of this agreement already exists/);
  });
  it("creates a round with its reports and one preferred", () => {
    const input = RoundSchema.parse({ ...base, number: "5", sources: ["yonhap-2020-11-17", "ppp-2020-09-01"], preferredSource: "ppp-2020-09-01" });
    const saved = client.writeTransaction((tx) => rounds.saveRound(tx, editor, input));
    const reports = db.prepare("SELECT source_id, preferred FROM round_sources WHERE round_id = ? ORDER BY source_id").all(saved.id);
    expect(reports).toEqual([
      { source_id: "ppp-2020-09-01", preferred: 1 },
      { source_id: "yonhap-2020-11-17", preferred: 0 },
    ]);
  });
});

describe("assertActor", () => {
  it("stops a user disabled after the session check", () => {
    const id = client.writeTransaction((tx) => users.createUser(tx, null, { email: "gone@example.org", name: "Gone", role: "editor", passwordHash: "x" }));
    db.prepare("UPDATE users SET disabled = 1, session_version = session_version + 1 WHERE id = ?").run(id);
    expect(() => client.writeTransaction((tx) => audit.assertActor(tx, { id, sessionVersion: 1, role: "editor" }, ["editor", "admin"]))).toThrow(errors.NotAllowedError);
  });
  it("stops an editor from an admin-only write", () => {
    expect(() => client.writeTransaction((tx) => audit.assertActor(tx, editor, ["admin"]))).toThrow(errors.NotAllowedError);
  });
});

describe("beginAttempt", () => {
  it("allows a few tries, then makes the wait grow", () => {
    const t0 = new Date("2026-11-21T10:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < attempts.THROTTLE.freePerAccount; i++) expect(attempts.beginAttempt("x@example.org", "198.51.100.1", at(i)).allowed).toBe(true);
    const first = attempts.THROTTLE.firstWaitMs / 1000;
    const blocked = attempts.beginAttempt("x@example.org", "198.51.100.2", at(4.5));
    expect(blocked).toEqual({ allowed: false, retryAfterSeconds: first });
    expect(attempts.beginAttempt("x@example.org", "198.51.100.2", at(4 + first - 1)).allowed).toBe(false);
    expect(attempts.beginAttempt("x@example.org", "198.51.100.2", at(4 + first + 1)).allowed).toBe(true);
    const second = attempts.beginAttempt("x@example.org", "198.51.100.2", at(4 + first + 1.5));
    expect(second.allowed).toBe(false);
    expect(!second.allowed && second.retryAfterSeconds).toBe(2 * first);
    // Another account from another address is unaffected.
    expect(attempts.beginAttempt("y@example.org", "198.51.100.3", at(4 + first + 2)).allowed).toBe(true);
  });
  it("a success resets the account's count", () => {
    const t0 = Date.parse("2026-11-21T11:00:00Z");
    let last = attempts.beginAttempt("z@example.org", "198.51.100.9", new Date(t0));
    for (let i = 1; i < 5; i++) last = attempts.beginAttempt("z@example.org", "198.51.100.9", new Date(t0 + i * 1000));
    if (!last.allowed) throw new Error("expected allowed");
    attempts.markSuccess(last.attemptId);
    expect(attempts.beginAttempt("z@example.org", "198.51.100.9", new Date(t0 + 5000)).allowed).toBe(true);
  });
});

describe("whose records, approximate and one-source values", () => {
  const korJanAug = () => row(`source_id='ppp-2023-09-korea-exports' AND flow='exports'`);
  const flags = (id: number) => db.prepare("SELECT records, approximate, confidence FROM trade_figures WHERE id = ?").get(id);

  it("refuses a record keeper that does not keep the reporter's records, and writes nothing", () => {
    const r = korJanAug();
    expect(() => client.writeTransaction((tx) => figures.saveFigure(tx, editor, figureInput(r, "189.38", { records: "KITA" })))).toThrow(/KITA keeps KOR's records/);
    expect(flags(r.id)).toEqual({ records: "GDCE", approximate: 0, confidence: "high" });
  });

  it("saves the form's flags, and a write without them (a CSV row) keeps what is stored", () => {
    const r = korJanAug();
    client.writeTransaction((tx) => figures.saveFigure(tx, editor, figureInput(r, "189.38", { records: "GDCE", approximate: "on", oneSource: "on" })));
    expect(flags(r.id)).toEqual({ records: "GDCE", approximate: 1, confidence: "medium" });
    const again = korJanAug();
    const { records: _r, approximate: _a, oneSource: _o, ...csvLike } = figureInput(again, "189.4");
    client.writeTransaction((tx) => figures.saveFigure(tx, editor, csvLike));
    expect(flags(again.id)).toEqual({ records: "GDCE", approximate: 1, confidence: "medium" });
    expect(korJanAug().value).toBe(189_400_000);
  });

  it("gives a derived balance the records and flags of the values it comes from; a reported total is left alone", () => {
    const total = row(`source_id='ppp-2023-09-korea-exports' AND flow='total'`);
    const balance = db
      .prepare("SELECT value, derived, records, approximate, confidence FROM trade_figures WHERE source_id='ppp-2023-09-korea-exports' AND flow='balance'")
      .get() as { value: number; derived: number; records: string; approximate: number; confidence: string };
    expect(balance).toEqual({ value: 189_400_000 - 314_370_000, derived: 1, records: "GDCE", approximate: 1, confidence: "medium" });
    expect(total.value).toBe(503_750_000);
  });
});
