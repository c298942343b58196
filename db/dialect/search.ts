/**
 * How a search is run, whatever the engine: whole or starting words first, then fragments inside
 * words, then the nearest spellings, then any one of several words (the order db/queries/search.ts
 * follows on SQLite). Each engine supplies a SearchBackend that answers the four questions below;
 * PostgreSQL's is db/dialect/postgres/search.ts. When the data layer switches (issue 13), SQLite's
 * FTS5 code in db/queries/search.ts becomes the other backend and this is the one copy of the order.
 */
import type { SearchHit, SearchKind, SearchMode, SearchOutcome } from "@/db/queries/search";
import { PAGE_SIZE, closestTerm, foldTerm, type ParsedQuery } from "@/lib/search/query";

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

export async function runSearch(backend: SearchBackend, query: ParsedQuery, page = 1): Promise<SearchOutcome> {
  const { terms } = query;
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
