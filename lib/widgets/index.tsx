import "server-only";
import { z } from "zod";
import { getAgreement } from "@/db/queries/agreements";
import { getAnnualSeries, getCell } from "@/db/queries/figures";
import { getPartner } from "@/db/queries/partners";
import { FLOWS } from "@/db/schema";
import { FigureValue, MissingFigure } from "@/components/charts/FigureValue";
import { TradeChart } from "@/components/charts/TradeChart";
import { RoundsTimeline } from "@/components/site/RoundsTimeline";
import { counterpartName, figureHeading, MAIN_SOURCE, periodFromLabel, periodText, pickFigure, sideLabel, SIDES, WORLD } from "@/lib/domain/figure";
import { formatDateRange } from "@/lib/format/date";
import { formatPercent, formatUsd } from "@/lib/format/number";

/**
 * Live widgets for stories and data pages. Each names what to show (partner, flow, period);
 * the database says how much, when the page renders. Props are validated: a typo in a story
 * fails the build instead of showing a wrong number.
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

export async function TradeChartWidget(props: z.input<typeof ChartProps>) {
  const p = parseProps("TradeChart", ChartProps, props);
  const name = await partnerName(p.partner);
  const points = await getAnnualSeries(p.partner, p.flow, p.from, p.to);
  const title = `${await describe(p.flow, p.partner)}, ${p.from}–${p.to}`;
  const last = points.filter((x) => x.year === Math.max(...points.map((q) => q.year)));
  const description = `Two lines, one per reporting side. ${last
    .map((x) => `${sideLabel(x, name)} give ${formatUsd(x.value)} in ${x.year}`)
    .join("; ")}.`;
  return (
    <TradeChart
      id={`chart-${p.partner}-${p.flow}-${p.from}-${p.to}`}
      title={title}
      description={description}
      points={points}
      partnerName={name}
      sourceHref={`/sources/${MAIN_SOURCE.id}`}
      sourceLabel={MAIN_SOURCE.label}
    />
  );
}

const TimelineProps = z.object({ agreement: z.string().regex(/^[a-z0-9-]+$/), compact: z.boolean().optional() }).strict();

export async function RoundsTimelineWidget(props: z.input<typeof TimelineProps>) {
  const p = parseProps("RoundsTimeline", TimelineProps, props);
  const a = await getAgreement(p.agreement);
  if (!a) throw new Error(`<RoundsTimeline> names unknown agreement ${p.agreement}`);
  return <RoundsTimeline events={a.events} rounds={a.rounds} compact={p.compact} />;
}

const RoundDatesProps = z.object({ agreement: z.string().regex(/^[a-z0-9-]+$/), number: z.number().int().min(1) }).strict();

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
};
