import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { FigureTable } from "@/components/site/FigureTable";
import { countFiguresBySource, getFiguresBySource } from "@/db/queries/figures";
import { listSources, getSource } from "@/db/queries/sources";
import { partnerNames } from "@/db/queries/partners";
import { counterpartName, MAIN_SOURCE_ID, sourceKindLabel } from "@/lib/domain/figure";
import { formatDate } from "@/lib/format/date";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { clip, pageMetadata } from "@/lib/seo/metadata";

// New sources added by editors get a page on their first request (ISR).
export async function generateStaticParams() {
  return (await listSources()).map((s) => ({ id: s.id }));
}

type Props = { params: Promise<{ id: string }> };

/** The page's one loader, shared by the metadata and the body (a cached read). */
const load = (id: string) => getSource(id);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const s = await load((await params).id);
  if (!s) return {};
  return pageMetadata({
    title: clip(`${s.publisher}: ${s.title.replace(/^\[|\]$/g, "")}`, 70),
    description: `${sourceKindLabel(s.kind)} from ${s.publisher}, ${formatDate(s.publishedOn)}: ${s.title.replace(/^\[|\]$/g, "")}. The figures and dates this site takes from it.`,
    path: `/sources/${s.id}`,
  });
}

export default async function SourcePage({ params }: Props) {
  const s = await load((await params).id);
  if (!s) notFound();
  const [total, figures, names] = await Promise.all([
    countFiguresBySource(s.id),
    // The main statistics hold thousands of values: the explorer lists them, not this page.
    s.id === MAIN_SOURCE_ID ? [] : getFiguresBySource(s.id),
    partnerNames(),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <JsonLd data={breadcrumbJsonLd([{ name: "Sources", path: "/sources" }, { name: s.publisher, path: `/sources/${s.id}` }])} />
      <p className="text-xs font-bold uppercase tracking-wide text-(--color-muted)">{sourceKindLabel(s.kind)}</p>
      <h1 className="font-serif text-3xl font-bold">{s.title}</h1>
      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Publisher</dt>
        <dd>{s.publisher}</dd>
        <dt className="font-semibold">Date</dt>
        <dd><time dateTime={s.publishedOn}>{formatDate(s.publishedOn)}</time></dd>
        {s.titleSupplied ? (
          <>
            <dt className="font-semibold">Title</dt>
            <dd>Supplied by us: the report&apos;s original headline is not in our copy.</dd>
          </>
        ) : null}
        {s.url ? (
          <>
            <dt className="font-semibold">Link</dt>
            <dd><a href={s.url} className="break-all underline" rel="noopener">{s.url}</a></dd>
          </>
        ) : null}
        {s.note ? (
          <>
            <dt className="font-semibold">Notes</dt>
            <dd>{s.note}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Figures</dt>
        <dd>{total.toLocaleString("en-US")} stored from this source</dd>
      </dl>
      {figures.length > 0 ? (
        <section className="mt-8">
          <h2 className="text-xl font-bold">Figures taken from this source</h2>
          <div className="mt-2 space-y-6">
            {[...new Set(figures.map((f) => f.counterpart))].map((code) => (
              <FigureTable
                key={code}
                figures={figures.filter((f) => f.counterpart === code)}
                partnerName={names.get(code) ?? code}
                caption={`With ${counterpartName(code, names)}`}
              />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
