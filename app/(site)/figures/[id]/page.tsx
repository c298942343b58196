import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { JsonLd } from "@/components/seo/JsonLd";
import { displayValue, exactValue, OneSource } from "@/components/charts/FigureValue";
import { FigureTable } from "@/components/site/FigureTable";
import { getCell, getFigure } from "@/db/queries/figures";
import { getPartner } from "@/db/queries/partners";
import { FLOW_LABELS, pickFigure, recordsLabel } from "@/lib/figures";
import { periodText } from "@/lib/format/period";
import { cacheTags, tags } from "@/lib/cache-tags";
import { figureDatasetJsonLd } from "@/lib/seo/datasets";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ id: string }> };

const ID = /^[1-9][0-9]{0,9}$/;

/** The page's one loader, read once per render by the metadata and the body. */
const load = cache((id: string) => {
  if (!ID.test(id)) return null;
  const figure = getFigure(Number(id));
  if (!figure) return null;
  const period = { start: figure.periodStart, end: figure.periodEnd };
  const cell = getCell(figure.counterpart, figure.khmFlow, period);
  const partner = figure.counterpart === "WLD" ? { name: "the world", code: "WLD" } : getPartner(figure.counterpart);
  return { figure, cell, period, partnerName: partner?.name ?? figure.counterpart };
});

const headingFor = (label: string, partnerName: string) => (label.endsWith(":") ? `${label.slice(0, -1)}: ${partnerName}` : `${label} ${partnerName}`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = load((await params).id);
  if (!data) return {};
  const label = FLOW_LABELS[data.figure.khmFlow] ?? data.figure.khmFlow;
  const heading = headingFor(label, data.partnerName);
  // Left out of search indexes: the partner pages and /data carry the same numbers in context.
  return pageMetadata({
    title: `${heading}, ${periodText(data.period)}`,
    description: `${heading}, ${periodText(data.period)}: ${data.cell.length} stored ${data.cell.length === 1 ? "value" : "values"}, each with its source, and where the sources differ.`,
    path: `/figures/${data.figure.id}`,
    noindex: true,
  });
}

/** One figure and every other value stored for the same quantity, so readers see where sources differ. */
export default async function FigurePage({ params }: Props) {
  const data = load((await params).id);
  if (!data) notFound();
  const { figure, cell, period, partnerName } = data;
  await cacheTags(tags.figures(figure.counterpart));
  const preferred = pickFigure(cell);
  const label = FLOW_LABELS[figure.khmFlow] ?? figure.khmFlow;
  const heading = headingFor(label, partnerName);
  const differ = preferred ? preferred.differing.length > 0 : false;
  const sources = [...new Map(cell.map((f) => [f.sourceId, { id: f.sourceId, publisher: f.sourcePublisher, title: f.sourceTitle }])).values()];
  const crumbs =
    figure.counterpart === "WLD"
      ? [{ name: `${heading}, ${periodText(period)}`, path: `/figures/${figure.id}` }]
      : [
          { name: "Partners", path: "/partners" },
          { name: partnerName, path: `/partners/${figure.counterpart}` },
          { name: `${heading}, ${periodText(period)}`, path: `/figures/${figure.id}` },
        ];
  return (
    <div className="mx-auto max-w-4xl">
      <JsonLd
        data={[
          breadcrumbJsonLd(crumbs),
          figureDatasetJsonLd({
            id: figure.id,
            heading,
            partnerCode: figure.counterpart,
            partnerName,
            periodStart: period.start,
            periodEnd: period.end,
            periodText: periodText(period),
            changed: null,
            sources,
          }),
        ]}
      />
      <p className="text-xs font-bold uppercase tracking-wide text-(--color-muted)">Figure</p>
      <h1 className="font-serif text-3xl font-bold">
        {heading}, {periodText(period)}
      </h1>
      <p className="mt-3 text-lg">
        This value: <strong data-value={figure.value}>{displayValue(figure)}</strong>, from{" "}
        <Link href={`/sources/${figure.sourceId}`} className="underline">{figure.sourcePublisher}</Link>
        {`, in ${recordsLabel(figure, partnerName)}`}.
        {figure.confidence === "medium" ? <OneSource /> : null}
        {figure.unit === "USD" ? (
          <span className="block text-base" data-exact-value={figure.value}>
            Stored to the dollar: <strong className="tabular-nums">{exactValue(figure)}</strong>
            {figure.reporter !== "KHM" && figure.flow !== figure.khmFlow ? ` (recorded as ${partnerName}'s ${figure.flow})` : ""}
            {figure.approximate ? ", which the source gives as an approximate figure" : ""}.
          </span>
        ) : null}
        {figure.note ? <span className="block text-sm text-(--color-muted)">{figure.note}</span> : null}
      </p>
      {preferred && preferred.chosen.id !== figure.id ? (
        <p className="mt-2 text-sm">Our preferred value for this figure is <strong>{displayValue(preferred.chosen)}</strong> ({preferred.chosen.sourcePublisher}).</p>
      ) : null}
      <section id="compare" className="mt-8">
        <h2 className="text-xl font-bold">{differ ? "Sources differ" : "All values stored"}</h2>
        <p className="mt-1 text-sm text-(--color-muted)">
          {cell.length} value{cell.length === 1 ? "" : "s"} for this figure.{" "}
          {differ
            ? "They disagree by more than rounding. Each side values trade differently (exports FOB, imports CIF) and reports can quote either side or round figures."
            : "They agree within rounding."}
        </p>
        <div className="mt-3">
          <FigureTable figures={cell} partnerName={partnerName} caption={`${heading}, ${periodText(period)}: every stored value`} />
        </div>
      </section>
      {figure.counterpart !== "WLD" ? (
        <p className="mt-6 text-sm">
          <Link href={`/partners/${figure.counterpart}`} className="underline">More on Cambodia and {partnerName}</Link>
        </p>
      ) : null}
    </div>
  );
}
