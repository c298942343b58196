import { SITE } from "@/lib/site";
import { storyImagePath } from "./metadata";

/** A schema.org node. Builders below return plain data; components/seo/JsonLd serialises it. */
export type JsonLdNode = { "@context"?: "https://schema.org"; "@type": string; [key: string]: unknown };

/** Absolute URL on this site: structured data and feeds must not carry relative links. */
export function absoluteUrl(path: string): string {
  return new URL(path, SITE.url.endsWith("/") ? SITE.url : `${SITE.url}/`).toString();
}

/**
 * JSON for a <script type="application/ld+json"> body. JSON.stringify leaves `<` alone, so a
 * headline containing `</script>` would close the tag; escaping `<`, `>` and `&` as \u00XX keeps
 * the value identical for a JSON parser and inert for the HTML parser. U+2028/2029 are escaped
 * for old JavaScript parsers that choke on them in strings.
 */
export function serializeJsonLd(data: JsonLdNode | JsonLdNode[]): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function publisherNode(): JsonLdNode {
  return {
    "@type": "NewsMediaOrganization",
    "@id": absoluteUrl("/#organization"),
    name: SITE.name,
    url: absoluteUrl("/"),
    logo: { "@type": "ImageObject", url: absoluteUrl("/icon"), width: 256, height: 256 },
  };
}

/** Front page: the site and its search, so engines can offer a search box. */
export function websiteJsonLd(): JsonLdNode[] {
  return [
    { "@context": "https://schema.org", ...publisherNode() },
    {
      "@context": "https://schema.org",
      "@type": "WebSite",
      "@id": absoluteUrl("/#website"),
      name: SITE.name,
      description: SITE.tagline,
      url: absoluteUrl("/"),
      inLanguage: "en",
      publisher: { "@id": absoluteUrl("/#organization") },
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl("/search")}?q={search_term_string}` },
        "query-input": "required name=search_term_string",
      },
    },
  ];
}

export type Crumb = { name: string; path: string };

/** Home first, then each level down to the page itself. */
export function breadcrumbJsonLd(crumbs: Crumb[]): JsonLdNode {
  const all = [{ name: "Home", path: "/" }, ...crumbs];
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: all.map((c, i) => ({ "@type": "ListItem", position: i + 1, name: c.name, item: absoluteUrl(c.path) })),
  };
}

export type ArticleForJsonLd = {
  slug: string;
  title: string;
  dek: string;
  date: string;
  updated: string;
  author: string;
  topics: readonly string[];
  sources: readonly { publisher: string; title: string; date: string }[];
};

export function newsArticleJsonLd(a: ArticleForJsonLd, topicNames: Record<string, string>): JsonLdNode {
  const url = absoluteUrl(`/articles/${a.slug}`);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": `${url}#article`,
    headline: a.title,
    description: a.dek,
    datePublished: a.date,
    dateModified: a.updated,
    // Bylines are newsroom desks (lib/content/staff.ts), so the author is the organisation's desk, not a person.
    author: [{ "@type": "Organization", name: a.author, url: absoluteUrl("/") }],
    publisher: publisherNode(),
    image: [absoluteUrl(storyImagePath(a.slug))],
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    inLanguage: "en",
    articleSection: a.topics.map((t) => topicNames[t] ?? t),
    isAccessibleForFree: true,
    // The reports a story draws on, as the story's sources box lists them.
    isBasedOn: a.sources.map((s) => ({
      "@type": "CreativeWork",
      name: s.title,
      datePublished: s.date,
      publisher: { "@type": "Organization", name: s.publisher },
    })),
  };
}

export type DatasetInput = {
  /** Page the dataset is described on. */
  path: string;
  name: string;
  description: string;
  keywords: string[];
  /** ISO 8601 interval such as "1960/2020" or "2024-01/2024-02". */
  temporalCoverage: string | null;
  spatialCoverage: string[];
  dateModified: string | null;
  variables: string[];
  sources: { name: string; url: string | null }[];
  /** Open data API query string (without `format`), e.g. "partner=KOR". */
  csvQuery: string;
};

/** A dataset with its CSV download from the open data API (/api/v1/figures, documented at /data/api). */
export function datasetJsonLd(d: DatasetInput): JsonLdNode {
  const url = absoluteUrl(d.path);
  return {
    "@context": "https://schema.org",
    "@type": "Dataset",
    "@id": `${url}#dataset`,
    name: d.name,
    description: d.description,
    url,
    keywords: d.keywords,
    isAccessibleForFree: true,
    creator: publisherNode(),
    publisher: publisherNode(),
    ...(d.temporalCoverage ? { temporalCoverage: d.temporalCoverage } : {}),
    spatialCoverage: d.spatialCoverage.map((name) => ({ "@type": "Place", name })),
    ...(d.dateModified ? { dateModified: d.dateModified } : {}),
    variableMeasured: d.variables,
    isBasedOn: d.sources.map((s) => ({ "@type": "CreativeWork", name: s.name, ...(s.url ? { url: s.url } : {}) })),
    distribution: [
      {
        "@type": "DataDownload",
        encodingFormat: "text/csv",
        contentUrl: `${absoluteUrl("/api/v1/figures")}?${d.csvQuery}&format=csv`,
      },
      {
        "@type": "DataDownload",
        encodingFormat: "application/json",
        contentUrl: `${absoluteUrl("/api/v1/figures")}?${d.csvQuery}`,
      },
    ],
  };
}

export type RoundForJsonLd = {
  number: number;
  startDate: string;
  endDate: string;
  format: string;
  host: string | null;
  topics: readonly string[];
};

const ATTENDANCE: Record<string, string> = {
  virtual: "https://schema.org/OnlineEventAttendanceMode",
  in_person: "https://schema.org/OfflineEventAttendanceMode",
  hybrid: "https://schema.org/MixedEventAttendanceMode",
};

/** An agreement's negotiating rounds as an ItemList of Events, in round order. */
export function roundsJsonLd(agreement: { slug: string; name: string; shortName: string }, rounds: readonly RoundForJsonLd[]): JsonLdNode {
  const page = absoluteUrl(`/agreements/${agreement.slug}`);
  return {
    "@context": "https://schema.org",
    "@type": "ItemList",
    name: `${agreement.shortName} negotiating rounds`,
    numberOfItems: rounds.length,
    itemListOrder: "https://schema.org/ItemListOrderAscending",
    itemListElement: rounds.map((r, i) => {
      const url = `${page}#round-${r.number}`;
      const virtual = { "@type": "VirtualLocation", url };
      const place = r.host ? { "@type": "Place", name: r.host, address: r.host } : null;
      // A venue is named only when a source gives one; an in-person round without one gets no location.
      const location = r.format === "virtual" ? virtual : r.format === "hybrid" ? (place ? [place, virtual] : virtual) : place;
      return {
        "@type": "ListItem",
        position: i + 1,
        item: {
          "@type": "Event",
          "@id": url,
          name: `${agreement.shortName} negotiating round ${r.number}`,
          description: r.topics.length
            ? `${agreement.name}, round ${r.number}. Topics: ${r.topics.join("; ")}.`
            : `${agreement.name}, round ${r.number}.`,
          startDate: r.startDate,
          endDate: r.endDate,
          eventStatus: "https://schema.org/EventScheduled",
          eventAttendanceMode: ATTENDANCE[r.format] ?? ATTENDANCE.in_person,
          ...(location ? { location } : {}),
          url,
        },
      };
    }),
  };
}
