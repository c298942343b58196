import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { formatDateTime } from "@/lib/format/date";
import { parseFigureCsv, type SeenVersion } from "@/lib/validation/figure-csv";

type Client = typeof import("@/db/client");
let dir: string;
let client: Client;
let db: Database.Database;
let figures: typeof import("@/db/mutations/figures");
let figureImport: typeof import("@/db/mutations/figure-import");
let figureImportQueries: typeof import("@/db/queries/figure-import");
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
  figureImport = await import("@/db/mutations/figure-import");
  figureImportQueries = await import("@/db/queries/figure-import");
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

describe("moving a figure to another period", () => {
  type Stored = { id: number; flow: string; value: number; derived: number; preferred: number };
  const group = (periodEnd: string) =>
    db
      .prepare("SELECT id, flow, value, derived, preferred FROM trade_figures WHERE reporter='KHM' AND partner='AUS' AND source_id='imf-dots' AND period_start='2019-01' AND period_end=? ORDER BY flow")
      .all(periodEnd) as Stored[];
  const values = (periodEnd: string) => Object.fromEntries(group(periodEnd).map((r) => [r.flow, r.value / 1e6]));
  const save = (fields: Record<string, string>) =>
    client.writeTransaction((tx) =>
      figures.saveFigure(tx, editor, FigureSchema.parse({ reporter: "KHM", partner: "AUS", periodStart: "2019-01", source: "imf-dots", ...fields })),
    );
  const move = (id: number, periodEnd: string) => {
    const r = db.prepare("SELECT version, value FROM trade_figures WHERE id = ?").get(id) as { version: number; value: number };
    return save({ id: String(id), version: String(r.version), flow: "exports", periodEnd, value: String(r.value / 1e6) });
  };
  const preferredTwice = () =>
    db.prepare("SELECT counterpart, khm_flow, period_start, period_end FROM trade_figures WHERE preferred = 1 GROUP BY 1, 2, 3, 4 HAVING count(*) > 1").all();

  it("recomputes the totals and balances of both periods, either way", () => {
    // Jan–Jun 2019: exports 10, imports 4. Jan–Sep 2019 (same first month): imports 7 only.
    const x = save({ flow: "exports", periodEnd: "2019-06", value: "10" });
    save({ flow: "imports", periodEnd: "2019-06", value: "4" });
    save({ flow: "imports", periodEnd: "2019-09", value: "7" });
    expect(values("2019-06")).toEqual({ exports: 10, imports: 4, total: 14, balance: 6 });
    expect(values("2019-09")).toEqual({ imports: 7 });

    // The exports move to Jan–Sep: only the last month of the period changes.
    const moved = move(x.id, "2019-09");
    expect(values("2019-09")).toEqual({ exports: 10, imports: 7, total: 17, balance: 3 });
    // Jan–Jun keeps its imports; the total and balance computed from the pair that broke are gone, not stale.
    expect(values("2019-06")).toEqual({ imports: 4 });
    expect(moved.changed).toBe(1 + 2 + 2);
    const removed = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'delete' AND entity = 'figure'").get() as { n: number };
    expect(removed.n).toBe(2);

    // And back again.
    move(x.id, "2019-06");
    expect(values("2019-06")).toEqual({ exports: 10, imports: 4, total: 14, balance: 6 });
    expect(values("2019-09")).toEqual({ imports: 7 });
    // Each cell keeps exactly one preferred value throughout.
    for (const end of ["2019-06", "2019-09"]) for (const r of group(end)) expect(r.preferred, `${r.flow} ${end}`).toBe(1);
    expect(preferredTwice()).toEqual([]);
  });

  it("leaves alone a value implied by a reported change when the group has no pair", () => {
    // The Post's 2022 Japan figures are implied by reported changes (derived, no reported pair).
    const implied = () =>
      db.prepare("SELECT flow, value FROM trade_figures WHERE reporter='KHM' AND partner='JPN' AND period_start='2022-01' AND period_end='2022-12' AND source_id='ppp-2024-03-26' AND derived = 1 ORDER BY flow").all();
    const before = implied();
    expect(before.length).toBe(3);
    client.writeTransaction((tx) =>
      figures.saveFigure(tx, editor, FigureSchema.parse({ reporter: "KHM", partner: "JPN", periodStart: "2022-01", periodEnd: "2022-12", flow: "balance", value: "500", source: "ppp-2024-03-26" })),
    );
    expect(implied()).toEqual(before);
  });
});

describe("importFigures", () => {
  const header = "reporter,partner,period_start,period_end,flow,value,source,note,estimate";
  // Corrects a stored figure (Cambodia's 2010 exports to Korea) and adds one in a free period.
  const text = `${header}\nKHM,KOR,2010-01,2010-12,exports,123.4,imf-dots,,\nKHM,KOR,1955-01,1955-12,exports,1.5,imf-dots,,\n`;
  const file = () => parseFigureCsv(text);
  const seenNow = async () => {
    const preview = await figureImportQueries.previewImport(file());
    return preview.found.stored.map((s): SeenVersion => (s ? [s.id, s.version] : 0));
  };
  const stored2010 = () => imf("exports", 2010);
  const stored1955 = () => db.prepare("SELECT count(*) AS n FROM trade_figures WHERE partner = 'KOR' AND period_start = '1955-01'").get() as { n: number };

  it("refuses rows another editor changed since the preview, naming them, and writes nothing", async () => {
    const seen = await seenNow();
    expect(seen[0]).toEqual([stored2010().id, stored2010().version]);
    expect(seen[1]).toBe(0);
    // Another editor corrects the same figure after the preview.
    const other = client.writeTransaction((tx) => users.createUser(tx, null, { email: "sokha@example.org", name: "Sokha Chan", role: "editor", passwordHash: "x" }));
    client.writeTransaction((tx) => figures.saveFigure(tx, { id: other, sessionVersion: 1, role: "editor" }, figureInput(stored2010(), "99")));
    const before = db.prepare("SELECT count(*) n, total(version) v FROM trade_figures").get();
    let refused: unknown = null;
    try {
      client.writeTransaction((tx) => figureImport.importFigures(tx, editor, file(), seen));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(errors.ConflictError);
    const conflict = refused as InstanceType<typeof errors.ConflictError>;
    expect(conflict.byName).toBe("Sokha Chan");
    const lastAudit = db.prepare("SELECT at FROM audit_log WHERE entity = 'figure' AND entity_id = ? ORDER BY id DESC LIMIT 1").get(String(stored2010().id)) as { at: string };
    expect(conflict.at).toBe(lastAudit.at);
    expect(conflict.userMessage).toBe(
      `Nothing was imported: line 2 (KHM → KOR, exports, 2010, imf-dots) was changed by Sokha Chan at ${formatDateTime(lastAudit.at)} after your preview. Preview the file again to see what is stored now.`,
    );
    expect(db.prepare("SELECT count(*) n, total(version) v FROM trade_figures").get()).toEqual(before);
    expect(stored2010().value).toBe(99_000_000);
    expect(stored1955().n).toBe(0);

    // Previewed again, the same file goes in whole.
    const fresh = await seenNow();
    const result = client.writeTransaction((tx) => figureImport.importFigures(tx, editor, file(), fresh));
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect(stored2010().value).toBe(123_400_000);
    expect(stored1955().n).toBe(1);
  });

  it("imports nothing when a row has a problem only the database can tell", () => {
    const unknown = parseFigureCsv(`${header}\nKHM,KOR,1953-01,1953-12,exports,2,imf-dots,,\nKHM,ZZZ,1953-01,1953-12,exports,2,imf-dots,,\n`);
    const before = db.prepare("SELECT count(*) n, total(version) v FROM trade_figures").get();
    expect(() => client.writeTransaction((tx) => figureImport.importFigures(tx, editor, unknown, [0, 0]))).toThrow(/Nothing was imported: 1 row\(s\) have problems/);
    expect(db.prepare("SELECT count(*) n, total(version) v FROM trade_figures").get()).toEqual(before);
  });

  it("refuses a row someone added since the preview saw nothing there", async () => {
    const added = `${header}\nKHM,KOR,1954-01,1954-12,exports,2,imf-dots,,\n`;
    const seen: SeenVersion[] = [0];
    client.writeTransaction((tx) =>
      figures.saveFigure(tx, editor, FigureSchema.parse({ reporter: "KHM", partner: "KOR", periodStart: "1954-01", periodEnd: "1954-12", flow: "exports", value: "3", source: "imf-dots" })),
    );
    expect(() => client.writeTransaction((tx) => figureImport.importFigures(tx, editor, parseFigureCsv(added), seen))).toThrow(
      expect.objectContaining({ byName: "Ed", userMessage: expect.stringMatching(/^Nothing was imported: line 2 \(KHM → KOR, exports, 1954, imf-dots\) was added by Ed at /) }),
    );
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
