import "server-only";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { agreementEvents, agreementParties, agreements, partners, sources, tradeFigures } from "../tables";
import { EXPLORER_FLOWS, type ExplorerContext, type ExplorerQuery } from "@/lib/explorer/params";
import type { ExplorerData, ExplorerMilestone, ExplorerPartner } from "@/lib/explorer/data";
import { selectRows, sidesOf } from "@/lib/explorer/rows";
import { annualPeriod, isAnnualSql, MAIN_SOURCE_ID, type FigureView } from "@/lib/domain/figure";
import { figureViewColumns } from "./figures";
import { sourceTags, tags } from "@/lib/cache-tags";

/** A whole calendar year: the only periods the explorer charts. */
const isAnnual = isAnnualSql(tradeFigures.periodStart, tradeFigures.periodEnd);

/**
 * What a selection may name: every economy with annual trade figures, and the first and last year
 * that has any. The page, its metadata, the form and the API all need it.
 */
export async function explorerOptions() {
  "use cache";
  cacheTag(tags.allFigures);
  const db = readDb();
  const list: ExplorerPartner[] = await db
    .select({ code: partners.code, name: partners.name, region: partners.region })
    .from(partners)
    .where(sql`${partners.code} <> 'KHM' AND EXISTS (SELECT 1 FROM ${tradeFigures} WHERE ${tradeFigures.counterpart} = ${partners.code})`)
    .orderBy(asc(partners.name));
  const flows = inArray(tradeFigures.khmFlow, [...EXPLORER_FLOWS]);
  const [years] = await db
    .select({
      min: sql<string | null>`min(substr(${tradeFigures.periodStart}, 1, 4))`,
      max: sql<string | null>`max(substr(${tradeFigures.periodStart}, 1, 4))`,
      mainMax: sql<
        string | null
      >`max(CASE WHEN ${tradeFigures.sourceId} = ${MAIN_SOURCE_ID} THEN substr(${tradeFigures.periodStart}, 1, 4) END)`,
    })
    .from(tradeFigures)
    .where(and(flows, isAnnual))
    .limit(1);
  const minYear = Number(years?.min ?? 1960);
  const maxYear = Number(years?.max ?? minYear);
  const ctx: ExplorerContext = { partnerCodes: new Set(list.map((p) => p.code)), minYear, maxYear };
  return { partners: list, ctx, latestMainYear: Number(years?.mainMax ?? maxYear) };
}

/**
 * The one loader behind the explorer page, its downloads, the embeds and /api/v1/figures: the
 * values of a selection (one per partner, year and reporting side, see selectRows) with the
 * milestones of the partners' agreements with Cambodia inside the years shown. Cached by the
 * parsed query, so every spelling of the same selection shares one entry.
 */
export async function loadExplorer(query: ExplorerQuery): Promise<ExplorerData> {
  "use cache";
  cacheTag(...query.partners.map(tags.figures));
  const db = readDb();
  const names = new Map((await explorerOptions()).partners.map((p) => [p.code, p.name]));
  const candidates: FigureView[] = await db
    .select(figureViewColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(
      and(
        inArray(tradeFigures.counterpart, query.partners),
        eq(tradeFigures.khmFlow, query.flow),
        inArray(tradeFigures.side, sidesOf(query)),
        isAnnual,
        gte(tradeFigures.periodStart, annualPeriod(query.from).start),
        lte(tradeFigures.periodStart, annualPeriod(query.to).start),
      ),
    );
  const rows = selectRows(query, candidates, names);

  // Agreements Cambodia shares with any selected partner: a party row for the partner and one for KHM.
  const khmParty = sql`EXISTS (SELECT 1 FROM ${agreementParties} k WHERE k.agreement_id = ${agreementEvents.agreementId} AND k.partner_code = 'KHM')`;
  // One marker per stage and party: the first step of it (a ratification's later steps, a joint
  // committee after entry into force, stay on the tracker), so the chart stays readable.
  const firstOfStage = sql`NOT EXISTS (SELECT 1 FROM ${agreementEvents} o WHERE o.agreement_id = ${agreementEvents.agreementId}
    AND o.status = ${agreementEvents.status} AND o.party IS NOT DISTINCT FROM ${agreementEvents.party}
    AND (o.date < ${agreementEvents.date} OR (o.date = ${agreementEvents.date} AND o.id < ${agreementEvents.id})))`;
  const milestones: ExplorerMilestone[] = await db
    .selectDistinct({
      id: agreementEvents.id,
      date: agreementEvents.date,
      precision: agreementEvents.precision,
      status: agreementEvents.status,
      description: agreementEvents.description,
      agreementSlug: agreements.slug,
      agreementShortName: agreements.shortName,
      sourceId: agreementEvents.sourceId,
    })
    .from(agreementEvents)
    .innerJoin(agreements, eq(agreements.id, agreementEvents.agreementId))
    .innerJoin(agreementParties, eq(agreementParties.agreementId, agreementEvents.agreementId))
    .where(
      and(
        inArray(agreementParties.partnerCode, query.partners),
        khmParty,
        firstOfStage,
        gte(agreementEvents.date, `${query.from}-01-01`),
        lte(agreementEvents.date, `${query.to}-12-31`),
      ),
    )
    .orderBy(asc(agreementEvents.date), asc(agreementEvents.id));

  const sourceIds = [...new Set(rows.map((r) => r.sourceId))];
  const used = sourceIds.length
    ? await db
        .select({
          id: sources.id,
          publisher: sources.publisher,
          title: sources.title,
          publishedOn: sources.publishedOn,
          publishedPrecision: sources.publishedPrecision,
          dateInferred: sources.dateInferred,
          url: sources.url,
        })
        .from(sources)
        .where(inArray(sources.id, sourceIds))
        .orderBy(asc(sources.publishedOn))
    : [];
  cacheTag(...sourceTags(rows), ...sourceTags(milestones));

  return {
    query,
    partners: query.partners.map((code) => ({ code, name: names.get(code) ?? code })),
    rows,
    milestones,
    sources: used,
  };
}
