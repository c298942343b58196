import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { StoryCard } from "@/components/site/StoryCard";
import { RoundDateReports } from "@/components/site/RoundsTimeline";
import { UpdatesList } from "@/components/site/UpdatesList";
import { LiveRefresh } from "@/components/site/LiveRefresh";
import { liveStamp } from "@/db/queries/live";
import { Markdown } from "@/components/ui/Markdown";
import { getAgreement, listAgreementSlugs } from "@/db/queries/agreements";
import { roundFormatLabel, STATUS_LABELS } from "@/lib/agreements";
import { articlesForAgreement } from "@/lib/content/articles";
import { formatDate, formatDateRange } from "@/lib/format/date";
import { breadcrumbJsonLd, roundsJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { RoundsTimelineWidget, TradeChartWidget } from "@/lib/widgets";

export async function generateStaticParams() {
  return (await listAgreementSlugs()).map((slug) => ({ slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const a = await getAgreement((await params).slug);
  if (!a) return {};
  const status = a.status ? STATUS_LABELS[a.status].toLowerCase() : "status unknown";
  return pageMetadata({
    title: `${a.shortName} tracker`,
    description: `${a.name}: ${status}, ${a.rounds.length} negotiating ${a.rounds.length === 1 ? "round" : "rounds"} reported, with dated updates, stories and trade figures.`,
    path: `/agreements/${a.slug}`,
    feeds: [{ url: `/agreements/${a.slug}/feed.xml`, title: `${a.shortName} tracker` }],
  });
}

export default async function AgreementPage({ params }: Props) {
  const a = await getAgreement((await params).slug);
  if (!a) notFound();
  const stamp = await liveStamp(a.slug);
  const stories = articlesForAgreement(a.slug);
  const counterparts = a.parties.filter((p) => p.code !== "KHM");
  const chartPartner = counterparts.length === 1 ? counterparts[0] : undefined;
  const lastEvent = a.events.at(-1);

  return (
    <div className="space-y-10">
      <JsonLd
        data={[
          breadcrumbJsonLd([{ name: "Agreements", path: "/agreements" }, { name: a.shortName, path: `/agreements/${a.slug}` }]),
          ...(a.rounds.length ? [roundsJsonLd(a, a.rounds)] : []),
        ]}
      />
      <header className="border-b border-(--color-rule) pb-5">
        <p className="text-xs font-bold uppercase tracking-wide text-(--color-muted)">Agreement tracker</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{a.name}</h1>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-(--color-muted)">Status as last reported</dt>
            <dd className="text-lg font-bold" data-status={a.status ?? ""}>{a.status ? STATUS_LABELS[a.status] : "Unknown"}</dd>
            {lastEvent ? <dd className="text-xs text-(--color-muted)">since {formatDate(lastEvent.date, lastEvent.precision)}</dd> : null}
          </div>
          <div>
            <dt className="text-(--color-muted)">Rounds reported</dt>
            <dd className="text-lg font-bold">{a.rounds.length}</dd>
          </div>
          <div>
            <dt className="text-(--color-muted)">Coverage</dt>
            <dd className="font-semibold">{a.coverage ?? "Not stated"}</dd>
          </div>
          <div>
            <dt className="text-(--color-muted)">Parties</dt>
            <dd>
              {a.parties.map((p, i) => (
                <span key={p.code}>
                  {i > 0 ? ", " : ""}
                  {p.code === "KHM" ? p.name : <Link href={`/partners/${p.code}`} className="underline">{p.name}</Link>}
                  {p.inForceOn ? ` (in force ${formatDate(p.inForceOn)})` : ""}
                </span>
              ))}
            </dd>
          </div>
        </dl>
        {a.summary ? <Markdown className="prose-md mt-4 max-w-3xl font-serif text-lg">{a.summary}</Markdown> : null}
      </header>

      <div className="grid gap-10 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="text-xl font-bold">
            Timeline
          </h2>
          <RoundsTimelineWidget agreement={a.slug} />
          {a.rounds.length > 0 ? (
            <>
              <h2 className="mt-8 text-xl font-bold">Rounds</h2>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm" data-rounds-table>
                  <caption className="sr-only">Negotiating rounds of the {a.shortName}</caption>
                  <thead>
                    <tr className="border-b-2 border-(--color-ink)">
                      <th scope="col" className="py-2 pr-3">Round</th>
                      <th scope="col" className="py-2 pr-3">Dates</th>
                      <th scope="col" className="py-2 pr-3">Format</th>
                      <th scope="col" className="py-2">Topics</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.rounds.map((r) => (
                      <tr key={r.id} id={`round-${r.number}`} className="border-b border-(--color-rule) align-top" data-round-row={r.number}>
                        <th scope="row" className="py-2 pr-3 font-bold">{r.number}</th>
                        <td className="py-2 pr-3">
                          <time dateTime={r.startDate}>{formatDateRange(r.startDate, r.endDate)}</time>
                          <RoundDateReports round={r} />
                        </td>
                        <td className="py-2 pr-3">{roundFormatLabel(r.format)}{r.host ? `, ${r.host}` : ""}</td>
                        <td className="py-2">
                          {r.topics.length ? r.topics.join("; ") : <span className="text-(--color-muted)">Not reported</span>}
                          {r.summary ? <Markdown className="prose-md mt-1 text-(--color-muted)">{r.summary}</Markdown> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
        <section aria-labelledby="updates-heading">
          <h2 id="updates-heading" className="text-xl font-bold">
            Updates
          </h2>
          <UpdatesList updates={a.updates} />
          <LiveRefresh agreement={a.slug} stamp={stamp ?? ""} />
        </section>
      </div>

      {chartPartner ? (
        <section aria-label="Figures">
          <TradeChartWidget partner={chartPartner.code} flow="total" from={2000} to={2020} />
          <p className="text-sm">
            More figures: <Link href={`/partners/${chartPartner.code}`} className="underline">{chartPartner.name} partner profile</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading" className="text-xl font-bold">
          Stories
        </h2>
        <div className="mt-3 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {stories.length ? stories.map((s) => <StoryCard key={s.slug} article={s} />) : <p className="text-sm text-(--color-muted)">No stories yet.</p>}
        </div>
      </section>
    </div>
  );
}
