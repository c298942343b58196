import "server-only";
import { z } from "zod";
import { ChangeValue, FigureOrMissing, MissingFigure, ShareValue } from "@/components/charts/FigureValue";
import { TradeChart } from "@/components/charts/TradeChart";
import { getAnnualSeries, getCell, mainSeriesLastYear, reportedTradeFigures } from "@/db/queries/figures";
import { FLOWS } from "@/db/schema";
import { seriesEndOf, tradeChart } from "@/lib/charts/tradeChart";
import { changeBetween, shareOfWorld } from "@/lib/domain/compare";
import { figureHeading, figureTitle, periodText, pickFigure, WORLD } from "@/lib/domain/figure";
import { Code, parseProps, PeriodLabel, Side, SourceId } from "./props";
import { partnerName } from "./read";

/**
 * Story widgets about trade figures: each parses its props, reads through the cached loaders of
 * db/queries (which declare the cache tags of what they read) and renders a view from components/.
 * Pages that have the data already render those views themselves.
 */

const FigureProps = z.strictObject({
  partner: Code,
  flow: z.enum(FLOWS),
  period: PeriodLabel,
  side: Side.optional(),
  source: SourceId.optional(),
});

/** `<Figure partner="KOR" flow="total" period="2019" />`: one stored value, with its source. */
export async function FigureWidget(props: z.input<typeof FigureProps>) {
  const p = parseProps("Figure", FigureProps, props);
  const [cell, name] = await Promise.all([getCell(p.partner, p.flow, p.period.period), partnerName(p.partner)]);
  return <FigureOrMissing pick={pickFigure(cell, { side: p.side, source: p.source })} label={figureTitle(p.flow, name, p.period.period)} />;
}

const ChangeProps = z.strictObject({
  partner: Code,
  flow: z.enum(FLOWS),
  period: PeriodLabel,
  against: PeriodLabel,
  side: Side.optional(),
  source: SourceId.optional(),
});

/** `<Change … period="2024-01/2024-02" against="2023-01/2023-02" />`: percent change between two stored periods. */
export async function ChangeWidget(props: z.input<typeof ChangeProps>) {
  const p = parseProps("Change", ChangeProps, props);
  const [now, earlier, name] = await Promise.all([
    getCell(p.partner, p.flow, p.period.period),
    getCell(p.partner, p.flow, p.against.period),
    partnerName(p.partner),
  ]);
  const change = changeBetween(now, earlier, { side: p.side, source: p.source });
  if (!change) return <MissingFigure what={`change in ${figureHeading(p.flow, name)}, ${p.against.label} to ${p.period.label}`} />;
  return <ChangeValue change={change} />;
}

const ShareProps = z.strictObject({ partner: Code, period: PeriodLabel, source: SourceId.optional() });

/** `<Share partner="JPN" period="2024-01/2024-02" />`: a partner's share of Cambodia's total trade. */
export async function ShareWidget(props: z.input<typeof ShareProps>) {
  const p = parseProps("Share", ShareProps, props);
  const [part, world, name] = await Promise.all([
    getCell(p.partner, "total", p.period.period),
    getCell(WORLD, "total", p.period.period),
    partnerName(p.partner),
  ]);
  const share = shareOfWorld(part, world, { source: p.source });
  if (!share) return <MissingFigure what={`${name}'s share of trade, ${periodText(p.period.period)}`} />;
  return <ShareValue share={share} />;
}

const ChartProps = z
  .strictObject({
    partner: Code,
    flow: z.enum(["exports", "imports", "total", "balance"]),
    from: z.number().int().min(1960),
    to: z.number().int().max(2100),
  })
  .refine((p) => p.to > p.from, "to must be after from");

/** `<TradeChart partner="KOR" flow="total" from={2000} to={2025} />`: both sides' series, and reported figures after a break. */
export async function TradeChartWidget(props: z.input<typeof ChartProps>) {
  const p = parseProps("TradeChart", ChartProps, props);
  const [points, name] = await Promise.all([getAnnualSeries(p.partner, p.flow, p.from, p.to), partnerName(p.partner)]);
  const mainSeriesEnd = points.length ? null : await mainSeriesLastYear();
  // Reported figures (and the tags of their sources) only for a chart that runs past the series.
  const reported = p.to > seriesEndOf(points, mainSeriesEnd, p.to) ? await reportedTradeFigures(p.partner) : [];
  return (
    <TradeChart
      {...tradeChart({ partner: p.partner, partnerName: name, flow: p.flow, from: p.from, to: p.to, points, mainSeriesEnd, reported })}
    />
  );
}
