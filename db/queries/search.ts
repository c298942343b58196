import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { z } from "zod";
import { readDb } from "../client";
import { searchTags } from "@/lib/cache-tags";
import {
  MARK_CLOSE,
  MARK_OPEN,
  PAGE_SIZE,
  anyWordQuery,
  closestTerm,
  foldTerm,
  fragmentQuery,
  parseQuery,
  parseSearchParams,
  toSegments,
  wordQuery,
  type ParsedQuery,
  type Segment,
} from "@/lib/search/query";

/**
 * Reads the search index built by db/migrations/0001_search.sql and db/search-index.ts. Stories
 * change only with a deploy; rounds and published updates are indexed by triggers on every write,
 * so results are tagged with every agreement's rounds and the update stream.
 */
const SEARCH_TAGS = searchTags;

export const SEARCH_KINDS = ["story", "round", "update"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchHit = {
  kind: SearchKind;
  url: string;
  /** Topics of a story; the agreement (and round) of a round or update. */
  context: string;
  date: string;
  title: Segment[];
  snippet: Segment[];
};

/**
 * How the results were found, tried in this order until one finds something:
 * whole or starting words, then fragments inside words, then the nearest spellings,
 * then any one of several words.
 */
export type SearchMode = "words" | "fragments" | "corrected" | "any" | "none";

export type SearchOutcome = {
  mode: SearchMode;
  /** Misspelt words replaced by the nearest indexed word ("corrected" and "any" modes). */
  corrections: { from: string; to: string }[];
  total: number;
  counts: Record<SearchKind, number>;
  page: number;
  pageCount: number;
  hits: SearchHit[];
};

/** The two indexes that rank results; table names are constants, never input. */
type Index = "search_words" | "search_trigrams";
/** Title weighs most, then the agreement or topics, then the body. */
const WEIGHTS = "5.0, 2.0, 1.0";

const HitRow = z.object({
  kind: z.enum(SEARCH_KINDS),
  url: z.string(),
  context: z.string(),
  date: z.string(),
  title: z.string(),
  snippet: z.string(),
});
const CountRow = z.object({ kind: z.enum(SEARCH_KINDS), n: z.number().int() });
const VocabRow = z.object({ term: z.string(), docs: z.number().int() });

const emptyCounts = (): Record<SearchKind, number> => ({ story: 0, round: 0, update: 0 });

/**
 * Runs a MATCH built by lib/search/query.ts. The query text is always a bound parameter. FTS5 may
 * still refuse a query (say, a word its tokenizer reduces to nothing); that is "no match", not a crash.
 */
async function matchAll(query: SQL): Promise<unknown[]> {
  try {
    return await readDb().all(query);
  } catch (e) {
    // Only FTS5's own complaints about a query ("fts5: syntax error …", "unterminated string")
    // mean "no match"; drizzle may wrap the driver's error, so look at the cause too.
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
    if (cause instanceof Error && /^(fts5:|unterminated string)/.test(cause.message)) return [];
    throw e;
  }
}

async function countMatches(index: Index, match: string): Promise<Record<SearchKind, number>> {
  const rows = z.array(CountRow).parse(
    await matchAll(sql`SELECT d.kind AS kind, count(*) AS n FROM ${sql.raw(index)} AS f JOIN search_docs AS d ON d.id = f.rowid
      WHERE ${sql.raw(index)} MATCH ${match} GROUP BY d.kind`),
  );
  const counts = emptyCounts();
  for (const r of rows) counts[r.kind] = r.n;
  return counts;
}

async function pageOfMatches(index: Index, match: string, page: number): Promise<SearchHit[]> {
  const table = sql.raw(index);
  const rows = z.array(HitRow).parse(
    await matchAll(sql`SELECT d.kind AS kind, d.url AS url, d.context AS context, d.date AS date,
        highlight(${table}, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS title,
        snippet(${table}, 2, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 28) AS snippet
      FROM ${table} AS f JOIN search_docs AS d ON d.id = f.rowid
      WHERE ${table} MATCH ${match}
      ORDER BY bm25(${table}, ${sql.raw(WEIGHTS)}), d.date DESC, d.id
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`),
  );
  return rows.map((r) => ({ ...r, title: toSegments(r.title), snippet: toSegments(r.snippet) }));
}

/** Words the index holds that start with `prefix` (folded as the index folds). */
async function vocabularyHasPrefix(prefix: string): Promise<boolean> {
  const row = z
    .object({ term: z.string() })
    .optional()
    .parse(await readDb().get(sql`SELECT term FROM search_vocab WHERE term >= ${prefix} ORDER BY term LIMIT 1`));
  return row?.term.startsWith(prefix) ?? false;
}

/** Indexed words within two letters of the length of `term`: the candidates for a spelling fix. */
async function vocabularyNear(term: string) {
  const n = Array.from(term).length;
  return z
    .array(VocabRow)
    .parse(await readDb().all(sql`SELECT term, doc AS docs FROM search_vocab WHERE length(term) BETWEEN ${n - 2} AND ${n + 2}`));
}

/** Replaces each word that no indexed word starts with by the nearest indexed word, if one is close. */
async function correctSpelling(terms: string[]): Promise<{ terms: string[]; corrections: { from: string; to: string }[] }> {
  const corrections: { from: string; to: string }[] = [];
  const fixed: string[] = [];
  for (const t of terms) {
    const folded = foldTerm(t);
    const to = /\p{N}/u.test(folded) || (await vocabularyHasPrefix(folded)) ? null : closestTerm(folded, await vocabularyNear(folded));
    if (to) corrections.push({ from: t, to });
    fixed.push(to ?? t);
  }
  return { terms: fixed, corrections };
}

async function run(index: Index, match: string | null, page: number, mode: SearchMode, corrections: SearchOutcome["corrections"]): Promise<SearchOutcome | null> {
  if (!match) return null;
  const counts = await countMatches(index, match);
  const total = counts.story + counts.round + counts.update;
  if (total === 0) return null;
  const pageCount = Math.ceil(total / PAGE_SIZE);
  const shown = Math.min(page, pageCount);
  return { mode, corrections, total, counts, page: shown, pageCount, hits: await pageOfMatches(index, match, shown) };
}

/** Searches stories, rounds and published updates; ranked by bm25, with highlighted snippets. */
export function search(query: ParsedQuery, page = 1): Promise<SearchOutcome> {
  // Cached by the words alone: "Korea", " korea" and "KOREA" share one entry.
  return searchTerms(query.terms, page);
}

async function searchTerms(terms: string[], page: number): Promise<SearchOutcome> {
  "use cache";
  cacheTag(...SEARCH_TAGS);
  const none: SearchOutcome = { mode: "none", corrections: [], total: 0, counts: emptyCounts(), page: 1, pageCount: 0, hits: [] };
  if (terms.length === 0) return none;
  const found =
    (await run("search_words", wordQuery(terms), page, "words", [])) ??
    (await run("search_trigrams", fragmentQuery(terms), page, "fragments", []));
  if (found) return found;
  const fixed = await correctSpelling(terms);
  const corrected = fixed.corrections.length ? await run("search_words", wordQuery(fixed.terms), page, "corrected", fixed.corrections) : null;
  if (corrected) return corrected;
  const any = terms.length > 1 ? await run("search_words", anyWordQuery(fixed.terms), page, "any", fixed.corrections) : null;
  return any ?? none;
}

export type SearchSuggestions = {
  /** Agreements with rounds in the index, most rounds first: searches worth trying. */
  agreements: string[];
  latestStories: { title: string; url: string }[];
};

export async function searchSuggestions(): Promise<SearchSuggestions> {
  "use cache";
  cacheTag(...SEARCH_TAGS);
  const db = readDb();
  const agreements = z
    .array(z.object({ context: z.string() }))
    .parse(await db.all(sql`SELECT context FROM search_docs WHERE kind = 'round' GROUP BY context ORDER BY count(*) DESC, context LIMIT 4`))
    .map((r) => r.context);
  const latestStories = z
    .array(z.object({ title: z.string(), url: z.string() }))
    .parse(await db.all(sql`SELECT title, url FROM search_docs WHERE kind = 'story' ORDER BY date DESC, id LIMIT 3`));
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
