/**
 * The mutations (db/mutations) on a seeded database, on the engine of the Vitest project (SQLite or
 * PostgreSQL): derived values recomputed, one preferred value per cell, stale versions refused,
 * the CSV import's re-check, rounds, the acting user checked again inside the transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/format/date";
import { parseFigureCsv, type SeenVersion } from "@/lib/validation/figure-csv";
import { testDatabase, type TestDatabase } from "./support/test-database";
import type { RawSql } from "./support/raw-sql";

type Client = typeof import("@/db/client");
let test: TestDatabase;
let client: Client;
let db: RawSql;
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
  test = await testDatabase("mutations");
  db = test.sql;
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
  const id = await client.writeTransaction((tx) =>
    users.createUser(tx, null, { email: "ed@example.org", name: "Ed", role: "editor", passwordHash: "x" }),
  );
  editor = { id, sessionVersion: 1, role: "editor" };
}, 60_000);

afterAll(async () => {
  await test?.dispose();
});

type Row = { id: number; value: number; version: number; preferred: number };
const row = async (where: string) => (await db.get<Row>(`SELECT id, value, version, preferred FROM trade_figures WHERE ${where}`))!;
const imf = (flow: string, year = 2018) =>
  row(
    `reporter='KHM' AND partner='KOR' AND flow='${flow}' AND period_start='${year}-01' AND period_end='${year}-12' AND source_id='imf-dots'`,
  );
/** A fingerprint of the whole table: a write that was refused must leave it as it was. */
const tableState = () => db.get("SELECT count(*) AS n, sum(version) AS v FROM trade_figures");

async function figureInput(r: Row, value: string, extra: Record<string, string> = {}) {
  const full = (await db.get<Record<string, string | number>>("SELECT * FROM trade_figures WHERE id = ?", r.id))!;
  const parsed = FigureSchema.parse({
    id: String(r.id),
    version: String(r.version),
    reporter: full.reporter,
    partner: full.partner,
    periodStart: full.period_start,
    periodEnd: full.period_end,
    flow: full.flow,
    value,
    source: full.source_id,
    preferred: full.preferred ? "on" : "",
    ...extra,
  });
  return parsed;
}

describe("saveFigure", () => {
  it("recomputes the derived total and balance in the same transaction, with audit rows", async () => {
    const x = await imf("exports");
    const m = await imf("imports");
    const before = await db.value<number>("SELECT count(*) FROM audit_log");
    const input = await figureInput(x, "500");
    const saved = await client.writeTransaction((tx) => figures.saveFigure(tx, editor, input));
    expect(saved.changed).toBe(3);
    expect((await imf("total")).value).toBe(500_000_000 + m.value);
    expect((await imf("balance")).value).toBe(500_000_000 - m.value);
    expect((await imf("exports")).version).toBe(x.version + 1);
    expect(await db.value("SELECT count(*) FROM audit_log")).toBe(before + 3);
  });

  it("refuses a stale version and names who saved the newer one", async () => {
    const x = await imf("exports");
    const stale = { ...(await figureInput(x, "501")), version: x.version - 1 };
    const error = await client.writeTransaction((tx) => figures.saveFigure(tx, editor, stale)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.ConflictError);
    expect((error as InstanceType<typeof errors.ConflictError>).byName).toBe("Ed");
    expect((await imf("exports")).value).toBe(500_000_000);
  });

  it("refuses to edit a derived value directly", async () => {
    const t = await imf("total");
    const input = await figureInput(t, "1");
    await expect(client.writeTransaction((tx) => figures.saveFigure(tx, editor, input))).rejects.toThrow(
      /computed from exports and imports/,
    );
  });

  it("keeps exactly one preferred value per cell when another is preferred", async () => {
    const cellCount = () =>
      db.value(
        "SELECT count(*) FROM trade_figures WHERE counterpart='KOR' AND khm_flow='exports' AND period_start='2018-01' AND period_end='2018-12' AND preferred = true",
      );
    const partnerSide = await row(
      `reporter='KOR' AND partner='KHM' AND flow='imports' AND period_start='2018-01' AND period_end='2018-12' AND source_id='imf-dots'`,
    );
    const input = await figureInput(partnerSide, String(partnerSide.value / 1e6), { preferred: "on" });
    await client.writeTransaction((tx) => figures.saveFigure(tx, editor, input));
    expect(await cellCount()).toBe(1);
    expect((await row(`id=${partnerSide.id}`)).preferred).toBe(1);
    expect((await imf("exports")).preferred).toBe(0);
  });

  it("refuses an unknown partner and writes nothing", async () => {
    const before = await tableState();
    const input = FigureSchema.parse({
      reporter: "KHM",
      partner: "ZZZ",
      periodStart: "2025-01",
      periodEnd: "2025-12",
      flow: "exports",
      value: "1",
      source: "imf-dots",
    });
    await expect(client.writeTransaction((tx) => figures.saveFigure(tx, editor, input))).rejects.toThrow(/Unknown economy code ZZZ/);
    expect(await tableState()).toEqual(before);
  });
});

describe("moving a figure to another period", () => {
  type Stored = { id: number; flow: string; value: number; derived: number; preferred: number };
  const group = (periodEnd: string) =>
    db.all<Stored>(
      "SELECT id, flow, value, derived, preferred FROM trade_figures WHERE reporter='KHM' AND partner='AUS' AND source_id='imf-dots' AND period_start='2019-01' AND period_end=? ORDER BY flow",
      periodEnd,
    );
  const values = async (periodEnd: string) => Object.fromEntries((await group(periodEnd)).map((r) => [r.flow, r.value / 1e6]));
  const save = (fields: Record<string, string>) =>
    client.writeTransaction((tx) =>
      figures.saveFigure(
        tx,
        editor,
        FigureSchema.parse({ reporter: "KHM", partner: "AUS", periodStart: "2019-01", source: "imf-dots", ...fields }),
      ),
    );
  const move = async (id: number, periodEnd: string) => {
    const r = (await db.get<{ version: number; value: number }>("SELECT version, value FROM trade_figures WHERE id = ?", id))!;
    return save({ id: String(id), version: String(r.version), flow: "exports", periodEnd, value: String(r.value / 1e6) });
  };
  const preferredTwice = () =>
    db.all(
      "SELECT counterpart, khm_flow, period_start, period_end FROM trade_figures WHERE preferred = true GROUP BY 1, 2, 3, 4 HAVING count(*) > 1",
    );

  it("recomputes the totals and balances of both periods, either way", async () => {
    // Jan–Jun 2019: exports 10, imports 4. Jan–Sep 2019 (same first month): imports 7 only.
    const x = await save({ flow: "exports", periodEnd: "2019-06", value: "10" });
    await save({ flow: "imports", periodEnd: "2019-06", value: "4" });
    await save({ flow: "imports", periodEnd: "2019-09", value: "7" });
    expect(await values("2019-06")).toEqual({ exports: 10, imports: 4, total: 14, balance: 6 });
    expect(await values("2019-09")).toEqual({ imports: 7 });

    // The exports move to Jan–Sep: only the last month of the period changes.
    const moved = await move(x.id, "2019-09");
    expect(await values("2019-09")).toEqual({ exports: 10, imports: 7, total: 17, balance: 3 });
    // Jan–Jun keeps its imports; the total and balance computed from the pair that broke are gone, not stale.
    expect(await values("2019-06")).toEqual({ imports: 4 });
    expect(moved.changed).toBe(1 + 2 + 2);
    expect(await db.value("SELECT count(*) FROM audit_log WHERE action = 'delete' AND entity = 'figure'")).toBe(2);

    // And back again.
    await move(x.id, "2019-06");
    expect(await values("2019-06")).toEqual({ exports: 10, imports: 4, total: 14, balance: 6 });
    expect(await values("2019-09")).toEqual({ imports: 7 });
    // Each cell keeps exactly one preferred value throughout.
    for (const end of ["2019-06", "2019-09"]) for (const r of await group(end)) expect(r.preferred, `${r.flow} ${end}`).toBe(1);
    expect(await preferredTwice()).toEqual([]);
  });

  it("leaves alone a value implied by a reported change when the group has no pair", async () => {
    // The Post's 2022 Japan figures are implied by reported changes (derived, no reported pair).
    const implied = () =>
      db.all(
        "SELECT flow, value FROM trade_figures WHERE reporter='KHM' AND partner='JPN' AND period_start='2022-01' AND period_end='2022-12' AND source_id='ppp-2024-03-26' AND derived = true ORDER BY flow",
      );
    const before = await implied();
    expect(before.length).toBe(3);
    await client.writeTransaction((tx) =>
      figures.saveFigure(
        tx,
        editor,
        FigureSchema.parse({
          reporter: "KHM",
          partner: "JPN",
          periodStart: "2022-01",
          periodEnd: "2022-12",
          flow: "balance",
          value: "500",
          source: "ppp-2024-03-26",
        }),
      ),
    );
    expect(await implied()).toEqual(before);
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
  const stored1955 = () => db.value("SELECT count(*) FROM trade_figures WHERE partner = 'KOR' AND period_start = '1955-01'");

  it("refuses rows another editor changed since the preview, naming them, and writes nothing", async () => {
    const seen = await seenNow();
    const at2010 = await stored2010();
    expect(seen[0]).toEqual([at2010.id, at2010.version]);
    expect(seen[1]).toBe(0);
    // Another editor corrects the same figure after the preview.
    const other = await client.writeTransaction((tx) =>
      users.createUser(tx, null, { email: "sokha@example.org", name: "Sokha Chan", role: "editor", passwordHash: "x" }),
    );
    const correction = await figureInput(at2010, "99");
    await client.writeTransaction((tx) => figures.saveFigure(tx, { id: other, sessionVersion: 1, role: "editor" }, correction));
    const before = await tableState();
    const refused = await client.writeTransaction((tx) => figureImport.importFigures(tx, editor, file(), seen)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(errors.ConflictError);
    const conflict = refused as InstanceType<typeof errors.ConflictError>;
    expect(conflict.byName).toBe("Sokha Chan");
    const lastAudit = await db.value<string>(
      "SELECT at FROM audit_log WHERE entity = 'figure' AND entity_id = ? ORDER BY id DESC LIMIT 1",
      String(at2010.id),
    );
    expect(conflict.at).toBe(lastAudit);
    expect(conflict.userMessage).toBe(
      `Nothing was imported: line 2 (KHM → KOR, exports, 2010, imf-dots) was changed by Sokha Chan at ${formatDateTime(lastAudit)} after your preview. Preview the file again to see what is stored now.`,
    );
    expect(await tableState()).toEqual(before);
    expect((await stored2010()).value).toBe(99_000_000);
    expect(await stored1955()).toBe(0);

    // Previewed again, the same file goes in whole.
    const fresh = await seenNow();
    const result = await client.writeTransaction((tx) => figureImport.importFigures(tx, editor, file(), fresh));
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect((await stored2010()).value).toBe(123_400_000);
    expect(await stored1955()).toBe(1);
  });

  it("imports nothing when a row has a problem only the database can tell", async () => {
    const unknown = parseFigureCsv(
      `${header}\nKHM,KOR,1953-01,1953-12,exports,2,imf-dots,,\nKHM,ZZZ,1953-01,1953-12,exports,2,imf-dots,,\n`,
    );
    const before = await tableState();
    await expect(client.writeTransaction((tx) => figureImport.importFigures(tx, editor, unknown, [0, 0]))).rejects.toThrow(
      /Nothing was imported: 1 row\(s\) have problems/,
    );
    expect(await tableState()).toEqual(before);
  });

  it("refuses a row someone added since the preview saw nothing there", async () => {
    const added = `${header}\nKHM,KOR,1954-01,1954-12,exports,2,imf-dots,,\n`;
    const seen: SeenVersion[] = [0];
    await client.writeTransaction((tx) =>
      figures.saveFigure(
        tx,
        editor,
        FigureSchema.parse({
          reporter: "KHM",
          partner: "KOR",
          periodStart: "1954-01",
          periodEnd: "1954-12",
          flow: "exports",
          value: "3",
          source: "imf-dots",
        }),
      ),
    );
    await expect(client.writeTransaction((tx) => figureImport.importFigures(tx, editor, parseFigureCsv(added), seen))).rejects.toThrow(
      expect.objectContaining({
        byName: "Ed",
        userMessage: expect.stringMatching(/^Nothing was imported: line 2 \(KHM → KOR, exports, 1954, imf-dots\) was added by Ed at /),
      }),
    );
  });
});

describe("one transaction per save", () => {
  /** What lib/auth/action.ts does: the user checked again inside the transaction, then the write. */
  const adminWrite = <T>(fn: (tx: import("@/db/client").WriteTx) => Promise<T>) =>
    client.writeTransaction(async (tx) => {
      await audit.assertActor(tx, editor, ["editor", "admin"]);
      return fn(tx);
    });
  const auditRows = (id: number) =>
    db.value<number>("SELECT count(*) FROM audit_log WHERE entity = 'figure' AND entity_id = ?", String(id));

  it("writes the change and its audit rows together, or neither when anything fails before the commit", async () => {
    const before = await imf("exports", 2015);
    const audits = await auditRows(before.id);
    const input = await figureInput(before, "321");
    await expect(
      adminWrite(async (tx) => {
        await figures.saveFigure(tx, editor, input);
        throw new Error("crash after the write and the audit row, before the commit");
      }),
    ).rejects.toThrow(/crash after/);
    expect(await imf("exports", 2015)).toEqual(before);
    expect(await auditRows(before.id)).toBe(audits);
    await adminWrite((tx) => figures.saveFigure(tx, editor, input));
    expect(await imf("exports", 2015)).toMatchObject({ value: 321_000_000, version: before.version + 1 });
    expect(await auditRows(before.id)).toBe(audits + 1);
  });

  it("lets exactly one of twenty parallel saves from the same version through; the others are told who saved", async () => {
    // On PostgreSQL these run side by side on pooled connections, SERIALIZABLE: those PostgreSQL
    // cannot fit after the winner fail, run again, and then see the newer version. On SQLite they
    // queue for the one writer and each sees the one before it.
    const start = await imf("exports", 2016);
    const audits = await auditRows(start.id);
    const inputs = await Promise.all(Array.from({ length: 20 }, (_, i) => figureInput(start, String(1000 + i))));
    const results = await Promise.allSettled(inputs.map((input) => adminWrite((tx) => figures.saveFigure(tx, editor, input))));
    const saved = results.filter((r) => r.status === "fulfilled");
    expect(saved).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused.every((e) => e instanceof errors.ConflictError && e.byName === "Ed")).toBe(true);
    const end = await imf("exports", 2016);
    expect(end.version).toBe(start.version + 1);
    expect(await auditRows(start.id)).toBe(audits + 1);
    // The derived total follows the one value that was saved.
    const m = await imf("imports", 2016);
    expect((await imf("total", 2016)).value).toBe(end.value + m.value);
  });
});

describe("saveRound", () => {
  const base = { agreement: "ckfta", startDate: "2026-11-18", endDate: "2026-11-20", format: "virtual", topics: "goods", summary: "x" };
  it("refuses a duplicate round number", async () => {
    const input = RoundSchema.parse({ ...base, number: "4" });
    await expect(client.writeTransaction((tx) => rounds.saveRound(tx, editor, input))).rejects.toThrow(
      /Round 4 of this agreement already exists/,
    );
  });
  it("creates a round with its reports and one preferred", async () => {
    const input = RoundSchema.parse({
      ...base,
      number: "5",
      sources: ["yonhap-2020-11-17", "ppp-2020-09-01"],
      preferredSource: "ppp-2020-09-01",
    });
    const saved = await client.writeTransaction((tx) => rounds.saveRound(tx, editor, input));
    const reports = await db.all("SELECT source_id, preferred FROM round_sources WHERE round_id = ? ORDER BY source_id", saved.id);
    expect(reports).toEqual([
      { source_id: "ppp-2020-09-01", preferred: 1 },
      { source_id: "yonhap-2020-11-17", preferred: 0 },
    ]);
  });
});

describe("assertActor", () => {
  it("stops a user disabled after the session check", async () => {
    const id = await client.writeTransaction((tx) =>
      users.createUser(tx, null, { email: "gone@example.org", name: "Gone", role: "editor", passwordHash: "x" }),
    );
    await db.run("UPDATE users SET disabled = true, session_version = session_version + 1 WHERE id = ?", id);
    await expect(
      client.writeTransaction((tx) => audit.assertActor(tx, { id, sessionVersion: 1, role: "editor" }, ["editor", "admin"])),
    ).rejects.toThrow(errors.NotAllowedError);
  });
  it("stops an editor from an admin-only write", async () => {
    await expect(client.writeTransaction((tx) => audit.assertActor(tx, editor, ["admin"]))).rejects.toThrow(errors.NotAllowedError);
  });
});

describe("whose records, approximate and one-source values", () => {
  const korJanAug = () => row(`source_id='ppp-2023-09-korea-exports' AND flow='exports'`);
  const flags = (id: number) => db.get("SELECT records, approximate, confidence FROM trade_figures WHERE id = ?", id);

  it("refuses a record keeper that does not keep the reporter's records, and writes nothing", async () => {
    const r = await korJanAug();
    const input = await figureInput(r, "189.38", { records: "KITA" });
    await expect(client.writeTransaction((tx) => figures.saveFigure(tx, editor, input))).rejects.toThrow(/KITA keeps KOR's records/);
    expect(await flags(r.id)).toEqual({ records: "GDCE", approximate: 0, confidence: "high" });
  });

  it("saves the form's flags, and a write without them (a CSV row) keeps what is stored", async () => {
    const r = await korJanAug();
    const input = await figureInput(r, "189.38", { records: "GDCE", approximate: "on", oneSource: "on" });
    await client.writeTransaction((tx) => figures.saveFigure(tx, editor, input));
    expect(await flags(r.id)).toEqual({ records: "GDCE", approximate: 1, confidence: "medium" });
    const again = await korJanAug();
    const { records: _r, approximate: _a, oneSource: _o, ...csvLike } = await figureInput(again, "189.4");
    await client.writeTransaction((tx) => figures.saveFigure(tx, editor, csvLike));
    expect(await flags(again.id)).toEqual({ records: "GDCE", approximate: 1, confidence: "medium" });
    expect((await korJanAug()).value).toBe(189_400_000);
  });

  it("gives a derived balance the records and flags of the values it comes from; a reported total is left alone", async () => {
    const total = await row(`source_id='ppp-2023-09-korea-exports' AND flow='total'`);
    const balance = await db.get(
      "SELECT value, derived, records, approximate, confidence FROM trade_figures WHERE source_id='ppp-2023-09-korea-exports' AND flow='balance'",
    );
    expect(balance).toEqual({ value: 189_400_000 - 314_370_000, derived: 1, records: "GDCE", approximate: 1, confidence: "medium" });
    expect(total.value).toBe(503_750_000);
  });
});
