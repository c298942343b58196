import type { Metadata } from "next";
import Link from "next/link";
import { ExplorerChart } from "@/components/charts/ExplorerChart";
import { esc } from "@/lib/charts/explorerChart";
import { CiteBlock } from "@/components/data/CiteBlock";
import { ExplorerForm, type FormValues } from "@/components/data/ExplorerForm";
import { ExplorerTable } from "@/components/data/ExplorerTable";
import { ParamErrors } from "@/components/data/ParamErrors";
import { explorerOptions, loadExplorer } from "@/db/queries/explorer";
import { pageDefaults, parsePageParams } from "@/lib/explorer/page-params";
import { explorerSearch, groupParams, toUrlSearchParams, type ExplorerQuery } from "@/lib/explorer/params";
import { citation, seriesDescription, seriesTitle } from "@/lib/explorer/serialize";
import { explorerView } from "@/lib/explorer/view";
import { formatDate, formatSourceDate } from "@/lib/format/date";
import { yearsText } from "@/lib/format/years";
import { SITE } from "@/lib/site";

const yearOr = (raw: string | undefined, fallback: number | undefined) => (raw && /^\d{4}$/.test(raw) ? raw : String(fallback));

// Rendered per request from its query string (no prerendered shell): its data comes from cached
// loaders, and the HTTP cache in front keeps each URL until a save purges its keys.
export const instant = false;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function parse(searchParams: Props["searchParams"]) {
  const params = toUrlSearchParams(await searchParams);
  const options = await explorerOptions();
  return { params, options, parsed: parsePageParams(params, options) };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { options, parsed } = await parse(searchParams);
  const description =
    "Cambodia's trade with any partner since 1960, from Cambodia's records or the partner's, as a chart, a table and downloadable data.";
  if (!parsed.ok) return { title: "Data explorer", description, robots: { index: false } };
  const names = parsed.query.partners.map((c) => options.partners.find((p) => p.code === c)?.name ?? c);
  return {
    title: `${seriesTitle(parsed.query, names)} · Data explorer`,
    description,
    alternates: { canonical: `/data?${explorerSearch(parsed.query)}` },
  };
}

/** The data explorer: one loader (db/queries/explorer.ts) feeds the chart, the table and every download. */
export default async function DataPage({ searchParams }: Props) {
  const { params, options, parsed } = await parse(searchParams);
  const grouped = groupParams(params);
  const first = (name: string) => grouped.get(name)?.[0];
  const defaults = pageDefaults(options);
  const values: FormValues = parsed.ok
    ? {
        partners: parsed.query.partners,
        flow: parsed.query.flow,
        from: String(parsed.query.from),
        to: String(parsed.query.to),
        side: parsed.query.side,
      }
    : {
        // Keep what the reader asked for where the form can show it; the defaults fill in the rest.
        partners: (grouped.get("partner") ?? []).flatMap((v) => v.split(",")).map((v) => v.trim().toUpperCase()),
        flow: first("flow") ?? defaults.flow ?? "total",
        from: yearOr(first("from"), defaults.from),
        to: yearOr(first("to"), defaults.to),
        side: first("side") ?? defaults.side ?? "both",
      };

  return (
    <div className="space-y-8">
      <header className="max-w-3xl">
        <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">Data</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Explore Cambodia&apos;s trade</h1>
        <p className="mt-2 text-(--color-muted)">
          Pick partners, a flow, the years and whose records to read. The address bar keeps every choice, so the link you copy opens this
          exact view, and the downloads hold exactly the numbers on screen. Programs can ask the same questions through the{" "}
          <Link href="/data/api" className="underline">
            open data API
          </Link>
          .
        </p>
      </header>

      <ExplorerForm partners={options.partners} values={values} years={{ min: options.ctx.minYear, max: options.ctx.maxYear }} />

      {parsed.unknown.length > 0 ? (
        <p className="text-sm text-(--color-muted)" data-ignored-params>
          Ignored {parsed.unknown.length === 1 ? "a parameter" : "parameters"} the explorer does not use: {parsed.unknown.join(", ")}.
        </p>
      ) : null}

      {parsed.ok ? <Results query={parsed.query} /> : <ParamErrors issues={parsed.issues} resetHref="/data" />}
    </div>
  );
}

/**
 * Chart, table, citation and embed code of one selection, cached by the parsed query: every
 * spelling of the same selection, and every reader in a burst, shares one render of it. Its tags
 * are the loader's (figures of the partners shown, the explorer's options, the sources shown).
 */
async function Results({ query }: { query: ExplorerQuery }) {
  "use cache";
  const data = await loadExplorer(query);
  const search = explorerSearch(query);
  const view = explorerView(data, "explorer-chart");
  const names = data.partners.map((p) => p.name);
  const q = data.query;
  const retrieved = new Date().toISOString().slice(0, 10);
  const url = `${SITE.url}/data?${search}`;
  const embedSrc = `${SITE.url}/embed/chart?${search}`;
  const embedCode = `<iframe src="${embedSrc}" title="${esc(view.input.title)}" width="100%" height="560" style="border:0" loading="lazy"></iframe>`;
  const letters = [...view.letters.entries()];

  return (
    <>
      <section aria-label="Chart">
        <ExplorerChart
          input={view.input}
          svg={view.svg}
          markers={view.markers}
          sources={data.sources}
          hasEstimates={view.hasEstimates}
          hasOtherSources={view.hasOtherSources}
        />
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm font-semibold" data-downloads>
          <span className="text-(--color-muted)">Download what you see:</span>
          <a href={`/api/v1/figures?${search}&format=csv`} download className="underline">
            CSV
          </a>
          <a href={`/api/v1/figures?${search}&format=json`} download className="underline">
            JSON
          </a>
          <a href={`/data/chart.svg?${search}`} download className="underline">
            Chart (SVG)
          </a>
        </p>
      </section>

      <section aria-labelledby="numbers-heading" className="space-y-2">
        <h2 id="numbers-heading" className="text-xl font-bold">
          The numbers, in US$ millions
        </h2>
        <ExplorerTable
          caption={`${view.input.title}, US$ millions`}
          series={view.table.series}
          years={view.table.years}
          both={q.side === "both"}
          letters={view.letters}
          seriesEnd={view.seriesEnd}
        />
        <div className="max-w-3xl space-y-1 text-sm text-(--color-muted)">
          <p>
            Values are US$ millions at current prices, rounded to one decimal; the downloads carry whole dollars. Each value opens every
            figure stored for that year, from both sides and all sources. {view.hasEstimates ? "“e” marks an estimate. " : ""}
            Unmarked values come from the IMF&apos;s Direction of Trade Statistics.
          </p>
          {letters.length ? (
            <ul>
              {letters.map(([sourceId, letter]) => {
                const s = data.sources.find((x) => x.id === sourceId);
                return (
                  <li key={sourceId} id={`source-${letter}`}>
                    <sup>{letter}</sup> From{" "}
                    <Link href={`/sources/${sourceId}`} className="underline">
                      {s
                        ? `${s.publisher}, ${s.title}, ${formatSourceDate(s.publishedOn, s.publishedPrecision, s.dateInferred)}`
                        : sourceId}
                    </Link>
                    , where the IMF statistics have no value for that year
                    {(() => {
                      const kept = [...new Set(data.rows.filter((r) => r.sourceId === sourceId && r.records).map((r) => r.records))];
                      return kept.length ? `; ${kept.join(" and ")} records` : "";
                    })()}
                    .
                  </li>
                );
              })}
            </ul>
          ) : null}
          {view.missingAfter ? (
            <div data-explorer-missing>
              <p>
                <strong>After {view.missingAfter.end}.</strong> No open dataset of Cambodia&apos;s trade by partner after{" "}
                {view.missingAfter.end} is in our database. Values after that year are single figures quoted in news reports, from whichever
                records the report used (GDCE is Cambodia&apos;s customs, KITA and JETRO compile Korea&apos;s and Japan&apos;s): they are
                not one series, and they are not drawn as one. Part-year figures (such as January–September) are on each partner&apos;s
                page, not in this annual view.
              </p>
              {view.missingAfter.partners.length ? (
                <ul>
                  {view.missingAfter.partners.map((p) => (
                    <li key={p.code} data-missing-partner={p.code} data-missing-years={p.years.join(",")}>
                      {p.name}: no full-year figure for {yearsText(p.years)} from either side&apos;s records.
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="about-heading" className="max-w-3xl space-y-2 text-sm">
        <h2 id="about-heading" className="text-xl font-bold">
          Reading these figures
        </h2>
        <p>
          <strong>Whose records.</strong> Cambodia and each partner count the same trade separately. &ldquo;Cambodia&apos;s records&rdquo;
          are what Cambodia reports; &ldquo;the partner&apos;s records&rdquo; are what the partner reports, turned round so they read from
          Cambodia&apos;s side: the partner&apos;s imports from Cambodia appear as Cambodia&apos;s exports, and its surplus as
          Cambodia&apos;s deficit.
        </p>
        <p>
          <strong>FOB and CIF.</strong> Exports are valued free on board (FOB): the goods alone, at the border they leave. Imports are
          valued with cost, insurance and freight (CIF), so the importer&apos;s number is usually the larger of the two for the same
          shipments. Totals add exports and imports; the balance is exports minus imports.
        </p>
      </section>

      <CiteBlock
        sources={data.sources}
        series={seriesDescription(q, names)}
        retrieved={retrieved}
        url={url}
        text={citation({ siteName: SITE.name, siteUrl: SITE.url, q, names, sources: data.sources, retrieved: formatDate(retrieved) })}
      />

      <section aria-labelledby="embed-heading" className="max-w-3xl space-y-2 text-sm">
        <h2 id="embed-heading" className="text-xl font-bold">
          Embed this chart
        </h2>
        <p>
          Paste this into your page to show the chart above, kept current from our database, with a link back here.{" "}
          <a href={`/embed/chart?${search}`} className="underline">
            Preview the embed
          </a>
          .
        </p>
        <pre
          className="rounded-sm border border-(--color-rule) p-3 font-mono text-xs break-all whitespace-pre-wrap select-all"
          data-embed-code
        >
          {embedCode}
        </pre>
      </section>
    </>
  );
}
