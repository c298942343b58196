/**
 * How a search is run, whatever the engine: whole or starting words first, then fragments inside
 * words, then the nearest spellings, then any one of several words. Each engine supplies a
 * SearchBackend that answers the four questions below over its own index of search_docs: SQLite's
 * FTS5 tables (db/dialect/sqlite/search.ts), PostgreSQL's tsvector and pg_trgm indexes
 * (db/dialect/postgres/search.ts). This is the one copy of the order, and of what a search returns.
 */
import { z } from "zod";
import { PAGE_SIZE, closestTerm, foldTerm, type Segment } from "@/lib/search/query";

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

/** A hit as both backends' SQL returns it, title and snippet still marked text (MARK_OPEN/MARK_CLOSE). */
export const HitRow = z.object({
  kind: z.enum(SEARCH_KINDS),
  url: z.string(),
  context: z.string(),
  date: z.string(),
  title: z.string(),
  snippet: z.string(),
});
/** Documents found of one kind. */
export const CountRow = z.object({ kind: z.enum(SEARCH_KINDS), n: z.number().int() });

export type SearchSuggestions = {
  /** Agreements with rounds in the index, most rounds first: searches worth trying. */
  agreements: string[];
  latestStories: { title: string; url: string }[];
};

/** What to match: every term as a word or word start, any term so, or every term as a fragment. */
export type Match = { kind: "all" | "any" | "fragments"; terms: string[] };

export interface SearchBackend {
  count(match: Match): Promise<Record<SearchKind, number>>;
  /** One page of hits, best first; `offset` counts hits. */
  page(match: Match, offset: number, limit: number): Promise<SearchHit[]>;
  /** Whether some indexed word starts with `folded`. */
  hasWordStartingWith(folded: string): Promise<boolean>;
  /** Indexed words that could be what `folded` misspells, with the number of documents holding each. */
  wordsNear(folded: string): Promise<{ term: string; docs: number }[]>;
}

/** Fragments shorter than three characters are not searched for (the trigram indexes cannot match them). */
export const fragmentTerms = (terms: string[]) => terms.filter((t) => Array.from(t).length >= 3);

export const emptyCounts = (): Record<SearchKind, number> => ({ story: 0, round: 0, update: 0 });

async function run(
  backend: SearchBackend,
  match: Match,
  page: number,
  mode: SearchMode,
  corrections: SearchOutcome["corrections"],
): Promise<SearchOutcome | null> {
  if (match.terms.length === 0) return null;
  const counts = await backend.count(match);
  const total = counts.story + counts.round + counts.update;
  if (total === 0) return null;
  const pageCount = Math.ceil(total / PAGE_SIZE);
  const shown = Math.min(page, pageCount);
  const hits = await backend.page(match, (shown - 1) * PAGE_SIZE, PAGE_SIZE);
  return { mode, corrections, total, counts, page: shown, pageCount, hits };
}

/** Replaces each word that no indexed word starts with by the nearest indexed word, if one is close. */
async function correctSpelling(backend: SearchBackend, terms: string[]) {
  const corrections: { from: string; to: string }[] = [];
  const fixed: string[] = [];
  for (const t of terms) {
    const folded = foldTerm(t);
    if (/\p{N}/u.test(folded) || (await backend.hasWordStartingWith(folded))) {
      fixed.push(t);
      continue;
    }
    const to = closestTerm(folded, await backend.wordsNear(folded));
    if (to) corrections.push({ from: t, to });
    fixed.push(to ?? t);
  }
  return { terms: fixed, corrections };
}

/** Searches for the words of a parsed query (ParsedQuery.terms), on the engine `backend` stands for. */
export async function runSearch(backend: SearchBackend, terms: string[], page = 1): Promise<SearchOutcome> {
  const none: SearchOutcome = { mode: "none", corrections: [], total: 0, counts: emptyCounts(), page: 1, pageCount: 0, hits: [] };
  if (terms.length === 0) return none;
  const found =
    (await run(backend, { kind: "all", terms }, page, "words", [])) ??
    (await run(backend, { kind: "fragments", terms: fragmentTerms(terms) }, page, "fragments", []));
  if (found) return found;
  const fixed = await correctSpelling(backend, terms);
  const corrected = fixed.corrections.length
    ? await run(backend, { kind: "all", terms: fixed.terms }, page, "corrected", fixed.corrections)
    : null;
  if (corrected) return corrected;
  const any = terms.length > 1 ? await run(backend, { kind: "any", terms: fixed.terms }, page, "any", fixed.corrections) : null;
  return any ?? none;
}
