import "server-only";
import { sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { z } from "zod";
import { dialect, readDb, rows } from "../client";
import { runSearch, type SearchOutcome, type SearchSuggestions } from "../dialect/search";
import { searchTags } from "@/lib/cache-tags";
import { parseQuery, parseSearchParams, type ParsedQuery } from "@/lib/search/query";

export {
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
  type SearchMode,
  type SearchOutcome,
  type SearchSuggestions,
} from "../dialect/search";

/**
 * Reads the search index (search_docs, kept by triggers for rounds and published updates, and by
 * db/search-index.ts for stories) through the engine's own full-text search: FTS5 on SQLite,
 * tsvector and pg_trgm on PostgreSQL (db/dialect/search.ts says how a search runs on either).
 * Stories change only with a deploy; rounds and updates on every write, so results are tagged
 * with every agreement's rounds and the update stream.
 */
const SEARCH_TAGS = searchTags;

/** Searches stories, rounds and published updates; best matches first, with highlighted snippets. */
export function search(query: ParsedQuery, page = 1): Promise<SearchOutcome> {
  // Cached by the words alone: "Korea", " korea" and "KOREA" share one entry.
  return searchTerms(query.terms, page);
}

async function searchTerms(terms: string[], page: number): Promise<SearchOutcome> {
  "use cache";
  cacheTag(...SEARCH_TAGS);
  return runSearch(dialect().search(), terms, page);
}

export async function searchSuggestions(): Promise<SearchSuggestions> {
  "use cache";
  cacheTag(...SEARCH_TAGS);
  const db = readDb();
  const agreements = z
    .array(z.object({ context: z.string() }))
    .parse(
      await rows(db, sql`SELECT context FROM search_docs WHERE kind = 'round' GROUP BY context ORDER BY count(*) DESC, context LIMIT 4`),
    )
    .map((r) => r.context);
  const latestStories = z
    .array(z.object({ title: z.string(), url: z.string() }))
    .parse(await rows(db, sql`SELECT title, url FROM search_docs WHERE kind = 'story' ORDER BY date DESC, id LIMIT 3`));
  return { agreements, latestStories };
}

export type SearchPageData = {
  query: ParsedQuery;
  pageError: string | null;
  outcome: SearchOutcome | null;
  suggestions: SearchSuggestions | null;
};

/** The search page's one loader: parses the URL parameters, searches, and suggests when nothing is found. */
export async function loadSearchPage(raw: Record<string, string | string[] | undefined>): Promise<SearchPageData> {
  const params = parseSearchParams(raw);
  const query = parseQuery(params.q);
  const outcome = query.terms.length ? await search(query, params.page) : null;
  const suggestions = !outcome || outcome.total === 0 ? await searchSuggestions() : null;
  return { query, pageError: params.pageError, outcome, suggestions };
}
