import type { Metadata } from "next";
import Link from "next/link";
import { explorerOptions, loadExplorer } from "@/db/queries/explorer";
import { badRequest, notFound, PROBLEM_TYPES } from "@/lib/api/http";
import { FigureRow } from "@/lib/api/schemas";
import { figuresJson, figuresQuery, parseFiguresRequest } from "@/lib/explorer/figuresApi";
import { explorerSearch, type ExplorerQuery } from "@/lib/explorer/params";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http-cache.mjs";
import { SITE } from "@/lib/site";
import { defaultOf } from "@/lib/validation/query-string";

export const metadata: Metadata = {
  title: "Open data API",
  description: "Read Cambodia's trade figures, agreements and negotiating rounds as JSON or CSV: endpoints, parameters, fields and errors.",
  alternates: { canonical: "/data/api" },
};

function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded-sm bg-(--color-rule)/50 px-1 font-mono text-[0.9em]">{children}</code>;
}

function Example({ href }: { href: string }) {
  return (
    <p className="font-mono text-xs break-all">
      <a href={href} className="underline">
        GET {href}
      </a>
    </p>
  );
}

/**
 * The API's documentation. Its examples are real answers, computed from the database when the page
 * renders; its parameter table is read from the contract the handler uses and its field list from
 * the schema of a row (FigureRow), as the OpenAPI document is (/api/v1/openapi.json).
 */
export default async function ApiDocsPage() {
  // Cached whole (its examples carry today's date); its loaders' tags expire it with the figures.
  "use cache";
  const { ctx, latestMainYear } = await explorerOptions();
  const contract = figuresQuery(ctx);
  const sample: ExplorerQuery = { partners: ["KOR"], flow: "exports", from: latestMainYear, to: latestMainYear, side: "both" };
  const sampleSearch = explorerSearch(sample);
  const json = figuresJson(await loadExplorer(sample), {
    siteName: SITE.name,
    siteUrl: SITE.url,
    retrieved: new Date().toISOString().slice(0, 10),
  });
  const bad = parseFiguresRequest(new URLSearchParams("partner=KOR&from=2020&to=2010&colour=red"), ctx);
  const badBody: unknown = bad.ok ? null : await badRequest(bad.issues).json();
  const missingBody: unknown = await notFound('no agreement with slug "ckfa"; the list is at /api/v1/agreements').json();

  return (
    <article className="mx-auto max-w-3xl space-y-8 text-[0.95rem] leading-relaxed">
      <header>
        <p className="text-xs font-bold tracking-wide text-(--color-muted) uppercase">Data</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Open data API</h1>
        <p className="mt-2">
          Everything the{" "}
          <Link href="/data" className="underline">
            data explorer
          </Link>{" "}
          shows can be read by a program: trade figures as JSON or CSV, and the agreements and negotiating rounds we track as JSON. No key,
          no sign-up. Answers are the same numbers the site shows, read from our database when you ask. Please cite the original source of
          each value (every row names it) and link back to us.
        </p>
        <p className="mt-2">
          For programs and code generators, the same API is described in OpenAPI 3.1 at{" "}
          <a href="/api/v1/openapi.json" className="underline">
            /api/v1/openapi.json
          </a>
          , generated from the schemas the API itself checks requests with.
        </p>
      </header>

      <section aria-labelledby="figures-heading" className="space-y-3">
        <h2 id="figures-heading" className="text-xl font-bold">
          Trade figures: <Code>GET /api/v1/figures</Code>
        </h2>
        <p>
          Annual values for the partners, flow, years and reporting side you ask for, one row per partner, year and side. The rows are
          exactly the explorer&apos;s: the same parameters give the same table. Where several sources hold a value for the same year and
          side, the one shown is the value editors marked as preferred, else official statistics before news reports.
        </p>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Parameters of /api/v1/figures</caption>
            <thead>
              <tr className="border-b-2 border-(--color-ink)">
                <th scope="col" className="py-1 pr-3">
                  Parameter
                </th>
                <th scope="col" className="py-1 pr-3">
                  Values
                </th>
                <th scope="col" className="py-1">
                  If left out
                </th>
              </tr>
            </thead>
            <tbody className="align-top">
              {Object.entries(contract.schema.shape).map(([name, field]) => {
                const fallback = defaultOf(contract, name);
                return (
                  <tr key={name} className="border-b border-(--color-rule)">
                    <th scope="row" className="py-1 pr-3">
                      <Code>{name}</Code>
                    </th>
                    <td className="py-1 pr-3">{field.meta()?.description}</td>
                    <td className="py-1">
                      {fallback === undefined ? "required" : <Code>{typeof fallback === "string" ? fallback : fallback.join(",")}</Code>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>Examples:</p>
        <Example href={`/api/v1/figures?${sampleSearch}`} />
        <Example href={`/api/v1/figures?partner=KOR,JPN&flow=total&from=2000&to=${latestMainYear}&side=cambodia&format=csv`} />
        <p>
          A JSON answer carries the rows in <Code>data</Code>, and with them the title, the query as understood, the unit, the sources, a
          ready-made <Code>citation</Code> and a <Code>link</Code> to the same view in the explorer. A CSV answer holds the rows alone, with
          the same columns in the same order. Here is the first example&apos;s answer, as the database gives it now:
        </p>
        <pre className="max-h-96 overflow-auto rounded-sm border border-(--color-rule) p-3 font-mono text-xs" data-sample="figures">
          {JSON.stringify(json, null, 2)}
        </pre>
        <h3 className="pt-2 font-bold">Fields of a row</h3>
        <dl className="space-y-1 text-sm" data-figure-row-fields>
          {Object.entries(FigureRow.shape).map(([name, field]) => (
            <div key={name}>
              <dt className="inline font-mono font-semibold">{name}</dt>
              <dd className="inline">: {field.meta()?.description}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="agreements-heading" className="space-y-3">
        <h2 id="agreements-heading" className="text-xl font-bold">
          Agreements and rounds
        </h2>
        <p>
          <Code>GET /api/v1/agreements</Code> lists every agreement we follow with its <Code>slug</Code>, name, current status, parties
          (with the date it took force for each, where known), dated milestones with their sources, and the number of negotiating rounds.
        </p>
        <Example href="/api/v1/agreements" />
        <p>
          <Code>GET /api/v1/agreements/&#123;slug&#125;/rounds</Code> gives one agreement&apos;s rounds in order: <Code>number</Code>,{" "}
          <Code>start_date</Code> and <Code>end_date</Code> (the dates we use), <Code>format</Code> (virtual, in person or hybrid),{" "}
          <Code>host</Code>, <Code>topics</Code>, a Markdown <Code>summary</Code>, and <Code>sources</Code>: each report on the round, with
          the dates it gave when they differ from ours and whether it is the one we follow.
        </p>
        <Example href="/api/v1/agreements/ckfta/rounds" />
      </section>

      <section aria-labelledby="errors-heading" className="space-y-3">
        <h2 id="errors-heading" className="text-xl font-bold">
          Errors
        </h2>
        <p>
          Errors come as problem details (RFC 9457, <Code>application/problem+json</Code>): <Code>type</Code> says which kind of problem it
          is and links to its explanation below, <Code>title</Code> names the kind, <Code>status</Code> repeats the HTTP status, and{" "}
          <Code>detail</Code> says what is wrong with this request. Errors are not cached.
        </p>
        <h3 id={PROBLEM_TYPES.badParameter.anchor} className="pt-2 font-bold">
          {PROBLEM_TYPES.badParameter.title} (400)
        </h3>
        <p>
          A parameter the API does not know, a value it cannot read, or a parameter given twice is never passed over: <Code>parameter</Code>{" "}
          names the first problem and <Code>errors</Code> lists all of them, each with its parameter. For{" "}
          <Code>?partner=KOR&amp;from=2020&amp;to=2010&amp;colour=red</Code>:
        </p>
        <pre className="overflow-auto rounded-sm border border-(--color-rule) p-3 font-mono text-xs" data-sample="error">
          {JSON.stringify(badBody, null, 2)}
        </pre>
        <h3 id={PROBLEM_TYPES.notFound.anchor} className="pt-2 font-bold">
          {PROBLEM_TYPES.notFound.title} (404)
        </h3>
        <p>An agreement slug that names no agreement:</p>
        <pre className="overflow-auto rounded-sm border border-(--color-rule) p-3 font-mono text-xs" data-sample="not-found">
          {JSON.stringify(missingBody, null, 2)}
        </pre>
        <h3 id={PROBLEM_TYPES.serverError.anchor} className="pt-2 font-bold">
          {PROBLEM_TYPES.serverError.title} (500)
        </h3>
        <p>
          Something failed on our side. The answer says nothing of the cause, but carries a <Code>reference</Code>: the same reference marks
          the error in our server&apos;s log, so quote it if you report the problem. Asking again later usually works.
        </p>
      </section>

      <section aria-labelledby="cache-heading" className="space-y-3">
        <h2 id="cache-heading" className="text-xl font-bold">
          Caching and use from a browser
        </h2>
        <p>
          Successful answers are sent with <Code>Cache-Control: {PUBLIC_CACHE_CONTROL}</Code>: a shared cache that nobody purges may keep
          them for a few seconds and serve a stale copy for a few more while it fetches a fresh one, and browsers ask again each time; our
          own HTTP cache keeps them until a correction purges them. Errors are not cached. Every answer allows cross-origin reads (
          <Code>Access-Control-Allow-Origin: *</Code>).
        </p>
      </section>

      <section aria-labelledby="embed-heading" className="space-y-3">
        <h2 id="embed-heading" className="text-xl font-bold">
          Embeds
        </h2>
        <p>
          <Code>/embed/chart?…</Code> takes the explorer&apos;s parameters and shows its chart alone, for an <Code>&lt;iframe&gt;</Code>;
          the explorer gives the code for the view on screen. <Code>/embed/figure/&#123;figure_id&#125;</Code> shows one stored figure with
          its source. Both link back to the full page.
        </p>
      </section>
    </article>
  );
}
