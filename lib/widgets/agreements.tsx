import "server-only";
import { z } from "zod";
import { MissingFigure } from "@/components/charts/FigureValue";
import { AgreementStatusText, MilestoneDate, RoundDatesLink, TariffShareValue, WtoFieldValue } from "@/components/site/AgreementFacts";
import { BeforeAfter } from "@/components/site/BeforeAfter";
import { RoundsTimeline } from "@/components/site/RoundsTimeline";
import { getAgreement, tariffSharesFor, wtoRecord } from "@/db/queries/agreements";
import { tradeFiguresBetween } from "@/db/queries/figures";
import { AGREEMENT_STATUSES } from "@/db/schema";
import { findMilestone } from "@/lib/agreements";
import { beforeAfter, figureMonths } from "@/lib/before-after";
import { WTO_FIELDS, type WtoFieldKey } from "@/lib/wto";
import { Code, parseProps, Slug, SourceId } from "./props";
import { partnerName, requireAgreement } from "./read";

/**
 * Story widgets about agreements: each parses its props, reads through the cached loaders of
 * db/queries and renders a view from components/. Pages that have the agreement already (the
 * tracker, the front page) render those views themselves.
 */

const TimelineProps = z.strictObject({
  agreement: Slug,
  compact: z.boolean().optional(),
  anchors: z.boolean().optional(),
  latest: z.number().int().min(1).max(50).optional(),
});

/** `<RoundsTimeline agreement="ckfta" />`: milestones and rounds, each with its source. */
export async function RoundsTimelineWidget(props: z.input<typeof TimelineProps>) {
  const p = parseProps("RoundsTimeline", TimelineProps, props);
  const a = await requireAgreement("RoundsTimeline", p.agreement);
  return <RoundsTimeline events={a.events} rounds={a.rounds} compact={p.compact} anchors={p.anchors} latest={p.latest} />;
}

const RoundDatesProps = z.strictObject({ agreement: Slug, number: z.number().int().min(1) });

/** `<RoundDates agreement="ckfta" number={2} />`: a round's dates, linking to it on the tracker. */
export async function RoundDatesWidget(props: z.input<typeof RoundDatesProps>) {
  const p = parseProps("RoundDates", RoundDatesProps, props);
  const round = (await getAgreement(p.agreement))?.rounds.find((r) => r.number === p.number);
  if (!round) return <MissingFigure what={`round ${p.number} dates`} />;
  return <RoundDatesLink agreementSlug={p.agreement} round={round} />;
}

const MilestoneProps = z.strictObject({
  agreement: Slug,
  status: z.enum(AGREEMENT_STATUSES),
  party: Code.optional(),
  which: z.enum(["first", "last"]).optional(),
});

/** `<Milestone agreement="ckfta" status="ratification" party="KOR" which="last" />`: the date of one step. */
export async function MilestoneWidget(props: z.input<typeof MilestoneProps>) {
  const p = parseProps("Milestone", MilestoneProps, props);
  const a = await requireAgreement("Milestone", p.agreement);
  const event = findMilestone(a.events, { status: p.status, party: p.party, last: p.which === "last" });
  if (!event) return <MissingFigure what={`${a.shortName} ${p.status} date`} />;
  return <MilestoneDate agreementSlug={a.slug} event={event} />;
}

const AgreementStatusProps = z.strictObject({ agreement: Slug });

/** `<AgreementStatus agreement="rcep" />`: where an agreement stands, in words from the database. */
export async function AgreementStatusWidget(props: z.input<typeof AgreementStatusProps>) {
  const p = parseProps("AgreementStatus", AgreementStatusProps, props);
  const a = await requireAgreement("AgreementStatus", p.agreement);
  return <AgreementStatusText agreementSlug={a.slug} standing={a.standing} />;
}

const TariffShareProps = z.strictObject({ agreement: Slug, party: Code });

/** `<TariffShare agreement="ckfta" party="KHM" />`: a stored tariff-elimination share with its source. */
export async function TariffShareWidget(props: z.input<typeof TariffShareProps>) {
  const p = parseProps("TariffShare", TariffShareProps, props);
  const share = (await tariffSharesFor(p.agreement)).find((s) => s.party === p.party);
  if (!share) return <MissingFigure what={`${p.party}'s tariff-elimination share`} />;
  return <TariffShareValue share={share} />;
}

const WTO_FIELD_KEYS = WTO_FIELDS.map((f) => f.key) as [WtoFieldKey, ...WtoFieldKey[]];
const WtoFieldProps = z.strictObject({ rta: z.number().int().min(1), field: z.enum(WTO_FIELD_KEYS), source: SourceId });

/** `<WtoField rta={169} field="inForceServices" source="wto-rtais" />`: one field of one WTO export's row. */
export async function WtoFieldWidget(props: z.input<typeof WtoFieldProps>) {
  const p = parseProps("WtoField", WtoFieldProps, props);
  const row = await wtoRecord(p.source, p.rta);
  if (!row) return <MissingFigure what={`RTA ${p.rta} in ${p.source}`} />;
  return <WtoFieldValue agreementSlug={row.slug} sourceId={p.source} rtaId={p.rta} field={p.field} value={row.record[p.field]} />;
}

const BeforeAfterProps = z.strictObject({ agreement: Slug, partner: Code });

/** `<BeforeAfter agreement="ckfta" partner="KOR" />`: trade in the 12 months either side of entry into force. */
export async function BeforeAfterWidget(props: z.input<typeof BeforeAfterProps>) {
  const p = parseProps("BeforeAfter", BeforeAfterProps, props);
  const [a, name] = await Promise.all([requireAgreement("BeforeAfter", p.agreement), partnerName(p.partner)]);
  const since = a.standing.status === "in_force" ? a.standing.since : null;
  if (!since) return <MissingFigure what={`${a.shortName} entry into force`} />;
  const months = figureMonths(since.date);
  const figures = await tradeFiguresBetween(p.partner, months.from, months.to);
  return (
    <BeforeAfter
      result={beforeAfter(since.date, figures, name)}
      agreementName={a.shortName}
      agreementHref={`/agreements/${a.slug}`}
      partnerName={name}
    />
  );
}
