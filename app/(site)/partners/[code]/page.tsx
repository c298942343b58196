import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { JsonLd } from "@/components/seo/JsonLd";
import { FigureTable } from "@/components/site/FigureTable";
import { StoryCard } from "@/components/site/StoryCard";
import { agreementsForPartner } from "@/db/queries/agreements";
import { latestAnnualYear, reportedFigures } from "@/db/queries/figures";
import { getPartner, listPartners } from "@/db/queries/partners";
import { partnerCoverage } from "@/db/queries/seo";
import { STATUS_LABELS } from "@/lib/agreements";
import { articlesForPartner } from "@/lib/content/articles";
import { khmFlowName } from "@/lib/domain/figure";
import { partnerDatasetJsonLd } from "@/lib/seo/datasets";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { Figure, TradeChartWidget } from "@/lib/widgets";

export async function generateStaticParams() {
  return (await listPartners()).map((p) => ({ code: p.code }));
}

type Props = { params: Promise<{ code: string }> };

const CODE = /^[A-Za-z]{3}$/;

async function load(params: Props["params"]) {
  const { code } = await params;
  if (!CODE.test(code)) notFound();
  const upper = code.toUpperCase();
  // Codes are case-insensitive; the canonical URL is upper case.
  if (upper !== code) permanentRedirect(`/partners/${upper}`);
  const partner = upper === "KHM" ? null : await getPartner(upper);
  if (!partner) notFound();
  return partner;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const partner = await load(params);
  const coverage = await partnerCoverage(partner.code);
  const span = coverage ? ` from ${coverage.first.slice(0, 4)} to ${coverage.last.slice(0, 4)}` : "";
  return pageMetadata({
    title: `Cambodia–${partner.name} trade`,
    description: `Trade between Cambodia and ${partner.name}${span}, as each side records it, with the agreements they share, stories and the source of every figure.`,
    path: `/partners/${partner.code}`,
  });
}

export default async function PartnerPage({ params }: Props) {
  const partner = await load(params);
  const stories = articlesForPartner(partner.code);
  const [year, agreements, reported, coverage] = await Promise.all([
    latestAnnualYear(partner.code),
    agreementsForPartner(partner.code),
    reportedFigures(partner.code),
    partnerCoverage(partner.code),
  ]);

  return (
    <div className="space-y-10">
      <JsonLd
        data={[
          breadcrumbJsonLd([{ name: "Partners", path: "/partners" }, { name: partner.name, path: `/partners/${partner.code}` }]),
          ...(coverage ? [partnerDatasetJsonLd(partner, coverage)] : []),
        ]}
      />
      <header className="border-b border-(--color-rule) pb-5">
        <p className="text-xs font-bold uppercase tracking-wide text-(--color-muted)">Partner profile · {partner.region}</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Cambodia and {partner.name}</h1>
        {year ? (
          <dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            {(["total", "exports", "imports", "balance"] as const).map((flow) => (
              <div key={flow}>
                <dt className="text-(--color-muted)">
                  {khmFlowName(flow)}, {year}
                </dt>
                <dd className="mt-1">
                  <Figure partner={partner.code} flow={flow} period={String(year)} />
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </header>

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="text-xl font-bold">Trade over time, from both sides&apos; records</h2>
        <p className="mt-1 max-w-3xl text-sm text-(--color-muted)">
          Cambodia and {partner.name} each record their trade with the other; the two rarely agree, because imports include freight and
          insurance (CIF) while exports do not (FOB), and goods can be attributed to different partners.
        </p>
        <TradeChartWidget partner={partner.code} flow="total" from={1990} to={2020} />
        <div className="grid gap-6 lg:grid-cols-2">
          <TradeChartWidget partner={partner.code} flow="exports" from={2000} to={2020} />
          <TradeChartWidget partner={partner.code} flow="imports" from={2000} to={2020} />
        </div>
      </section>

      {reported.length > 0 ? (
        <section aria-labelledby="reported-heading">
          <h2 id="reported-heading" className="text-xl font-bold">Figures from news reports</h2>
          <FigureTable figures={reported} partnerName={partner.name} caption={`Figures about Cambodia–${partner.name} trade quoted in reports we cover.`} />
        </section>
      ) : null}

      <section aria-labelledby="agreements-heading">
        <h2 id="agreements-heading" className="text-xl font-bold">Agreements with Cambodia</h2>
        {agreements.length ? (
          <ul className="mt-2 space-y-1">
            {agreements.map((a) => (
              <li key={a.slug}>
                <Link href={`/agreements/${a.slug}`} className="font-semibold underline">{a.name}</Link>
                <span className="text-sm text-(--color-muted)"> · {a.status ? STATUS_LABELS[a.status] : ""}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-(--color-muted)">No agreement between Cambodia and {partner.name} in our records.</p>
        )}
      </section>

      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading" className="text-xl font-bold">Stories</h2>
        <div className="mt-3 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {stories.length ? stories.map((s) => <StoryCard key={s.slug} article={s} />) : <p className="text-sm text-(--color-muted)">No stories yet.</p>}
        </div>
      </section>
    </div>
  );
}
