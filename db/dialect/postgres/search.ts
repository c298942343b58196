/**
 * Search on PostgreSQL: the SearchBackend for db/dialect/search.ts over the tables of
 * db/migrations/postgres/0002_search.sql. Takes the ParsedQuery of lib/search/query.ts, as SQLite's
 * search does, and returns the same SearchOutcome: hits whose title and snippet carry MARK_OPEN /
 * MARK_CLOSE around matches, split into text segments (never HTML) by toSegments.
 *
 * Nothing the reader typed reaches SQL as SQL. The terms (already only letters, digits and marks) are
 * bound parameters; PostgreSQL itself turns them into lexemes with to_tsvector, and each lexeme is
 * quoted into the tsquery (quotes and backslashes escaped) before the cast, so tsquery operators in
 * the input (& | ! <-> : *) are only ever characters of a quoted word. Fragments go into LIKE with
 * %, _ and \ escaped.
 *
 *   words      `words @@ tsquery` (GIN), every lexeme as a prefix (`'negot':*`); ranked by ts_rank
 *              with the title weighing 5, the agreement or topics 2, the body 1 (as SQLite's bm25
 *              weights); highlighted by ts_headline, which knows the stems
 *   fragments  `ctm_fold(text) LIKE '%ambod%'` (pg_trgm GIN); ranked by where the fragments occur;
 *              highlighted here (markFragments), since ts_headline only knows whole lexemes
 *   spelling   search_vocab: words within two letters of the length that share a trigram with the
 *              misspelling (pg_trgm similarity > 0; a word within the allowed edits always shares
 *              one), then closestTerm picks by edit distance, as on SQLite
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { MARK_CLOSE, MARK_OPEN, foldTerm, toSegments } from "@/lib/search/query";
import { CountRow, HitRow, emptyCounts, type Match, type SearchBackend, type SearchHit } from "../search";
import type { Dialect, QueryDb, WriteTx } from "../types";

/** ts_rank's weights for D, C, B, A: body (C) 1, context (B) 2, title (A) 5, scaled to at most 1. */
const RANK_WEIGHTS = "{0, 0.2, 0.4, 1.0}";
/** About as long as SQLite's 28-token snippet. */
export const SNIPPET_WORDS = 28;
/**
 * The whole text with every match marked; the snippet is then cut here (snippetAround), as for
 * fragments. Without HighlightAll, ts_headline drops what its parser takes for HTML tags, so a
 * snippet would no longer be the stored text (SQLite's snippet() keeps it; the page shows it as text).
 */
const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}`;

/** The tsquery of every (`&`) or any (`|`) lexeme of the terms, each as a prefix; NULL when there is none. */
function tsquery(terms: string[], op: "&" | "|"): SQL {
  return sql`(SELECT string_agg('''' || replace(replace(w.lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ${` ${op} `})::tsquery
    FROM unnest(to_tsvector('ctm_english'::regconfig, ${terms.join(" ")})) AS w)`;
}

const FOLDED_TEXT = sql`ctm_fold(d.title || ' ' || d.context || ' ' || d.body)`;
/** `%fragment%` for LIKE, folded as the index folds, with LIKE's own characters escaped. */
const likePattern = (term: string) => sql`'%' || replace(replace(replace(ctm_fold(${term}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

function fragmentWhere(terms: string[]): SQL {
  return sql.join(
    terms.map((t) => sql`${FOLDED_TEXT} LIKE ${likePattern(t)}`),
    sql` AND `,
  );
}

/** Title 5, context 2, body 1 for each fragment found there: the fragments' ranking. */
function fragmentRank(terms: string[]): SQL {
  return sql.join(
    terms.map(
      (t) => sql`(CASE WHEN ctm_fold(d.title) LIKE ${likePattern(t)} THEN 5 ELSE 0 END
        + CASE WHEN ctm_fold(d.context) LIKE ${likePattern(t)} THEN 2 ELSE 0 END
        + CASE WHEN ctm_fold(d.body) LIKE ${likePattern(t)} THEN 1 ELSE 0 END)`,
    ),
    sql` + `,
  );
}

/**
 * Wraps every occurrence of the folded fragments in `text` in MARK_OPEN/MARK_CLOSE, matching as
 * ctm_fold does (case and accents ignored) but marking the original characters.
 */
export function markFragments(text: string, fragments: string[]): string {
  const chars = Array.from(text);
  let folded = "";
  const origin: number[] = [];
  chars.forEach((ch, i) => {
    const f = foldTerm(ch);
    for (const unit of f) {
      folded += unit;
      origin.push(i);
      // Keep `origin` one entry per UTF-16 unit of `folded`, so indexOf positions map back.
      if (unit.length === 2) origin.push(i);
    }
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const fragment of fragments.map(foldTerm).filter((f) => f.length > 0)) {
    for (let at = folded.indexOf(fragment); at !== -1; at = folded.indexOf(fragment, at + 1)) {
      for (let k = at; k < at + fragment.length; k++) marked[origin[k]!] = true;
    }
  }
  let out = "";
  chars.forEach((ch, i) => {
    if (marked[i] && !marked[i - 1]) out += MARK_OPEN;
    out += ch;
    if (marked[i] && !marked[i + 1]) out += MARK_CLOSE;
  });
  return out;
}

/** About SNIPPET_WORDS words of marked text around its first mark, with … where it was cut. */
export function snippetAround(marked: string, words = SNIPPET_WORDS): string {
  const tokens = marked.split(/(\s+)/);
  const wordIndexes = tokens.map((t, i) => (/\S/.test(t) ? i : -1)).filter((i) => i >= 0);
  if (wordIndexes.length <= words) return marked.trim();
  const first = Math.max(
    0,
    wordIndexes.findIndex((i) => tokens[i]!.includes(MARK_OPEN)),
  );
  const start = Math.max(0, Math.min(first - Math.floor(words / 3), wordIndexes.length - words));
  const picked = wordIndexes.slice(start, start + words).map((i) => tokens[i]!);
  return `${start > 0 ? "…" : ""}${picked.join(" ")}${start + words < wordIndexes.length ? "…" : ""}`;
}

export function postgresSearchBackend(d: Dialect, on: QueryDb | WriteTx = d.read): SearchBackend {
  const where = (match: Match): SQL =>
    match.kind === "fragments" ? fragmentWhere(match.terms) : sql`d.words @@ ${tsquery(match.terms, match.kind === "all" ? "&" : "|")}`;

  return {
    async count(match) {
      const rows = z
        .array(CountRow)
        .parse(
          await d.rows(on, sql`SELECT d.kind AS kind, count(*)::int AS n FROM search_docs AS d WHERE ${where(match)} GROUP BY d.kind`),
        );
      const counts = emptyCounts();
      for (const r of rows) counts[r.kind] = r.n;
      return counts;
    },

    async page(match, offset, limit) {
      if (match.kind === "fragments") {
        const rows = z.array(HitRow).parse(
          await d.rows(
            on,
            sql`SELECT d.kind AS kind, d.url AS url, d.context AS context, d.date AS date, d.title AS title, d.body AS snippet
              FROM search_docs AS d WHERE ${where(match)}
              ORDER BY ${fragmentRank(match.terms)} DESC, d.date DESC, d.id
              LIMIT ${limit} OFFSET ${offset}`,
          ),
        );
        return rows.map((r) => ({
          ...r,
          title: toSegments(markFragments(r.title, match.terms)),
          snippet: toSegments(snippetAround(markFragments(r.snippet, match.terms))),
        }));
      }
      const query = tsquery(match.terms, match.kind === "all" ? "&" : "|");
      const rows = z.array(HitRow).parse(
        await d.rows(
          on,
          sql`SELECT d.kind AS kind, d.url AS url, d.context AS context, d.date AS date,
              ts_headline('ctm_english'::regconfig, d.title, q.query, ${HEADLINE_OPTIONS}) AS title,
              ts_headline('ctm_english'::regconfig, d.body, q.query, ${HEADLINE_OPTIONS}) AS snippet
            FROM search_docs AS d, ${query} AS q(query)
            WHERE d.words @@ q.query
            ORDER BY ts_rank(${RANK_WEIGHTS}::float4[], d.words, q.query) DESC, d.date DESC, d.id
            LIMIT ${limit} OFFSET ${offset}`,
        ),
      );
      return rows.map((r): SearchHit => ({ ...r, title: toSegments(r.title), snippet: toSegments(snippetAround(r.snippet)) }));
    },

    async hasWordStartingWith(folded) {
      const rows = await d.rows(on, sql`SELECT term FROM search_vocab WHERE term >= ${folded} ORDER BY term LIMIT 1`);
      const term = z.object({ term: z.string() }).optional().parse(rows[0])?.term;
      return term?.startsWith(folded) ?? false;
    },

    async wordsNear(folded) {
      const n = Array.from(folded).length;
      return z.array(z.object({ term: z.string(), docs: z.number().int() })).parse(
        await d.rows(
          on,
          sql`SELECT term, docs FROM search_vocab
            WHERE length(term) BETWEEN ${n - 2} AND ${n + 2} AND similarity(term, ${folded}) > 0
            ORDER BY similarity(term, ${folded}) DESC, term`,
        ),
      );
    },
  };
}
