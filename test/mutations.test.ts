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
