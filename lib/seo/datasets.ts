import { WORLD } from "@/lib/domain/figure";
import { absoluteUrl, datasetJsonLd, type JsonLdNode } from "./jsonld";

type Coverage = {
  first: string;
  last: string;
  changed: string | null;
  sources: { id: string; publisher: string; title: string }[];
};

const VARIABLES = ["Exports (FOB), US dollars", "Imports (CIF), US dollars", "Total trade, US dollars", "Trade balance, US dollars"];

const sourceRefs = (sources: Coverage["sources"]) =>
  sources.map((s) => ({ name: `${s.publisher}: ${s.title}`, url: absoluteUrl(`/sources/${s.id}`) }));

/** A partner page as a Dataset: every stored figure on Cambodia's trade with that partner. */
export function partnerDatasetJsonLd(partner: { code: string; name: string }, c: Coverage): JsonLdNode {
  const from = c.first.slice(0, 4);
  const to = c.last.slice(0, 4);
  return datasetJsonLd({
    path: `/partners/${partner.code}`,
    name: `Cambodia–${partner.name} trade, ${from === to ? from : `${from}–${to}`}`,
    description: `Exports, imports, total trade and balance between Cambodia and ${partner.name}, in US dollars, as recorded by each side and as quoted in news reports, with the source of every value.`,
    keywords: ["Cambodia", partner.name, "bilateral trade", "exports", "imports", "trade balance"],
    temporalCoverage: `${c.first}/${c.last}`,
    spatialCoverage: ["Cambodia", partner.name],
    dateModified: c.changed,
    variables: VARIABLES,
    sources: sourceRefs(c.sources),
    csvQuery: `partner=${encodeURIComponent(partner.code)}`,
  });
}

/** One figure page as a Dataset: every value stored for one quantity, and the partner's CSV for that span. */
export function figureDatasetJsonLd(f: {
  id: number;
  heading: string;
  partnerCode: string;
  partnerName: string;
  periodStart: string;
  periodEnd: string;
  periodText: string;
  changed: string | null;
  sources: Coverage["sources"];
}): JsonLdNode {
  return datasetJsonLd({
    path: `/figures/${f.id}`,
    name: `${f.heading}, ${f.periodText}`,
    description: `${f.heading}, ${f.periodText}: every value stored, from each source that reports it, with the value this site prefers and where sources differ.`,
    keywords: ["Cambodia", f.partnerName, "trade figures"],
    temporalCoverage: `${f.periodStart}/${f.periodEnd}`,
    spatialCoverage: f.partnerCode === WORLD ? ["Cambodia"] : ["Cambodia", f.partnerName],
    dateModified: f.changed,
    variables: [f.heading],
    sources: sourceRefs(f.sources),
    csvQuery: `partner=${encodeURIComponent(f.partnerCode)}&from=${f.periodStart.slice(0, 4)}&to=${f.periodEnd.slice(0, 4)}`,
  });
}
