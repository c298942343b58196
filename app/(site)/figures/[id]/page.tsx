import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { displayValue, exactValue, OneSource } from "@/components/charts/FigureValue";
import { FigureTable } from "@/components/site/FigureTable";
import { getCell, getFigure, reportedFigureIds } from "@/db/queries/figures";
import { getPartner } from "@/db/queries/partners";
import { counterpartName, figureHeading, figureTitle, periodOf, periodText, pickFigure, recordsLabel, WORLD } from "@/lib/domain/figure";
import { figureDatasetJsonLd } from "@/lib/seo/datasets";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ id: string }> };

const ID = /^[1-9][0-9]{0,9}$/;

export async function generateStaticParams() {
  return (await reportedFigureIds()).map((id) => ({ id: String(id) }));
}

/** The page's one loader, shared by the metadata and the body (its reads are cached). */
async function load(id: string) {
  if (!ID.test(id)) return null;
  const figure = await getFigure(Number(id));
  if (!figure) return null;
  const period = periodOf(figure);
  const [cell, partner] = await Promise.all([
    getCell(figure.counterpart, figure.khmFlow, period),
    figure.counterpart === WORLD ? null : getPartner(figure.counterpart),
  ]);
  return { figure, cell, period, partnerName: counterpartName(figure.counterpart, () => partner?.name) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).id);
  if (!data) return {};
  const title = figureTitle(data.figure.khmFlow, data.partnerName, data.period);
  // Left out of search indexes: the partner pages and /data carry the same numbers in context.
  return pageMetadata({
    title,
    description: `${title}: ${data.cell.length} stored ${data.cell.length === 1 ? "value" : "values"}, each with its source, and where the sources differ.`,
    path: `/figures/${data.figure.id}`,
    noindex: true,
  });
}

/** One figure and every other value stored for the same quantity, so readers see where sources differ. */
export default async function FigurePage({ params }: Props) {
  const data = await load((await params).id);
  if (!data) notFound();
  const { figure, cell, period, partnerName } = data;
  const preferred = pickFigure(cell);
  const heading = figureHeading(figure.khmFlow, partnerName);
  const title = figureTitle(figure.khmFlow, partnerName, period);
  const differ = preferred ? preferred.differing.length > 0 : false;
  const sources = [
    ...new Map(cell.map((f) => [f.sourceId, { id: f.sourceId, publisher: f.sourcePublisher, title: f.sourceTitle }])).values(),
  ];
  const crumbs =
    figure.counterpart === WORLD
      ? [{ name: title, path: `/figures/${figure.id}` }]
      : [
          { name: "Partners", path: "/partners" },
          { name: partnerName, path: `/partners/${figure.counterpart}` },
          { name: title, path: `/figures/${figure.id}` },
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
      <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">Figure</p>
      <h1 className="font-serif text-3xl font-bold">{title}</h1>
      <p className="mt-3 text-lg">
        This value: <strong data-value={figure.value}>{displayValue(figure)}</strong>, from{" "}
        <Link href={`/sources/${figure.sourceId}`} className="underline">
          {figure.sourcePublisher}
        </Link>
        {`, in ${recordsLabel(figure, partnerName)}`}.{figure.confidence === "medium" ? <OneSource /> : null}
        {figure.unit === "USD" ? (
          <span className="block text-base" data-exact-value={figure.value}>
            Stored to the dollar: <strong className="tabular-nums">{exactValue(figure)}</strong>
            {figure.side === "partner" && figure.flow !== figure.khmFlow ? ` (recorded as ${partnerName}'s ${figure.flow})` : ""}
            {figure.approximate ? ", which the source gives as an approximate figure" : ""}.
          </span>
        ) : null}
        {figure.note ? <span className="block text-sm text-(--color-muted)">{figure.note}</span> : null}
      </p>
      {preferred && preferred.chosen.id !== figure.id ? (
        <p className="mt-2 text-sm">
          Our preferred value for this figure is <strong>{displayValue(preferred.chosen)}</strong> ({preferred.chosen.sourcePublisher}).
        </p>
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
          <FigureTable figures={cell} partnerName={partnerName} caption={`${title}: every stored value`} />
        </div>
      </section>
      {figure.counterpart !== WORLD ? (
        <p className="mt-6 text-sm">
          <Link href={`/partners/${figure.counterpart}`} className="underline">
            More on Cambodia and {partnerName}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
