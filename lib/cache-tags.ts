/**
 * Cache tags: the one list of names that reads declare and writes expire.
 *
 * Every loader in db/queries that a public page reads is a `'use cache'` function and declares,
 * with `cacheTag(...)` beside the query, the tags of the data it read (data-dependent where it
 * must be: a list of figures also tags each source whose name it shows). Next stores those tags
 * with the loader's entry and with every page or route answer built from it. An editor's write
 * (lib/auth/action.ts) then calls `updateTag()` on exactly the tags its change touches, and purges
 * the same names as surrogate keys from the HTTP cache in front (lib/cache/purge.ts), so the next
 * request for any page carrying one of them is rendered afresh, on every app process.
 *
 * test/cache-tags.test.ts fails if a write expires a tag that no read declares, or a read declares
 * a tag that no write expires.
 *
 * Plain module (no `server-only`): the proxy and the unit tests read the same names.
 */
export const tags = {
  /** Reads across partners: lists, counts, coverage, the explorer's options, sitemap dates. */
  allFigures: "figures:all",
  /** Figures of one counterpart economy (ISO alpha-3, e.g. KOR or WLD), seen from Cambodia. */
  figures: (counterpart: string) => `figures:${counterpart}`,
  /** Reads across agreements: the list, round counts, search over rounds, sitemap dates. */
  allAgreements: "agreements:all",
  /** One agreement's tracker: its rounds, published updates and milestones. */
  agreement: (slug: string) => `agreement:${slug}`,
  /** The stream of latest updates across agreements (front page, search, sitemap). */
  allUpdates: "updates:all",
  /** The list of every source (the sources index, stories matching the reports they cite). */
  allSources: "sources:all",
  /** One source: its record (name, title, link) wherever it is shown, and the figures it supplies. */
  source: (id: string) => `source:${id}`,
} as const;

/** Tags of the sources behind a list of rows, for loaders that show each row's source. */
export function sourceTags(rows: readonly { sourceId: string | null }[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.sourceId ? [tags.source(r.sourceId)] : [])))];
}

/** Every tag the search loaders declare: the index holds stories (fixed until a deploy), rounds and published updates. */
export const searchTags = [tags.allAgreements, tags.allUpdates];

/**
 * Surrogate keys for answers rendered per request from a query string (the explorer and its chart,
 * the figures API). Their loaders tag the partners and sources they found, which the response
 * headers cannot know before the render streams; so they carry these family keys instead, which
 * every write touching any figure or any source also expires (a wider purge: see README, Caching).
 */
export const EXPLORER_KEYS = [tags.allFigures, tags.allSources];

/** The space-separated value of the surrogate-key header for a list of tags. */
export const surrogateKeys = (list: readonly string[]) => [...new Set(list)].join(" ");
