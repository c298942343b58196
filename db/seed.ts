/**
 * Deterministic seed shared by the demo and the tests. Safe to run again: every insert skips rows
 * that already exist, so editors' corrections are never overwritten and nothing is duplicated.
 */
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { closeDb, writeTransaction, type WriteTx } from "./client";
import * as t from "./schema";
import {
  CKFTA_ROUNDS,
  CKFTA_UPDATES,
  NEWS_AGREEMENTS,
  NEWS_FIGURES,
  PARTNER_INFO,
  SOURCES,
  WTO_AGREEMENTS,
} from "./seed-data/newsroom";
import { annualPeriod, cellKey, cellOf, defaultRank, derivedFromPair, isOfficial, MAIN_SOURCE_ID, periodFromLabel, sideOf } from "@/lib/domain/figure";

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

const WtoRow = z.object({
  "RTA Name": z.string(),
  Coverage: z.string(),
  "Date of Signature (G)": z.string(),
  "Date of Entry into Force (G)": z.string(),
  "Specific Entry/Exit dates": z.string(),
});

function readCsv<T>(name: string, schema: z.ZodType<T>): T[] {
  const rows: unknown[] = parse(readFileSync(dataFile(name)), { columns: true, skip_empty_lines: true, bom: true });
  return rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success) throw new Error(`${name} row ${i + 2}: ${z.prettifyError(r.error)}`);
    return r.data;
  });
}

const toDollars = (millions: number) => Math.round(millions * 1_000_000);

function seedPartners(tx: WriteTx, imf: ImfRow[]) {
  const imfNames = new Map<string, string>();
  for (const r of imf) {
    if (/^[A-Z]{3}$/.test(r.partner_iso3)) imfNames.set(r.partner_iso3, r.partner);
    if (/^[A-Z]{3}$/.test(r.reporter_iso3)) imfNames.set(r.reporter_iso3, r.reporter);
  }
  for (const [code, info] of Object.entries(PARTNER_INFO)) {
    tx.insert(t.partners)
      .values({ code, name: info.name, region: info.region, imfName: imfNames.get(code) ?? null })
      .onConflictDoNothing()
      .run();
  }
  const missing = [...imfNames.keys()].filter((c) => !(c in PARTNER_INFO));
  if (missing.length) throw new Error(`PARTNER_INFO lacks ${missing.join(", ")}`);
}

function seedSources(tx: WriteTx) {
  for (const s of SOURCES) tx.insert(t.sources).values({ ...s }).onConflictDoNothing().run();
}

/** "Cambodia(04-Jan-2011 - )" → "2011-01-04" */
function cambodiaEntry(specific: string): string | null {
  const m = /Cambodia\((\d{2})-([A-Za-z]{3})-(\d{4})/.exec(specific);
  if (!m) return null;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].indexOf(m[2]!) + 1;
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[1]}`;
}

function upsertAgreement(
  tx: WriteTx,
  a: { slug: string; name: string; shortName: string; coverage: string | null; wtoName: string | null; summary: string },
): number {
  tx.insert(t.agreements).values(a).onConflictDoNothing().run();
  const row = tx.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, a.slug)).get();
  if (!row) throw new Error(`agreement ${a.slug} missing after insert`);
  return row.id;
}

function seedAgreements(tx: WriteTx) {
  for (const a of NEWS_AGREEMENTS) {
    const id = upsertAgreement(tx, a);
    for (const code of a.parties) tx.insert(t.agreementParties).values({ agreementId: id, partnerCode: code }).onConflictDoNothing().run();
    for (const e of a.events) {
      tx.insert(t.agreementEvents)
        .values({ agreementId: id, status: e.status, date: e.date, endDate: e.endDate ?? null, precision: e.precision ?? "day", description: e.description, sourceId: e.sourceId })
        .onConflictDoNothing()
        .run();
    }
  }
  for (const row of readCsv("cambodia_rtas_wto_extract_2021.csv", WtoRow)) {
    const meta = WTO_AGREEMENTS[row["RTA Name"]];
    if (!meta) throw new Error(`no slug for WTO agreement ${row["RTA Name"]}`);
    const name = row["RTA Name"].replace("Korea, Republic of", "Korea").replace("Hong Kong, China", "Hong Kong").replace(/ - /g, "–");
    const id = upsertAgreement(tx, {
      slug: meta.slug,
      name: name.startsWith("ASEAN–") ? `${name} Free Trade Area` : name,
      shortName: meta.shortName,
      coverage: row.Coverage,
      wtoName: row["RTA Name"],
      summary: "",
    });
    const khmEntry = cambodiaEntry(row["Specific Entry/Exit dates"]);
    for (const code of meta.parties) {
      tx.insert(t.agreementParties)
        .values({ agreementId: id, partnerCode: code, inForceOn: code === "KHM" ? khmEntry : null })
        .onConflictDoNothing()
        .run();
    }
    const events: { status: t.AgreementStatus; date: string; description: string }[] = [
      { status: "signed", date: row["Date of Signature (G)"], description: "Signed (goods)." },
      { status: "in_force", date: row["Date of Entry into Force (G)"], description: "In force for the first parties (goods)." },
    ];
    if (khmEntry && khmEntry !== row["Date of Entry into Force (G)"]) {
      events.push({ status: "in_force", date: khmEntry, description: "In force for Cambodia." });
    }
    for (const e of events) {
      tx.insert(t.agreementEvents).values({ agreementId: id, ...e, sourceId: "wto-rtais" }).onConflictDoNothing().run();
    }
  }
}

function seedRounds(tx: WriteTx) {
  const ckfta = tx.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.slug, "ckfta")).get();
  if (!ckfta) throw new Error("ckfta missing");
  for (const r of CKFTA_ROUNDS) {
    tx.insert(t.rounds)
      .values({
        agreementId: ckfta.id,
        number: r.number,
        startDate: r.startDate,
        endDate: r.endDate,
        format: r.format,
        topics: JSON.stringify(r.topics),
        summary: r.summary,
        updatedAt: SEED_TIME,
      })
      .onConflictDoNothing()
      .run();
    const round = tx
      .select({ id: t.rounds.id })
      .from(t.rounds)
      .where(and(eq(t.rounds.agreementId, ckfta.id), eq(t.rounds.number, r.number)))
      .get();
    if (!round) throw new Error(`round ${r.number} missing`);
    for (const rep of r.reports) tx.insert(t.roundSources).values({ roundId: round.id, ...rep }).onConflictDoNothing().run();
  }
  for (const u of CKFTA_UPDATES) {
    const exists = tx
      .select({ id: t.updates.id })
      .from(t.updates)
      .where(and(eq(t.updates.agreementId, ckfta.id), eq(t.updates.postedAt, u.postedAt), eq(t.updates.title, u.title)))
      .get();
    if (exists) continue;
    const round =
      u.round === null
        ? undefined
        : tx.select({ id: t.rounds.id }).from(t.rounds).where(and(eq(t.rounds.agreementId, ckfta.id), eq(t.rounds.number, u.round))).get();
    tx.insert(t.updates)
      .values({
        agreementId: ckfta.id,
        roundId: round?.id ?? null,
        postedAt: u.postedAt,
        title: u.title,
        body: u.body,
        status: "published",
        sourceId: u.sourceId,
        updatedAt: SEED_TIME,
      })
      .run();
  }
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
    for (const d of derivedFromPair(toDollars(p.exports.value_usd_millions), toDollars(p.imports.value_usd_millions))) out.push({ ...base, ...d });
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
      updatedAt: SEED_TIME,
    };
  });
}

/** One preferred value per cell, ranked as readers would be shown them (defaultRank). Editors can change it later. */
function markPreferred(rows: FigureInsert[]) {
  const kinds = new Map<string, string>(SOURCES.map((s) => [s.id, s.kind]));
  const rank = (r: FigureInsert) => defaultRank({ official: isOfficial(kinds.get(r.sourceId) ?? ""), derived: r.derived ?? false, side: sideOf(r.reporter) });
  const best = new Map<string, FigureInsert>();
  for (const r of rows) {
    const key = cellKey(cellOf(r));
    const current = best.get(key);
    if (!current || rank(r) < rank(current)) best.set(key, r);
  }
  for (const r of best.values()) r.preferred = true;
}

function seedFigures(tx: WriteTx, khmSide: ImfRow[], partnerSide: ImfRow[]) {
  const rows = [...imfFigures(khmSide, partnerSide), ...newsFigures()];
  markPreferred(rows);
  // Skip cells an editor already filled so re-running never creates a second preferred value.
  for (const r of rows) tx.insert(t.tradeFigures).values(r).onConflictDoNothing().run();
  return rows.length;
}

export function seed(): { figures: number } {
  const khmSide = readCsv("imf_dots_khm_as_reporter_1960_2020.csv", ImfRow);
  const partnerSide = readCsv("imf_dots_partners_reporting_trade_with_khm_1960_2020.csv", ImfRow);
  return writeTransaction((tx) => {
    seedPartners(tx, [...khmSide, ...partnerSide]);
    seedSources(tx);
    seedAgreements(tx);
    seedRounds(tx);
    return { figures: seedFigures(tx, khmSide, partnerSide) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { figures } = seed();
  console.log(`seeded (${figures} figure rows considered; existing rows kept)`);
  closeDb();
}
