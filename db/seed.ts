/**
 * Deterministic seed shared by the demo and the tests, on either engine (through db/client.ts, in
 * one write transaction). Safe to run again: every row is found by its natural key (a partner's
 * code, a source's id, an agreement's slug, a round's agreement and number, a figure's reporter,
 * partner, flow, period and source), never by an id, and every insert skips rows that already
 * exist, so editors' corrections are never overwritten, nothing is duplicated, and rows editors
 * created in between keep their ids. The bulk of it (trade figures) goes in batches of BATCH_ROWS.
 */
import { parse } from "csv-parse/sync";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { closeDb, writeTransaction, type WriteTx } from "./client";
import type { AgreementStatus } from "./schema";
import * as t from "./tables";
import {
  CKFTA_ROUNDS,
  CKFTA_UPDATES,
  NEWS_AGREEMENTS,
  NEWS_FIGURES,
  OTHER_ROUNDS,
  PARTNER_INFO,
  RECORD_KEEPERS,
  RECORDS_BY_SOURCE,
  SOURCES,
  TARIFF_ELIMINATIONS,
  WTO_AGREEMENTS,
  rtaIdOf2021Row,
  type EventSeed,
} from "./seed-data/newsroom";
import { wtoEvents, type WtoRow } from "./seed-wto";
import { WTO_EXPORTS } from "@/lib/wto";
import {
  annualPeriod,
  CAMBODIA,
  cellKey,
  cellOf,
  defaultRank,
  derivedFromPair,
  isOfficial,
  MAIN_SOURCE_ID,
  periodFromLabel,
  sideOf,
} from "@/lib/domain/figure";

const SEED_TIME = "2026-11-20T00:00:00Z";
const dataFile = (name: string) => fileURLToPath(new URL(`./seed-data/${name}`, import.meta.url));

const ImfRow = z.object({
  reporter: z.string(),
  reporter_iso3: z.string(),
  partner: z.string(),
  partner_iso3: z.string(),
  flow: z.enum(["Exports, FOB", "Imports, CIF"]),
  year: z.coerce.number().int().min(1960).max(2100),
  value_usd_millions: z.coerce.number().nonnegative(),
  estimate_flag: z.enum(["", "e"]),
});
type ImfRow = z.infer<typeof ImfRow>;

const optionalDate = z.union([z.literal(""), z.iso.date()]).transform((v) => (v === "" ? null : v));
/** The columns of a WTO RTA-IS "AllRTAs" export the portal keeps; the 2021 extract has no RTA ID. */
const WtoCsvRow = z.object({
  "RTA ID": z.coerce.number().int().positive().optional(),
  "RTA Name": z.string().min(1),
  Coverage: z.string().min(1),
  Type: z.string().min(1),
  Status: z.string().min(1),
  "Date of Signature (G)": optionalDate,
  "Date of Signature (S)": optionalDate,
  "Date of Notification (G)": optionalDate,
  "Date of Notification (S)": optionalDate,
  "Date of Entry into Force (G)": optionalDate,
  "Date of Entry into Force (S)": optionalDate,
  "Inactive Date": optionalDate.optional(),
  "Specific Entry/Exit dates": z.string(),
  Remarks: z.string(),
});
type WtoCsvRow = z.infer<typeof WtoCsvRow>;

function readCsv<T>(name: string, schema: z.ZodType<T>): T[] {
  const rows: unknown[] = parse(readFileSync(dataFile(name)), { columns: true, skip_empty_lines: true, bom: true });
  return rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success) throw new Error(`${name} row ${i + 2}: ${z.prettifyError(r.error)}`);
    return r.data;
  });
}

const toDollars = (millions: number) => Math.round(millions * 1_000_000);

/**
 * Rows per INSERT. PostgreSQL takes at most 65,535 parameters in a statement and SQLite 32,766;
 * trade_figures has 19 insertable columns, so 500 rows stay well inside both.
 */
export const BATCH_ROWS = 500;

function batches<T>(rows: readonly T[], size = BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function seedPartners(tx: WriteTx, imf: ImfRow[]) {
  const imfNames = new Map<string, string>();
  for (const r of imf) {
    if (/^[A-Z]{3}$/.test(r.partner_iso3)) imfNames.set(r.partner_iso3, r.partner);
    if (/^[A-Z]{3}$/.test(r.reporter_iso3)) imfNames.set(r.reporter_iso3, r.reporter);
  }
  const rows = Object.entries(PARTNER_INFO).map(([code, info]) => ({
    code,
    name: info.name,
    region: info.region,
    imfName: imfNames.get(code) ?? null,
  }));
  for (const batch of batches(rows)) await tx.insert(t.partners).values(batch).onConflictDoNothing();
  const missing = [...imfNames.keys()].filter((c) => !(c in PARTNER_INFO));
  if (missing.length) throw new Error(`PARTNER_INFO lacks ${missing.join(", ")}`);
}

async function seedSources(tx: WriteTx) {
  for (const batch of batches(SOURCES.map((s) => ({ ...s })))) await tx.insert(t.sources).values(batch).onConflictDoNothing();
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Cambodia(04-Jan-2011 - )" → "2011-01-04" */
function cambodiaEntry(specific: string): string | null {
  const m = /Cambodia\((\d{2})-([A-Za-z]{3})-(\d{4})/.exec(specific);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!) + 1;
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[1]}`;
}

async function upsertAgreement(
  tx: WriteTx,
  a: { slug: string; name: string; shortName: string; coverage: string | null; wtoName: string | null; summary: string },
): Promise<number> {
  const [found] = await tx.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, a.slug)).limit(1);
  if (found) return found.id;
  const [made] = await tx.insert(t.agreements).values(a).returning({ id: t.agreements.id });
  return made!.id;
}

const findEvent = async (tx: WriteTx, agreementId: number, status: AgreementStatus, date: string) =>
  (
    await tx
      .select()
      .from(t.agreementEvents)
      .where(and(eq(t.agreementEvents.agreementId, agreementId), eq(t.agreementEvents.status, status), eq(t.agreementEvents.date, date)))
      .orderBy(asc(t.agreementEvents.id))
      .limit(1)
  )[0];

/**
 * One dated step per agreement, status and day. A step another source already gave gains this
 * source as confirmation instead of a second row. Events are not editable in the admin, so the
 * seed owns them.
 */
async function upsertEvent(
  tx: WriteTx,
  agreementId: number,
  e: EventSeed | (Omit<EventSeed, "sourceId" | "alsoIn"> & { sourceId: string; alsoIn?: { sourceId: string; note: string }[] }),
  confirmNote: string | null = null,
): Promise<number> {
  let event = await findEvent(tx, agreementId, e.status, e.date);
  if (!event) {
    [event] = await tx
      .insert(t.agreementEvents)
      .values({
        agreementId,
        status: e.status,
        date: e.date,
        endDate: e.endDate ?? null,
        precision: e.precision ?? "day",
        description: e.description,
        sourceId: e.sourceId,
        party: e.party ?? null,
        confidence: e.confidence ?? "high",
      })
      .returning();
    if (!event) throw new Error(`event ${e.status} ${e.date} missing after insert`);
  } else if (event.sourceId !== e.sourceId) {
    await tx.insert(t.agreementEventSources).values({ eventId: event.id, sourceId: e.sourceId, note: confirmNote }).onConflictDoNothing();
  }
  for (const also of e.alsoIn ?? []) {
    if (also.sourceId !== event.sourceId)
      await tx
        .insert(t.agreementEventSources)
        .values({ eventId: event.id, ...also })
        .onConflictDoNothing();
  }
  return event.id;
}

async function seedAgreements(tx: WriteTx) {
  for (const a of NEWS_AGREEMENTS) {
    const id = await upsertAgreement(tx, a);
    for (const code of a.parties) await tx.insert(t.agreementParties).values({ agreementId: id, partnerCode: code }).onConflictDoNothing();
    for (const e of a.events) await upsertEvent(tx, id, e);
  }
}

function toWtoRow(r: WtoCsvRow, rtaId: number): WtoRow {
  const date = cambodiaEntry(r["Specific Entry/Exit dates"]);
  return {
    rtaId,
    name: r["RTA Name"],
    coverage: r.Coverage,
    type: r.Type,
    status: r.Status,
    signedGoods: r["Date of Signature (G)"],
    signedServices: r["Date of Signature (S)"],
    notifiedGoods: r["Date of Notification (G)"],
    notifiedServices: r["Date of Notification (S)"],
    inForceGoods: r["Date of Entry into Force (G)"],
    inForceServices: r["Date of Entry into Force (S)"],
    inactiveOn: r["Inactive Date"] ?? null,
    cambodiaDate: date,
    // ATISA's remarks list the same dates as ratifications: say what the source says.
    cambodiaDateKind: date ? (/dates of ratification/i.test(r.Remarks) ? "ratification" : "entry") : null,
    remarks: r.Remarks.trim() || null,
  };
}

/**
 * Both WTO exports, kept whole per vintage so pages can show what changed; agreements, Cambodia's
 * entry dates and milestones follow the newer one. Events the 2021 extract also gives are marked
 * as confirmed by it, and an event an older seed built from the 2021 extract is moved to the newer.
 */
async function seedWto(tx: WriteTx) {
  const rows2026 = readCsv("cambodia_rtas_wto_extract_2026.csv", WtoCsvRow).map((r) => {
    if (!r["RTA ID"]) throw new Error(`2026 WTO row ${r["RTA Name"]} has no RTA ID`);
    return toWtoRow(r, r["RTA ID"]);
  });
  const rows2021 = readCsv("cambodia_rtas_wto_extract_2021.csv", WtoCsvRow).map((r) => {
    const rtaId = rtaIdOf2021Row(r["RTA Name"], r["Date of Signature (G)"] ?? "");
    if (!rtaId) throw new Error(`2021 WTO row ${r["RTA Name"]} matches no RTA ID`);
    return toWtoRow(r, rtaId);
  });
  const ids = new Map<number, number>();
  for (const row of rows2026) {
    const meta = WTO_AGREEMENTS[row.rtaId];
    if (!meta) throw new Error(`no slug for WTO RTA ${row.rtaId} (${row.name})`);
    // Where two rows make one agreement (AFTA), the row in force names it and gives its coverage.
    const main = row.inactiveOn === null;
    const id = await upsertAgreement(tx, {
      slug: meta.slug,
      name: meta.name,
      shortName: meta.shortName,
      coverage: row.coverage,
      wtoName: row.name,
      summary: meta.summary ?? "",
    });
    if (main) await tx.update(t.agreements).set({ coverage: row.coverage, wtoName: row.name }).where(eq(t.agreements.id, id));
    ids.set(row.rtaId, id);
    for (const code of meta.parties) {
      const inForceOn = code === CAMBODIA && row.cambodiaDateKind === "entry" ? row.cambodiaDate : null;
      await tx
        .insert(t.agreementParties)
        .values({ agreementId: id, partnerCode: code, inForceOn })
        .onConflictDoUpdate({
          target: [t.agreementParties.agreementId, t.agreementParties.partnerCode],
          set: { inForceOn: sql`coalesce(${t.agreementParties.inForceOn}, excluded.in_force_on)` },
        });
    }
  }
  for (const [sourceId, rows] of [
    [WTO_EXPORTS.newest, rows2026],
    [WTO_EXPORTS.older, rows2021],
  ] as const) {
    const stored = new Set(
      (await tx.select({ rtaId: t.wtoRtaRecords.rtaId }).from(t.wtoRtaRecords).where(eq(t.wtoRtaRecords.sourceId, sourceId))).map(
        (r) => r.rtaId,
      ),
    );
    const records = rows.map((row) => {
      const agreementId = ids.get(row.rtaId);
      if (!agreementId) throw new Error(`RTA ${row.rtaId} of the ${sourceId} export is not in the 2026 export`);
      return { ...row, sourceId, agreementId };
    });
    for (const batch of batches(records.filter((r) => !stored.has(r.rtaId))))
      await tx.insert(t.wtoRtaRecords).values(batch).onConflictDoNothing();
  }
  for (const row of rows2026) {
    const meta = WTO_AGREEMENTS[row.rtaId]!;
    const agreementId = ids.get(row.rtaId)!;
    const siblings = rows2026.filter((r) => r.rtaId !== row.rtaId && WTO_AGREEMENTS[r.rtaId]?.slug === meta.slug);
    for (const e of wtoEvents(
      row,
      meta,
      siblings.map((r) => ({ row: r, meta: WTO_AGREEMENTS[r.rtaId]! })),
    )) {
      const old = await findEvent(tx, agreementId, e.status, e.date);
      if (old && old.sourceId === WTO_EXPORTS.older) {
        await tx
          .update(t.agreementEvents)
          .set({ sourceId: WTO_EXPORTS.newest, description: e.description, party: e.party ?? null })
          .where(eq(t.agreementEvents.id, old.id));
      }
      await upsertEvent(tx, agreementId, { ...e, sourceId: WTO_EXPORTS.newest }, "The same date in the WTO's export of early 2026.");
    }
  }
  for (const row of rows2021) {
    const meta = WTO_AGREEMENTS[row.rtaId]!;
    const agreementId = ids.get(row.rtaId)!;
    for (const e of wtoEvents(row, meta, [])) {
      const same = await findEvent(tx, agreementId, e.status, e.date);
      if (same && same.sourceId !== WTO_EXPORTS.older) {
        await tx
          .insert(t.agreementEventSources)
          .values({ eventId: same.id, sourceId: WTO_EXPORTS.older, note: "The same date in the March 2021 extract." })
          .onConflictDoNothing();
      }
    }
  }
}

async function agreementId(tx: WriteTx, slug: string): Promise<number> {
  const [row] = await tx.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, slug)).limit(1);
  if (!row) throw new Error(`${slug} missing`);
  return row.id;
}

async function seedRounds(tx: WriteTx) {
  const ckfta = { id: await agreementId(tx, "ckfta") };
  for (const [slug, list] of [["ckfta", CKFTA_ROUNDS], ...Object.entries(OTHER_ROUNDS)] as const) {
    const id = await agreementId(tx, slug);
    for (const r of list) {
      if (!(await roundOf(tx, id, r.number))) {
        await tx.insert(t.rounds).values({
          agreementId: id,
          number: r.number,
          startDate: r.startDate,
          endDate: r.endDate,
          format: r.format,
          host: r.host ?? null,
          topics: JSON.stringify(r.topics),
          summary: r.summary,
          updatedAt: SEED_TIME,
        });
      }
      const round = await roundOf(tx, id, r.number);
      if (!round) throw new Error(`${slug} round ${r.number} missing`);
      for (const rep of r.reports)
        await tx
          .insert(t.roundSources)
          .values({ roundId: round.id, ...rep })
          .onConflictDoNothing();
    }
  }
  for (const u of CKFTA_UPDATES) {
    const [exists] = await tx
      .select({ id: t.updates.id })
      .from(t.updates)
      .where(and(eq(t.updates.agreementId, ckfta.id), eq(t.updates.postedAt, u.postedAt), eq(t.updates.title, u.title)))
      .limit(1);
    if (exists) continue;
    const round = u.round === null ? undefined : await roundOf(tx, ckfta.id, u.round);
    await tx.insert(t.updates).values({
      agreementId: ckfta.id,
      roundId: round?.id ?? null,
      postedAt: u.postedAt,
      title: u.title,
      body: u.body,
      status: "published",
      sourceId: u.sourceId,
      updatedAt: SEED_TIME,
    });
  }
}

async function roundOf(tx: WriteTx, agreementId: number, number: number) {
  const [round] = await tx
    .select({ id: t.rounds.id })
    .from(t.rounds)
    .where(and(eq(t.rounds.agreementId, agreementId), eq(t.rounds.number, number)))
    .limit(1);
  return round;
}

type FigureInsert = typeof t.tradeFigures.$inferInsert;

/** IMF rows for economies with an ISO code, plus totals and balances derived from each side's pair. */
function imfFigures(khmSide: ImfRow[], partnerSide: ImfRow[]): FigureInsert[] {
  const out: FigureInsert[] = [];
  const pairs = new Map<string, { exports?: ImfRow; imports?: ImfRow; reporter: string; partner: string; year: number }>();
  for (const r of [...khmSide, ...partnerSide]) {
    if (!/^[A-Z]{3}$/.test(r.reporter_iso3) || !/^[A-Z]{3}$/.test(r.partner_iso3)) continue;
    const flow = r.flow === "Exports, FOB" ? "exports" : "imports";
    const period = annualPeriod(r.year);
    out.push({
      reporter: r.reporter_iso3,
      partner: r.partner_iso3,
      periodStart: period.start,
      periodEnd: period.end,
      flow,
      value: toDollars(r.value_usd_millions),
      unit: "USD",
      sourceId: MAIN_SOURCE_ID,
      estimate: r.estimate_flag === "e",
      updatedAt: SEED_TIME,
    });
    const key = `${r.reporter_iso3}|${r.partner_iso3}|${r.year}`;
    const pair = pairs.get(key) ?? { reporter: r.reporter_iso3, partner: r.partner_iso3, year: r.year };
    pair[flow] = r;
    pairs.set(key, pair);
  }
  for (const p of pairs.values()) {
    if (!p.exports || !p.imports) continue;
    const period = annualPeriod(p.year);
    const base = {
      reporter: p.reporter,
      partner: p.partner,
      periodStart: period.start,
      periodEnd: period.end,
      unit: "USD" as const,
      sourceId: MAIN_SOURCE_ID,
      estimate: p.exports.estimate_flag === "e" || p.imports.estimate_flag === "e",
      derived: true,
      updatedAt: SEED_TIME,
    };
    for (const d of derivedFromPair(toDollars(p.exports.value_usd_millions), toDollars(p.imports.value_usd_millions)))
      out.push({ ...base, ...d });
  }
  return out;
}

function newsFigures(): FigureInsert[] {
  return NEWS_FIGURES.map((f) => {
    const period = periodFromLabel(f.period);
    if (!period) throw new Error(`bad period ${f.period}`);
    const isRank = f.rank !== undefined;
    return {
      reporter: f.reporter,
      partner: f.partner,
      periodStart: period.start,
      periodEnd: period.end,
      flow: f.flow,
      value: isRank ? f.rank! : toDollars(f.millions!),
      unit: isRank ? "rank" : "USD",
      sourceId: f.sourceId,
      derived: f.derived ?? false,
      note: f.note ?? null,
      records: f.records ?? null,
      approximate: f.approximate ?? false,
      confidence: f.confidence ?? "high",
      updatedAt: SEED_TIME,
    };
  });
}

/** One preferred value per cell, ranked as readers would be shown them (defaultRank). Editors can change it later. */
function markPreferred(rows: FigureInsert[]) {
  const kinds = new Map<string, string>(SOURCES.map((s) => [s.id, s.kind]));
  const rank = (r: FigureInsert) =>
    defaultRank({ official: isOfficial(kinds.get(r.sourceId) ?? ""), derived: r.derived ?? false, side: sideOf(r.reporter) });
  const best = new Map<string, FigureInsert>();
  for (const r of rows) {
    const key = cellKey(cellOf(r));
    const current = best.get(key);
    if (!current || rank(r) < rank(current)) best.set(key, r);
  }
  for (const r of best.values()) r.preferred = true;
}

/** A figure's one-per-source key: reporter, partner, flow, period and source. */
const figureKey = (r: Pick<FigureInsert, "reporter" | "partner" | "flow" | "periodStart" | "periodEnd" | "sourceId">) =>
  `${r.reporter}|${r.partner}|${r.flow}|${r.periodStart}|${r.periodEnd}|${r.sourceId}`;

async function seedFigures(tx: WriteTx, khmSide: ImfRow[], partnerSide: ImfRow[]) {
  const rows = [...imfFigures(khmSide, partnerSide), ...newsFigures()];
  markPreferred(rows);
  const f = t.tradeFigures;
  // Only rows not stored yet are inserted (found by their one-per-source key), so a second run
  // writes nothing and uses up no ids (PostgreSQL's identity and SQLite's AUTOINCREMENT would count
  // every row an ON CONFLICT skipped).
  const stored = new Set(
    (
      await tx
        .select({
          reporter: f.reporter,
          partner: f.partner,
          flow: f.flow,
          periodStart: f.periodStart,
          periodEnd: f.periodEnd,
          sourceId: f.sourceId,
        })
        .from(f)
    ).map(figureKey),
  );
  // A value new to an existing database whose cell already has a preferred value (an editor's
  // choice, or an older seed's) joins the cell without taking the preference.
  const preferredCells = new Set(
    (
      await tx
        .select({ counterpart: f.counterpart, khmFlow: f.khmFlow, periodStart: f.periodStart, periodEnd: f.periodEnd })
        .from(f)
        .where(eq(f.preferred, true))
    ).map(cellKey),
  );
  const missing: FigureInsert[] = [];
  for (const r of rows) {
    // The IMF extract repeats some rows exactly: the first is kept, as the unique index would.
    const key = figureKey(r);
    if (stored.has(key)) continue;
    stored.add(key);
    missing.push(r.preferred && preferredCells.has(cellKey(cellOf(r))) ? { ...r, preferred: false } : r);
  }
  for (const batch of batches(missing)) await tx.insert(f).values(batch).onConflictDoNothing();
  // Figures stored before record keepers existed: say whose records they are, where still unsaid.
  for (const k of RECORDS_BY_SOURCE) {
    await tx
      .update(f)
      .set({ records: k.records })
      .where(and(eq(f.sourceId, k.sourceId), eq(f.reporter, k.reporter), isNull(f.records), inArray(f.flow, [...k.flows])));
  }
  return rows.length;
}

async function seedRecordKeepers(tx: WriteTx) {
  for (const batch of batches(RECORD_KEEPERS.map((k) => ({ ...k })))) await tx.insert(t.recordKeepers).values(batch).onConflictDoNothing();
}

async function seedTariffEliminations(tx: WriteTx) {
  const te = t.tariffEliminations;
  for (const e of TARIFF_ELIMINATIONS) {
    const agreement = await agreementId(tx, e.agreement);
    const [stored] = await tx
      .select({ id: te.id })
      .from(te)
      .where(and(eq(te.agreementId, agreement), eq(te.party, e.party), eq(te.sourceId, e.sourceId)))
      .limit(1);
    if (stored) continue;
    await tx
      .insert(t.tariffEliminations)
      .values({
        agreementId: agreement,
        party: e.party,
        shareBp: Math.round(e.percent * 100),
        counted: e.counted,
        combinedWithId: e.combinedWith ? await agreementId(tx, e.combinedWith) : null,
        sourceId: e.sourceId,
        note: e.note,
      })
      .onConflictDoNothing();
  }
}

export async function seed(): Promise<{ figures: number }> {
  const khmSide = readCsv("imf_dots_khm_as_reporter_1960_2020.csv", ImfRow);
  const partnerSide = readCsv("imf_dots_partners_reporting_trade_with_khm_1960_2020.csv", ImfRow);
  return writeTransaction(async (tx) => {
    await seedPartners(tx, [...khmSide, ...partnerSide]);
    await seedSources(tx);
    await seedRecordKeepers(tx);
    await seedAgreements(tx);
    await seedWto(tx);
    await seedRounds(tx);
    await seedTariffEliminations(tx);
    return { figures: await seedFigures(tx, khmSide, partnerSide) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { figures } = await seed();
  console.log(`seeded (${figures} figure rows considered; existing rows kept)`);
  await closeDb();
}
