import "server-only";
import { z } from "zod";
import Link from "next/link";
import { getAgreement, tariffSharesFor, wtoRecord } from "@/db/queries/agreements";
import { getAnnualSeries, getCell, mainSeriesLastYear, reportedTradeFigures, tradeFiguresBetween } from "@/db/queries/figures";
import { getPartner } from "@/db/queries/partners";
import { AGREEMENT_STATUSES, FLOWS } from "@/db/schema";
import { FigureValue, MissingFigure, OneSource, shortPublisher } from "@/components/charts/FigureValue";
import { TradeChart, type ReportedPoint } from "@/components/charts/TradeChart";
import { BeforeAfter as BeforeAfterView } from "@/components/site/BeforeAfter";
import { RoundsTimeline } from "@/components/site/RoundsTimeline";
import { statusSentence } from "@/lib/agreements";
import { beforeAfter, windowsAround } from "@/lib/before-after";
import {
  annualPeriod,
  counterpartName,
  figureHeading,
  isAnnual,
  MAIN_SOURCE,
  periodFromLabel,
  periodOf,
  periodText,
  pickFigure,
  recordsLabel,
  sideLabel,
  SIDES,
  WORLD,
  type FigureView,
} from "@/lib/domain/figure";
import { formatDate, formatDateRange } from "@/lib/format/date";
import { formatPercent, formatUsd } from "@/lib/format/number";
import { yearsText } from "@/lib/format/years";
import { fieldText, WTO_EXPORTS, WTO_FIELDS } from "@/lib/wto";

/**
 * Live widgets for stories and data pages. Each names what to show (partner, flow, period);
 * the database says how much, when the page renders. Props are validated: a typo in a story
 * fails the build instead of showing a wrong number. Every read goes through a cached loader of
 * db/queries, which declares the cache tags of what it read.
 */
const Code = z.string().regex(/^[A-Z]{3}$/);
const PeriodLabel = z.string().refine((s) => periodFromLabel(s) !== null, "period must be YYYY, YYYY-MM or YYYY-MM/YYYY-MM");
const Side = z.enum(SIDES);
const SourceId = z.string().regex(/^[a-z0-9-]+$/);

function parseProps<T>(widget: string, schema: z.ZodType<T>, props: unknown): T {
  const r = schema.safeParse(props);
  if (!r.success) throw new Error(`<${widget}> has bad props: ${z.prettifyError(r.error)}`);
  return r.data;
}

async function partnerName(code: string): Promise<string> {
  const partner = code === WORLD ? null : await getPartner(code);
  return counterpartName(code, () => partner?.name);
}

async function describe(flow: string, code: string): Promise<string> {
  return figureHeading(flow, await partnerName(code));
}

const FigureProps = z.object({ partner: Code, flow: z.enum(FLOWS), period: PeriodLabel, side: Side.optional(), source: SourceId.optional() }).strict();

export async function Figure(props: z.input<typeof FigureProps>) {
  const p = parseProps("Figure", FigureProps, props);
  const period = periodFromLabel(p.period)!;
  const pick = pickFigure(await getCell(p.partner, p.flow, period), { side: p.side, source: p.source });
  const what = `${await describe(p.flow, p.partner)}, ${periodText(period)}`;
  if (!pick) return <MissingFigure what={what} />;
  return <FigureValue pick={pick} label={what} />;
}

const ChangeProps = z
  .object({ partner: Code, flow: z.enum(FLOWS), period: PeriodLabel, against: PeriodLabel, side: Side.optional(), source: SourceId.optional() })
  .strict();

/** Percent change between two stored periods, taken from the same source where it can be. */
export async function Change(props: z.input<typeof ChangeProps>) {
  const p = parseProps("Change", ChangeProps, props);
  const now = pickFigure(await getCell(p.partner, p.flow, periodFromLabel(p.period)!), { side: p.side, source: p.source });
  const earlier = now ? await getCell(p.partner, p.flow, periodFromLabel(p.against)!) : [];
  const then = now
    ? pickFigure(earlier, { side: now.chosen.side, source: p.source ?? now.chosen.sourceId }) ?? pickFigure(earlier, { side: now.chosen.side })
    : null;
  const what = `change in ${await describe(p.flow, p.partner)}, ${p.against} to ${p.period}`;
  if (!now || !then || then.chosen.khmValue === 0) return <MissingFigure what={what} />;
  const ratio = (now.chosen.khmValue - then.chosen.khmValue) / Math.abs(then.chosen.khmValue);
  return (
    <span
      className="fig font-sans text-[0.95em] font-semibold"
      data-change={ratio.toFixed(4)}
      title={`From ${formatUsd(then.chosen.khmValue)} to ${formatUsd(now.chosen.khmValue)}, computed from stored figures`}
    >
      <a href={`/figures/${now.chosen.id}`} className="underline decoration-dotted decoration-1 underline-offset-4">
        {formatPercent(ratio)}
      </a>
    </span>
  );
}

const ShareProps = z.object({ partner: Code, period: PeriodLabel, source: SourceId.optional() }).strict();

/** A partner's share of Cambodia's total trade, from two stored figures of the same period. */
export async function Share(props: z.input<typeof ShareProps>) {
  const p = parseProps("Share", ShareProps, props);
  const period = periodFromLabel(p.period)!;
  const part = pickFigure(await getCell(p.partner, "total", period), { source: p.source, side: "cambodia" });
  const world = part ? await getCell(WORLD, "total", period) : [];
  const whole = part ? pickFigure(world, { source: part.chosen.sourceId }) ?? pickFigure(world) : null;
  if (!part || !whole || whole.chosen.value === 0) return <MissingFigure what={`${await partnerName(p.partner)}'s share of trade, ${periodText(period)}`} />;
  const share = part.chosen.value / whole.chosen.value;
  return (
    <span className="fig font-sans text-[0.95em] font-semibold" data-share={share.toFixed(4)} title={`${formatUsd(part.chosen.value)} of ${formatUsd(whole.chosen.value)}`}>
      <a href={`/figures/${part.chosen.id}`} className="underline decoration-dotted decoration-1 underline-offset-4">
        {(share * 100).toFixed(2)}%
      </a>
    </span>
  );
}

const ChartProps = z
  .object({ partner: Code, flow: z.enum(["exports", "imports", "total", "balance"]), from: z.number().int().min(1960), to: z.number().int().max(2100) })
  .strict()
  .refine((p) => p.to > p.from, "to must be after from");

/**
 * Reported values for the years after the main series, one per year and side (the site's own
 * choice of value), for charts that run past the series. Whole calendar years only: part-year
 * spans cannot sit on an annual axis.
 */
function reportedPointsAfter(figures: readonly FigureView[], flow: string, after: number, to: number): ReportedPoint[] {
  const all = figures.filter((f) => f.khmFlow === flow && isAnnual(periodOf(f)));
  const out: ReportedPoint[] = [];
  for (let year = after + 1; year <= to; year++) {
    const cell = all.filter((f) => f.periodStart === annualPeriod(year).start);
    for (const side of SIDES) {
      const pick = pickFigure(cell, { side });
      if (!pick) continue;
      const f = pick.chosen;
      out.push({
        id: f.id,
        year,
        side,
        value: f.khmValue,
        records: f.records ?? null,
        approximate: f.approximate ?? false,
        oneSource: f.confidence === "medium",
        sourcePublisher: f.sourcePublisher,
        differs: pick.differing.length > 0,
      });
    }
  }
  return out;
}

/** Calendar years after the series with no full-year figure of this flow from either side's records. */
function missingYears(points: ReportedPoint[], after: number, to: number): number[] {
  const have = new Set(points.map((p) => p.year));
  const out: number[] = [];
  for (let y = after + 1; y <= to; y++) if (!have.has(y)) out.push(y);
  return out;
}

export async function TradeChartWidget(props: z.input<typeof ChartProps>) {
  const p = parseProps("TradeChart", ChartProps, props);
  const name = await partnerName(p.partner);
  const points = await getAnnualSeries(p.partner, p.flow, p.from, p.to);
  const seriesEnd = points.length ? Math.max(...points.map((x) => x.year)) : ((await mainSeriesLastYear()) ?? p.to);
  const reported = p.to > seriesEnd ? reportedPointsAfter(await reportedTradeFigures(p.partner), p.flow, seriesEnd, p.to) : [];
  const missing = p.to > seriesEnd ? missingYears(reported, seriesEnd, p.to) : [];
  const lastYear = Math.max(seriesEnd, ...reported.map((r) => r.year));
  const title = `${await describe(p.flow, p.partner)}, ${p.from}–${p.to > seriesEnd ? lastYear : p.to}`;
  const last = points.filter((x) => x.year === Math.max(...points.map((q) => q.year)));
  const description = `Two lines, one per reporting side. ${last
    .map((x) => `${sideLabel(x, name)} give ${formatUsd(x.value)} in ${x.year}`)
    .join("; ")}.${
    reported.length
      ? ` After ${seriesEnd}, separate points for figures quoted in reports: ${reported
          .map((r) => `${r.year}, ${recordsLabel(r, name)}, ${r.approximate ? "about " : ""}${formatUsd(r.value)}`)
          .join("; ")}.`
      : ""
  }`;
  const missingNote =
    p.to > seriesEnd
      ? missing.length
        ? `No full-year figure for ${yearsText(missing)} from either side's records in our database${reported.length ? "" : "; there is no open dataset of Cambodia's trade by partner after " + seriesEnd}.`
        : null
      : null;
  return (
    <TradeChart
      id={`chart-${p.partner}-${p.flow}-${p.from}-${p.to}`}
      title={title}
      description={description}
      points={points}
      partnerName={name}
      sourceHref={`/sources/${MAIN_SOURCE.id}`}
      sourceLabel={MAIN_SOURCE.label}
      reported={reported}
      seriesEnd={seriesEnd}
      missingNote={missingNote}
    />
  );
}

const Slug = z.string().regex(/^[a-z0-9-]+$/);
const TimelineProps = z
  .object({ agreement: Slug, compact: z.boolean().optional(), anchors: z.boolean().optional(), latest: z.number().int().min(1).max(50).optional() })
  .strict();

async function requireAgreement(widget: string, slug: string) {
  const a = await getAgreement(slug);
  if (!a) throw new Error(`<${widget}> names unknown agreement ${slug}`);
  return a;
}

export async function RoundsTimelineWidget(props: z.input<typeof TimelineProps>) {
  const p = parseProps("RoundsTimeline", TimelineProps, props);
  const a = await requireAgreement("RoundsTimeline", p.agreement);
  return <RoundsTimeline events={a.events} rounds={a.rounds} compact={p.compact} anchors={p.anchors} latest={p.latest} />;
}

const MilestoneProps = z
  .object({ agreement: Slug, status: z.enum(AGREEMENT_STATUSES), party: Code.optional(), which: z.enum(["first", "last"]).optional() })
  .strict();

/** The date of one milestone (the first or last of a stage, optionally one party's), linking to it on the tracker. */
export async function Milestone(props: z.input<typeof MilestoneProps>) {
  const p = parseProps("Milestone", MilestoneProps, props);
  const a = await requireAgreement("Milestone", p.agreement);
  const list = a.events.filter((e) => e.status === p.status && (p.party === undefined || e.party === p.party));
  const e = p.which === "last" ? list.at(-1) : list[0];
  if (!e) return <MissingFigure what={`${a.shortName} ${p.status} date`} />;
  return (
    <a
      href={`/agreements/${a.slug}#event-${e.id}`}
      className="fig whitespace-nowrap underline decoration-dotted decoration-1 underline-offset-4"
      data-milestone-date={e.date}
      title={`${e.description} Source: ${e.sourcePublisher}${e.confidence === "medium" ? " (one source)" : ""}`}
    >
      <time dateTime={e.date}>{formatDate(e.date, e.precision)}</time>
      {e.confidence === "medium" ? <span className="font-sans text-[0.72em]"><OneSource /></span> : null}
    </a>
  );
}

const AgreementStatusProps = z.object({ agreement: Slug }).strict();

/** Where an agreement stands, in words from the database: "in force for Cambodia since 1 January 2022". */
export async function AgreementStatus(props: z.input<typeof AgreementStatusProps>) {
  const p = parseProps("AgreementStatus", AgreementStatusProps, props);
  const a = await requireAgreement("AgreementStatus", p.agreement);
  const text = statusSentence(a.standing);
  return (
    <a href={`/agreements/${a.slug}`} className="fig underline decoration-dotted decoration-1 underline-offset-4" data-agreement-status={a.standing.status ?? ""} data-since={a.standing.since?.date ?? ""}>
      {text.charAt(0).toLowerCase() + text.slice(1)}
    </a>
  );
}

const TariffShareProps = z.object({ agreement: Slug, party: Code }).strict();

/** A stored tariff-elimination share, with its source and the source's own caveats. */
export async function TariffShare(props: z.input<typeof TariffShareProps>) {
  const p = parseProps("TariffShare", TariffShareProps, props);
  const share = (await tariffSharesFor(p.agreement)).find((s) => s.party === p.party);
  if (!share) return <MissingFigure what={`${p.party}'s tariff-elimination share`} />;
  const percent = `${Number((share.shareBp / 100).toFixed(2))}%`;
  const counted = share.counted === "products" ? "of products" : "of tariff lines";
  return (
    <span className="fig" data-tariff-share={share.shareBp} data-counted={share.counted}>
      <Link href={`/sources/${share.source.id}`} className="whitespace-nowrap font-sans text-[0.95em] font-semibold underline decoration-dotted decoration-1 underline-offset-4" title={share.note ?? undefined}>
        {percent}
      </Link>{" "}
      {counted}
      <span className="font-sans text-[0.72em] text-(--color-muted) align-[0.25em]">
        {" "}
        {shortPublisher(share.source.publisher)}
        {share.combinedWith ? `, ${share.combinedWith.shortName} included` : ""}
        {share.confidence === "medium" ? <OneSource /> : null}
      </span>
    </span>
  );
}

const WtoFieldProps = z
  .object({ rta: z.number().int().min(1), field: z.enum(WTO_FIELDS.map((f) => f.key) as [(typeof WTO_FIELDS)[number]["key"], ...(typeof WTO_FIELDS)[number]["key"][]]), source: SourceId })
  .strict();

/** One field of one WTO export's row, e.g. the services entry-into-force date the March 2021 extract gave. */
export async function WtoField(props: z.input<typeof WtoFieldProps>) {
  const p = parseProps("WtoField", WtoFieldProps, props);
  const row = await wtoRecord(p.source, p.rta);
  if (!row) return <MissingFigure what={`RTA ${p.rta} in ${p.source}`} />;
  const value = row.record[p.field];
  return (
    <a href={`/agreements/${row.slug}#wto-heading`} className="fig underline decoration-dotted decoration-1 underline-offset-4" data-wto-field={p.field} data-wto-value={value ?? ""} title={`WTO RTA-IS, ${p.source === WTO_EXPORTS.older ? "March 2021 extract" : "export of early 2026"}, RTA ${p.rta}`}>
      {WTO_FIELDS.find((f) => f.key === p.field)?.date && value ? <time dateTime={value}>{fieldText(p.field, value)}</time> : fieldText(p.field, value)}
    </a>
  );
}

const BeforeAfterProps = z.object({ agreement: Slug, partner: Code }).strict();

/** Trade in the 12 months either side of entry into force, from whichever records exist, gaps in words. */
export async function BeforeAfterWidget(props: z.input<typeof BeforeAfterProps>) {
  const p = parseProps("BeforeAfter", BeforeAfterProps, props);
  const a = await requireAgreement("BeforeAfter", p.agreement);
  const name = await partnerName(p.partner);
  if (a.standing.status !== "in_force" || !a.standing.since) return <MissingFigure what={`${a.shortName} entry into force`} />;
  const date = a.standing.since.date;
  const w = windowsAround(date);
  // Every figure that touches the calendar years of either window, so the gaps can be named.
  const figures = await tradeFiguresBetween(p.partner, annualPeriod(Number(w.before.start.slice(0, 4))).start, annualPeriod(Number(w.after.end.slice(0, 4))).end);
  return <BeforeAfterView result={beforeAfter(date, figures, name)} agreementName={a.shortName} agreementHref={`/agreements/${a.slug}`} partnerName={name} />;
}

const RoundDatesProps = z.object({ agreement: Slug, number: z.number().int().min(1) }).strict();

export async function RoundDates(props: z.input<typeof RoundDatesProps>) {
  const p = parseProps("RoundDates", RoundDatesProps, props);
  const round = (await getAgreement(p.agreement))?.rounds.find((r) => r.number === p.number);
  if (!round) return <MissingFigure what={`round ${p.number} dates`} />;
  return (
    <a href={`/agreements/${p.agreement}#round-${round.number}`} className="fig underline decoration-dotted decoration-1 underline-offset-4" data-round-dates={`${round.startDate}/${round.endDate}`}>
      <time dateTime={round.startDate}>{formatDateRange(round.startDate, round.endDate)}</time>
    </a>
  );
}

export const storyWidgets = {
  Figure,
  Change,
  Share,
  TradeChart: TradeChartWidget,
  RoundsTimeline: RoundsTimelineWidget,
  RoundDates,
  Milestone,
  AgreementStatus,
  TariffShare,
  BeforeAfter: BeforeAfterWidget,
  WtoField,
};
