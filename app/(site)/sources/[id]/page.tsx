import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { FigureTable } from "@/components/site/FigureTable";
import { HANGUL } from "@/components/site/SourceCite";
import { countFiguresBySource, getFiguresBySource } from "@/db/queries/figures";
import { listSources, getSource } from "@/db/queries/sources";
import { partnerNames } from "@/db/queries/partners";
import { eventsBySource } from "@/db/queries/agreements";
import { STATUS_LABELS } from "@/lib/agreements";
import { counterpartName, MAIN_SOURCE_ID, sourceKindLabel } from "@/lib/domain/figure";
import { formatDate, formatSourceDate } from "@/lib/format/date";
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
    description: `${sourceKindLabel(s.kind)} from ${s.publisher}, ${formatSourceDate(s.publishedOn, s.publishedPrecision, s.dateInferred)}: ${s.title.replace(/^\[|\]$/g, "")}. The figures and dates this site takes from it.`,
    path: `/sources/${s.id}`,
  });
}

export default async function SourcePage({ params }: Props) {
  const s = await load((await params).id);
  if (!s) notFound();
  const [total, figures, names, milestones] = await Promise.all([
    countFiguresBySource(s.id),
    // The main statistics hold thousands of values: the explorer lists them, not this page.
    s.id === MAIN_SOURCE_ID ? [] : getFiguresBySource(s.id),
    partnerNames(),
    eventsBySource(s.id),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <JsonLd
        data={breadcrumbJsonLd([
          { name: "Sources", path: "/sources" },
          { name: s.publisher, path: `/sources/${s.id}` },
        ])}
      />
      <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">{sourceKindLabel(s.kind)}</p>
      <h1 className="font-serif text-3xl font-bold" lang={HANGUL.test(s.title) ? "ko" : undefined}>
        {s.title}
      </h1>
      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Publisher</dt>
        <dd>{s.publisher}</dd>
        <dt className="font-semibold">Date</dt>
        <dd>
          <time dateTime={s.publishedOn}>{formatSourceDate(s.publishedOn, s.publishedPrecision, s.dateInferred)}</time>
          {s.dateInferred ? <span className="text-(--color-muted)"> (inferred from the article, not printed on it)</span> : null}
        </dd>
        {s.titleSupplied ? (
          <>
            <dt className="font-semibold">Title</dt>
            <dd>Rebuilt by us from the article&apos;s address (shown in square brackets): the original headline is not in our copy.</dd>
          </>
        ) : null}
        {s.url ? (
          <>
            <dt className="font-semibold">Link</dt>
            <dd>
              <a href={s.url} className="break-all underline" rel="noopener">
                {s.url}
              </a>
            </dd>
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
        <dt className="font-semibold">Milestones</dt>
        <dd>{milestones.length} dated from this source</dd>
      </dl>
      {milestones.length > 0 ? (
        <section className="mt-8">
          <h2 className="text-xl font-bold">Milestones dated from this source</h2>
          <ul className="mt-2 space-y-1 text-sm" data-source-milestones>
            {milestones.map((m) => (
              <li key={m.id}>
                <time dateTime={m.date} className="font-semibold">
                  {formatDate(m.date, m.precision)}
                </time>{" "}
                ·{" "}
                <a href={`/agreements/${m.slug}#event-${m.id}`} className="underline">
                  {m.shortName}
                </a>
                , {STATUS_LABELS[m.status].toLowerCase()}: {m.description}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
