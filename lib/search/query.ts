import { z } from "zod";

/**
 * Turning what a reader typed into safe FTS5 queries. Raw input never reaches MATCH: it is cut
 * into words of letters and digits, and each word is sent as a quoted FTS5 string, so quotes,
 * operators (AND OR NOT NEAR), column filters (title:), `*`, `^`, `-` and brackets are all
 * just separators or plain text.
 */

/** Longer input is cut to this many characters, and the page says so. */
export const MAX_QUERY_CHARS = 200;
/** Words after this many are ignored, and the page says so. */
export const MAX_TERMS = 10;
/** A "word" longer than this is not a word anyone is looking for; it is cut. */
export const MAX_TERM_CHARS = 40;
export const PAGE_SIZE = 10;
export const MAX_PAGE = 50;

/** Marker characters (Unicode private use) that snippet() and highlight() put around a match. */
export const MARK_OPEN = "\uE000";
export const MARK_CLOSE = "\uE001";

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** `?q=`: any text at all (a repeated parameter counts once); missing means empty. */
export const QuerySchema = z.preprocess(firstValue, z.string().optional()).transform((v) => v ?? "");
/** `?page=`: a whole number from 1 to MAX_PAGE; missing means 1. */
export const PageSchema = z.preprocess(
  firstValue,
  z.coerce
    .number({ message: "must be a number" })
    .int({ message: "must be a whole number" })
    .min(1, { message: "must be at least 1" })
    .max(MAX_PAGE, { message: `must be at most ${MAX_PAGE}` })
    .default(1),
);

export type SearchParams = {
  q: string;
  page: number;
  /** Set when `page` was not usable; the page shows the first page and this message. */
  pageError: string | null;
};

/** Reads the search page's URL parameters. Never throws: a bad `page` falls back to 1 with a message. */
export function parseSearchParams(raw: Record<string, string | string[] | undefined>): SearchParams {
  const q = QuerySchema.parse(raw.q);
  const page = PageSchema.safeParse(raw.page === "" ? undefined : raw.page);
  return page.success
    ? { q, page: page.data, pageError: null }
    : { q, page: 1, pageError: `page ${page.error.issues[0]?.message ?? "is not valid"}; showing page 1` };
}

export type ParsedQuery = {
  /** The text searched for, after trimming and the length cap; shown back to the reader. */
  text: string;
  /** Lower-case words of letters, digits and combining marks; at most MAX_TERMS. */
  terms: string[];
  /** The input was longer than MAX_QUERY_CHARS and was cut. */
  truncated: boolean;
  /** Words beyond MAX_TERMS that were ignored. */
  droppedTerms: number;
};

/** Cut to at most `max` characters without splitting an emoji or other surrogate pair. */
function cutChars(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max).join("") : s;
}

/**
 * Words in the text, as the index sees them: letters (any script), digits and combining marks
 * (Khmer vowel signs are marks). Everything else separates words, so operators, quotes, tags and
 * emoji never reach a query. English possessives ("Korea's") lose the 's. Lone letters are
 * dropped when there are other words: as prefixes they would match nearly everything.
 */
export function tokenize(text: string): string[] {
  const words = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’]s(?![\p{L}\p{N}])/gu, "")
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w.length > 0 && /[\p{L}\p{N}]/u.test(w))
    .map((w) => cutChars(w, MAX_TERM_CHARS));
  const unique = [...new Set(words)];
  const meaningful = unique.filter((w) => Array.from(w).length > 1 || /\p{N}/u.test(w));
  return meaningful.length > 0 ? meaningful : unique;
}

export function parseQuery(input: string): ParsedQuery {
  const trimmed = input.trim();
  const text = cutChars(trimmed, MAX_QUERY_CHARS);
  const all = tokenize(text);
  return {
    text,
    terms: all.slice(0, MAX_TERMS),
    truncated: text.length < trimmed.length,
    droppedTerms: Math.max(0, all.length - MAX_TERMS),
  };
}

/** An FTS5 string literal: double quotes inside are doubled. Terms from tokenize() have none, but this never trusts that. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** Every word, each as a prefix ("negot" finds negotiations): for the word index. Null when there is nothing to search for. */
export function wordQuery(terms: string[]): string | null {
  return terms.length ? terms.map((t) => `${quoteTerm(t)}*`).join(" AND ") : null;
}

/** Any of the words, each as a prefix: the last resort for a query with several words. */
export function anyWordQuery(terms: string[]): string | null {
  return terms.length ? terms.map((t) => `${quoteTerm(t)}*`).join(" OR ") : null;
}

/**
 * Every word of three or more characters as a fragment anywhere in the text ("ambod" finds
 * Cambodia): for the trigram index, which cannot match anything shorter.
 */
export function fragmentQuery(terms: string[]): string | null {
  const long = terms.filter((t) => Array.from(t).length >= 3);
  return long.length ? long.map(quoteTerm).join(" AND ") : null;
}

export type Segment = { text: string; hit: boolean };

/**
 * Splits snippet()/highlight() output at the marker characters into plain pieces; the page
 * renders hits as <mark> elements, and every piece as escaped text. Unbalanced markers (the
 * stored text happened to contain one) cannot produce markup: they only toggle the flag.
 */
export function toSegments(marked: string): Segment[] {
  const out: Segment[] = [];
  let hit = false;
  let buf = "";
  const flush = () => {
    if (buf) {
      const last = out.at(-1);
      if (last && last.hit === hit) last.text += buf;
      else out.push({ text: buf, hit });
    }
    buf = "";
  };
  for (const ch of marked) {
    if (ch === MARK_OPEN || ch === MARK_CLOSE) {
      flush();
      hit = ch === MARK_OPEN;
    } else buf += ch;
  }
  flush();
  return out;
}

/** How the index folds words (unicode61 remove_diacritics): lower case, Latin accents removed. */
export function foldTerm(term: string): string {
  return term
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase();
}

/**
 * Edit distance with adjacent transpositions counting as one edit (optimal string alignment),
 * so "koera" is one edit from "korea". Stops early and returns max + 1 once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/** How many edits a word of this length may be away from a suggestion: short words need to be close. */
export function allowedEdits(term: string): number {
  const n = Array.from(term).length;
  return n < 4 ? 0 : n < 7 ? 1 : 2;
}

/**
 * The indexed word most likely meant by a misspelt one: fewest edits, then the word found in
 * more documents, then alphabetical order (so the answer is stable). Null if none is close enough,
 * or if the word is itself indexed.
 */
export function closestTerm(term: string, vocabulary: { term: string; docs: number }[]): string | null {
  const folded = foldTerm(term);
  const max = allowedEdits(folded);
  if (max === 0 || vocabulary.some((v) => v.term === folded)) return null;
  let best: { term: string; docs: number; d: number } | null = null;
  for (const v of vocabulary) {
    if (/^\p{N}+$/u.test(v.term)) continue;
    const d = editDistance(folded, v.term, max);
    if (d > max) continue;
    if (!best || d < best.d || (d === best.d && (v.docs > best.docs || (v.docs === best.docs && v.term < best.term)))) {
      best = { ...v, d };
    }
  }
  return best?.term ?? null;
}
