import { describe, expect, it } from "vitest";
import {
  MAX_QUERY_CHARS,
  MAX_TERM_CHARS,
  MAX_TERMS,
  MARK_CLOSE,
  MARK_OPEN,
  anyWordQuery,
  closestTerm,
  editDistance,
  fragmentQuery,
  parseQuery,
  parseSearchParams,
  quoteTerm,
  toSegments,
  tokenize,
  wordQuery,
} from "@/lib/search/query";

/** A MATCH string built from terms is only quoted strings, `*` and the AND/OR we put between them. */
function onlyQuotedTerms(match: string | null) {
  expect(match).not.toBeNull();
  const outside = match!
    .replace(/"(?:[^"]|"")*"/g, "")
    .replace(/\*/g, "")
    .replace(/\b(AND|OR)\b/g, "")
    .trim();
  expect(outside).toBe("");
}

describe("tokenize", () => {
  it("keeps words of letters and digits in lower case", () => {
    expect(tokenize("Rules of Origin, round 4")).toEqual(["rules", "of", "origin", "round", "4"]);
  });

  it("turns FTS5 operators and syntax into separators or plain words", () => {
    const terms = tokenize(`korea AND "japan" OR NOT NEAR(trade, 5) title:ckfta -rcep ^asean tariff* (a OR b) {x}`);
    expect(terms).toEqual(["korea", "and", "japan", "or", "not", "near", "trade", "5", "title", "ckfta", "rcep", "asean", "tariff"]);
    for (const t of terms) expect(t).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
  });

  it("drops quotes of every kind, including unbalanced ones", () => {
    expect(tokenize(`"unterminated 'single' “curly” «guillemets»`)).toEqual(["unterminated", "single", "curly", "guillemets"]);
    expect(tokenize(`"""`)).toEqual([]);
  });

  it("drops emoji and symbols, keeping the words around them", () => {
    expect(tokenize("🇰🇭 trade 🚢📦 deal 👍🏽")).toEqual(["trade", "deal"]);
    expect(tokenize("🙂🙃")).toEqual([]);
  });

  it("keeps other scripts, with their combining marks", () => {
    // Khmer: "កម្ពុជា" (Cambodia) has vowel signs and a coeng, all combining marks.
    expect(tokenize("កម្ពុជា 한국")).toEqual(["កម្ពុជា", "한국"]);
  });

  it("drops possessive 's and lone letters when there are other words", () => {
    expect(tokenize("Korea's exports")).toEqual(["korea", "exports"]);
    expect(tokenize("a b trade")).toEqual(["trade"]);
    expect(tokenize("x")).toEqual(["x"]);
  });

  it("makes <script> tags inert words", () => {
    expect(tokenize(`<script>alert("x")</script>`)).toEqual(["script", "alert"]);
  });

  it("cuts an absurdly long word", () => {
    const [t] = tokenize("a".repeat(500));
    expect(t).toHaveLength(MAX_TERM_CHARS);
  });

  it("removes repeated words", () => {
    expect(tokenize("trade Trade TRADE")).toEqual(["trade"]);
  });
});

describe("parseQuery", () => {
  it("trims and keeps short queries whole", () => {
    expect(parseQuery("  market access  ")).toEqual({
      text: "market access",
      terms: ["market", "access"],
      truncated: false,
      droppedTerms: 0,
    });
  });

  it("cuts 1,000 characters to the cap and says so", () => {
    const q = parseQuery("trade ".repeat(200));
    expect(q.truncated).toBe(true);
    expect(Array.from(q.text)).toHaveLength(MAX_QUERY_CHARS);
    // 33 × "trade " is 198 characters; the cut leaves "tr" of the 34th.
    expect(q.terms).toEqual(["trade", "tr"]);
  });

  it("never cuts an emoji in half", () => {
    const q = parseQuery("🚢".repeat(1000));
    expect(q.truncated).toBe(true);
    expect(Array.from(q.text)).toHaveLength(MAX_QUERY_CHARS);
    expect(q.text).toBe("🚢".repeat(MAX_QUERY_CHARS));
    expect(q.terms).toEqual([]);
  });

  it("uses at most MAX_TERMS words and counts the rest", () => {
    const words = Array.from({ length: MAX_TERMS + 5 }, (_, i) => `word${i}`);
    const q = parseQuery(words.join(" "));
    expect(q.terms).toEqual(words.slice(0, MAX_TERMS));
    expect(q.droppedTerms).toBe(5);
  });

  it("gives no terms for empty, blank and punctuation-only input", () => {
    for (const input of ["", "   ", `"'*^:-()`, "AND OR".replace(/\w/g, "-")]) expect(parseQuery(input).terms).toEqual([]);
  });
});

describe("FTS5 query strings", () => {
  it("quotes every term and doubles quotes inside", () => {
    expect(quoteTerm("korea")).toBe(`"korea"`);
    expect(quoteTerm(`a"b`)).toBe(`"a""b"`);
  });

  it("builds prefix AND, prefix OR and fragment queries from terms only", () => {
    const terms = parseQuery(`NOT "rules" OR origin* NEAR/3 ab`).terms;
    expect(wordQuery(terms)).toBe(`"not"* AND "rules"* AND "or"* AND "origin"* AND "near"* AND "3"* AND "ab"*`);
    expect(anyWordQuery(["rules", "origin"])).toBe(`"rules"* OR "origin"*`);
    // The trigram index cannot match fewer than three characters, so short words are left out.
    expect(fragmentQuery(terms)).toBe(`"not" AND "rules" AND "origin" AND "near"`);
    for (const m of [wordQuery(terms), anyWordQuery(terms), fragmentQuery(terms)]) onlyQuotedTerms(m);
  });

  it("gives no query when there is nothing to search for", () => {
    expect(wordQuery([])).toBeNull();
    expect(anyWordQuery([])).toBeNull();
    expect(fragmentQuery(["ab", "4"])).toBeNull();
  });
});

describe("parseSearchParams", () => {
  it("reads q and page", () => {
    expect(parseSearchParams({ q: "rcep", page: "3" })).toEqual({ q: "rcep", page: 3, pageError: null });
    expect(parseSearchParams({})).toEqual({ q: "", page: 1, pageError: null });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseSearchParams({ q: ["one", "two"], page: ["2", "9"] })).toEqual({ q: "one", page: 2, pageError: null });
  });

  it("falls back to page 1 with a message naming the problem", () => {
    for (const page of ["abc", "0", "-1", "1.5", "9999"]) {
      const p = parseSearchParams({ q: "x", page });
      expect(p.page, page).toBe(1);
      expect(p.pageError, page).toMatch(/^page /);
    }
  });
});

describe("toSegments", () => {
  it("splits marked text into plain and highlighted pieces", () => {
    expect(toSegments(`The ${MARK_OPEN}third${MARK_CLOSE} round`)).toEqual([
      { text: "The ", hit: false },
      { text: "third", hit: true },
      { text: " round", hit: false },
    ]);
  });

  it("keeps markup in the text as text", () => {
    const segs = toSegments(`<b>${MARK_OPEN}<script>${MARK_CLOSE}</b>`);
    expect(segs.map((s) => s.text).join("")).toBe("<b><script></b>");
    expect(segs.find((s) => s.hit)?.text).toBe("<script>");
  });

  it("survives stray markers", () => {
    expect(toSegments(`a${MARK_CLOSE}b${MARK_OPEN}c`)).toEqual([
      { text: "ab", hit: false },
      { text: "c", hit: true },
    ]);
  });
});

describe("spelling", () => {
  it("counts edits, a swap of neighbours as one", () => {
    expect(editDistance("korea", "korea", 2)).toBe(0);
    expect(editDistance("koera", "korea", 2)).toBe(1);
    expect(editDistance("negotations", "negotiations", 2)).toBe(1);
    expect(editDistance("cambodai", "cambodia", 2)).toBe(1);
    expect(editDistance("tarif", "tariff", 2)).toBe(1);
    expect(editDistance("trade", "investment", 2)).toBe(3);
  });

  it("picks the nearest word, then the commoner one", () => {
    const vocab = [
      { term: "korea", docs: 9 },
      { term: "koran", docs: 1 },
      { term: "negotiations", docs: 4 },
      { term: "negotiation", docs: 2 },
      { term: "2020", docs: 5 },
    ];
    expect(closestTerm("koera", vocab)).toBe("korea");
    expect(closestTerm("negotations", vocab)).toBe("negotiations");
    expect(closestTerm("Négotiation", vocab)).toBeNull(); // already an indexed word once folded
    expect(closestTerm("xyzzyq", vocab)).toBeNull();
    expect(closestTerm("kor", vocab)).toBeNull(); // too short to guess
  });
});
