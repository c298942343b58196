import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { displayValue } from "@/components/charts/FigureValue";
import { getCell, getFigure, reportedFigureIds } from "@/db/queries/figures";
import { getPartner } from "@/db/queries/partners";
import { counterpartName, figureTitle, periodOf, sideLabel, WORLD } from "@/lib/domain/figure";
import { formatDate } from "@/lib/format/date";
import { valuesDiffer } from "@/lib/format/number";

type Props = { params: Promise<{ id: string }> };

const ID = /^[1-9][0-9]{0,9}$/;

export async function generateStaticParams() {
  return (await reportedFigureIds()).map((id) => ({ id: String(id) }));
}

async function load(id: string) {
  if (!ID.test(id)) return null;
  const figure = await getFigure(Number(id));
  if (!figure) return null;
  const period = periodOf(figure);
  const [cell, partner] = await Promise.all([
    getCell(figure.counterpart, figure.khmFlow, period),
    figure.counterpart === WORLD ? null : getPartner(figure.counterpart),
  ]);
  const partnerName = counterpartName(figure.counterpart, () => partner?.name);
  // Another stored value for the same quantity disagrees with this one beyond rounding.
  const differ = cell.some((f) => f.id !== figure.id && valuesDiffer(f.khmValue, figure.khmValue));
  return { figure, period, partnerName, differ };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).id);
  if (!data) return {};
  return { title: figureTitle(data.figure.khmFlow, data.partnerName, data.period) };
}

/** /embed/figure/[id]: one stored figure for an <iframe>, with its source and a link to every value stored for it. */
export default async function EmbedFigure({ params }: Props) {
  const data = await load((await params).id);
  if (!data) notFound();
  const { figure: f, period, partnerName, differ } = data;
  return (
    <figure className="font-sans" data-embed-figure={f.id}>
      <figcaption className="text-sm font-semibold text-(--color-muted)">{figureTitle(f.khmFlow, partnerName, period)}</figcaption>
      <p className="mt-1 font-serif text-4xl font-bold" data-value={f.value} data-unit={f.unit}>
        {displayValue(f)}
      </p>
      <p className="mt-1 text-sm text-(--color-muted)">
        {sideLabel(f, partnerName)}
        {f.estimate ? " · estimate" : ""}
        {f.derived ? " · computed from other stored values" : ""}
        {f.unit === "USD" ? " · current US dollars" : ""}
      </p>
      <p className="mt-2 text-sm">
        Source:{" "}
        <a href={`/sources/${f.sourceId}`} target="_blank" rel="noopener" className="underline" data-source-link>
          {f.sourcePublisher}, {f.sourceTitle}
        </a>{" "}
        ({formatDate(f.sourceDate)})
      </p>
      <p className="mt-1 text-sm">
        <a href={`/figures/${f.id}`} target="_blank" rel="noopener" className="font-semibold underline" data-full-page>
          {differ ? "Sources differ: see every value stored" : "See every value stored for this figure"}
        </a>
      </p>
    </figure>
  );
}
