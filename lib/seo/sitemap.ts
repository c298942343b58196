/**
 * The sitemap as pure functions of plain data, so the page list, the draft filter and the
 * split into an index can be unit-tested without a server. app/sitemap.xml and
 * app/sitemaps/[part] render what these return.
 */

/** The sitemaps.org limit per file (also 50 MB uncompressed; our entries are far smaller). */
export const SITEMAP_LIMIT = 50_000;

export type SitemapEntry = { path: string; lastModified?: string };

export type SitemapInput = {
  articles: {
    slug: string;
    updated: string;
    topics: readonly string[];
    agreement: string | null;
    partners: readonly string[];
    draft?: boolean;
  }[];
  topics: readonly string[];
  agreements: { slug: string }[];
  partners: { code: string }[];
  sources: { id: string; publishedOn: string }[];
  /** Last write to each agreement's rounds and published updates, by slug. */
  agreementChanges: ReadonlyMap<string, string>;
  /** Last write to each partner's figures, by counterpart code. */
  partnerChanges: ReadonlyMap<string, string>;
  /** Last write to each source's figures, by source id. */
  sourceChanges: ReadonlyMap<string, string>;
  /** Last write to any figure. */
  figuresChanged: string | null;
};

/** The latest of some ISO dates or date-times (a bare date counts as its midnight UTC). */
export function latest(...dates: (string | null | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (d && !Number.isNaN(Date.parse(d)) && (!best || Date.parse(d) > Date.parse(best))) best = d;
  return best;
}

const entry = (path: string, lastModified?: string): SitemapEntry => (lastModified ? { path, lastModified } : { path });

/**
 * Every public, indexable page with its last change. Figure pages (/figures/[id]) are left out:
 * they are noindex (the partner pages and /data carry the same numbers) and search results are
 * never indexed. A story marked draft is dropped here too, whatever the caller passed.
 */
export function sitemapEntries(input: SitemapInput): SitemapEntry[] {
  const articles = input.articles.filter((a) => !a.draft);
  const newestStory = latest(...articles.map((a) => a.updated));
  const storiesWhere = (pred: (a: SitemapInput["articles"][number]) => boolean) => latest(...articles.filter(pred).map((a) => a.updated));
  const agreementLast = (slug: string) =>
    latest(
      input.agreementChanges.get(slug),
      storiesWhere((a) => a.agreement === slug),
    );
  const partnerLast = (code: string) =>
    latest(
      input.partnerChanges.get(code),
      storiesWhere((a) => a.partners.includes(code)),
    );
  const allAgreements = latest(...input.agreements.map((a) => agreementLast(a.slug)));

  return [
    entry("/", latest(newestStory, allAgreements, input.figuresChanged)),
    entry("/articles", newestStory),
    ...articles.map((a) => entry(`/articles/${a.slug}`, a.updated)),
    ...input.topics.map((t) =>
      entry(
        `/topics/${t}`,
        storiesWhere((a) => a.topics.includes(t)),
      ),
    ),
    entry("/agreements", allAgreements),
    ...input.agreements.map((a) => entry(`/agreements/${a.slug}`, agreementLast(a.slug))),
    entry("/partners", input.figuresChanged ?? undefined),
    ...input.partners.map((p) => entry(`/partners/${p.code}`, partnerLast(p.code))),
    entry("/data", input.figuresChanged ?? undefined),
    entry("/data/api", input.figuresChanged ?? undefined),
    entry("/sources", latest(...input.sources.map((s) => latest(s.publishedOn, input.sourceChanges.get(s.id))))),
    ...input.sources.map((s) => entry(`/sources/${s.id}`, latest(s.publishedOn, input.sourceChanges.get(s.id)))),
  ];
}

export type SitemapPlan = { kind: "urlset"; entries: SitemapEntry[] } | { kind: "index"; parts: { id: number; lastModified?: string }[] };

/** One urlset while it fits; past the limit, an index of parts of at most `limit` URLs each. */
export function planSitemap(entries: SitemapEntry[], limit = SITEMAP_LIMIT): SitemapPlan {
  if (entries.length <= limit) return { kind: "urlset", entries };
  const parts = [];
  for (let id = 0; id * limit < entries.length; id++) {
    parts.push({ id, lastModified: latest(...sitemapPart(entries, id, limit).map((e) => e.lastModified)) });
  }
  return { kind: "index", parts: parts.map((p) => (p.lastModified ? p : { id: p.id })) };
}

/** The entries of part `id` (0-based) of a split sitemap; empty when there is no such part. */
export function sitemapPart(entries: SitemapEntry[], id: number, limit = SITEMAP_LIMIT): SitemapEntry[] {
  return entries.slice(id * limit, (id + 1) * limit);
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function renderUrlset(entries: SitemapEntry[], base: string): string {
  const urls = entries.map(
    (e) =>
      `<url>\n<loc>${xmlEscape(new URL(e.path, base).toString())}</loc>${e.lastModified ? `\n<lastmod>${xmlEscape(e.lastModified)}</lastmod>` : ""}\n</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

export function renderSitemapIndex(parts: { id: number; lastModified?: string }[], base: string): string {
  const items = parts.map(
    (p) =>
      `<sitemap>\n<loc>${xmlEscape(new URL(`/sitemaps/${p.id}.xml`, base).toString())}</loc>${p.lastModified ? `\n<lastmod>${xmlEscape(p.lastModified)}</lastmod>` : ""}\n</sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}
