/**
 * Search on SQLite: the SearchBackend for db/dialect/search.ts over the FTS5 tables of
 * db/migrations/sqlite/0001_search.sql (kept in step with search_docs by triggers).
 *
 *   words      search_words (unicode61 tokenizer, accents folded): every term as a word prefix
 *              (`"negot"*`), ranked by bm25 with the title weighing 5, the agreement or topics 2,
 *              the body 1; highlighted by FTS5's highlight() and snippet()
 *   fragments  search_trigrams (trigram tokenizer): every term of three or more characters anywhere
 *              inside a word, ranked and highlighted the same way
 *   spelling   search_vocab (an fts5vocab table over search_words): words within two letters of the
 *              length of the misspelling; closestTerm then picks by edit distance
 *
 * The MATCH expression is built by lib/search/query.ts from terms that are only letters, digits and
 * marks, each quoted, and is always a bound parameter.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { MARK_CLOSE, MARK_OPEN, anyWordQuery, fragmentQuery, toSegments, wordQuery } from "@/lib/search/query";
import { CountRow, HitRow, emptyCounts, type Match, type SearchBackend, type SearchHit } from "../search";
import type { Dialect, QueryDb, WriteTx } from "../types";

/** The two indexes that rank results; table names are constants, never input. */
type Index = "search_words" | "search_trigrams";
/** Title weighs most, then the agreement or topics, then the body. */
const WEIGHTS = "5.0, 2.0, 1.0";
/** Tokens of text around the first match in a snippet. */
const SNIPPET_TOKENS = 28;

const VocabRow = z.object({ term: z.string(), docs: z.number().int() });

/** The FTS5 table and MATCH expression for a Match; null when no term can be searched for. */
function expression(match: Match): { index: Index; query: string } | null {
  if (match.kind === "fragments") {
    const query = fragmentQuery(match.terms);
    return query ? { index: "search_trigrams", query } : null;
  }
  const query = match.kind === "all" ? wordQuery(match.terms) : anyWordQuery(match.terms);
  return query ? { index: "search_words", query } : null;
}

export function sqliteSearchBackend(d: Dialect, on: QueryDb | WriteTx = d.read): SearchBackend {
  /**
   * FTS5 may still refuse a query (say, a word its tokenizer reduces to nothing); that is "no
   * match", not a crash. Only FTS5's own complaints count ("fts5: syntax error …", "unterminated
   * string"); drizzle may wrap the driver's error, so the cause is looked at too.
   */
  async function matchAll(query: SQL): Promise<unknown[]> {
    try {
      return await d.rows(on, query);
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
      if (cause instanceof Error && /^(fts5:|unterminated string)/.test(cause.message)) return [];
      throw e;
    }
  }

  return {
    async count(match) {
      const counts = emptyCounts();
      const ex = expression(match);
      if (!ex) return counts;
      const index = sql.raw(ex.index);
      const rows = z.array(CountRow).parse(
        await matchAll(sql`SELECT d.kind AS kind, count(*) AS n FROM ${index} AS f JOIN search_docs AS d ON d.id = f.rowid
          WHERE ${index} MATCH ${ex.query} GROUP BY d.kind`),
      );
      for (const r of rows) counts[r.kind] = r.n;
      return counts;
    },

    async page(match, offset, limit) {
      const ex = expression(match);
      if (!ex) return [];
      const table = sql.raw(ex.index);
      const rows = z.array(HitRow).parse(
        await matchAll(sql`SELECT d.kind AS kind, d.url AS url, d.context AS context, d.date AS date,
            highlight(${table}, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS title,
            snippet(${table}, 2, ${MARK_OPEN}, ${MARK_CLOSE}, '…', ${sql.raw(String(SNIPPET_TOKENS))}) AS snippet
          FROM ${table} AS f JOIN search_docs AS d ON d.id = f.rowid
          WHERE ${table} MATCH ${ex.query}
          ORDER BY bm25(${table}, ${sql.raw(WEIGHTS)}), d.date DESC, d.id
          LIMIT ${limit} OFFSET ${offset}`),
      );
      return rows.map((r): SearchHit => ({ ...r, title: toSegments(r.title), snippet: toSegments(r.snippet) }));
    },

    async hasWordStartingWith(folded) {
      const rows = await d.rows(on, sql`SELECT term FROM search_vocab WHERE term >= ${folded} ORDER BY term LIMIT 1`);
      const term = z.object({ term: z.string() }).optional().parse(rows[0])?.term;
      return term?.startsWith(folded) ?? false;
    },

    async wordsNear(folded) {
      const n = Array.from(folded).length;
      return z
        .array(VocabRow)
        .parse(await d.rows(on, sql`SELECT term, doc AS docs FROM search_vocab WHERE length(term) BETWEEN ${n - 2} AND ${n + 2}`));
    },
  };
}
