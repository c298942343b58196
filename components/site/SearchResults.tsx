import Link from "next/link";
import type { SearchHit, SearchKind, SearchOutcome, SearchSuggestions } from "@/db/queries/search";
import { formatDate } from "@/lib/format/date";
import { MAX_QUERY_CHARS, MAX_TERMS, type ParsedQuery, type Segment } from "@/lib/search/query";

const KIND: Record<SearchKind, { one: string; many: string }> = {
  story: { one: "Story", many: "stories" },
  round: { one: "Round", many: "rounds" },
  update: { one: "Update", many: "updates" },
};

const KIND_ORDER: SearchKind[] = ["story", "round", "update"];

const plural = (n: number, kind: SearchKind) => `${n} ${n === 1 ? KIND[kind].one.toLowerCase() : KIND[kind].many}`;

/** Text with the matched words in <mark>. Every piece is a React text node, so it stays escaped. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-black">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** Links to other searches are not prefetched: each prefetch would run a search nobody asked for. */
export function searchHref(q: string, page = 1): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set("page", String(page));
  return `/search?${params.toString()}`;
}

/** The search form on the search page itself; the header has its own small one. */
export function SearchForm({ q }: { q: string }) {
  return (
    <form action="/search" method="get" role="search" className="mt-4 flex gap-2">
      <label htmlFor="search-page-q" className="sr-only">
        Search stories, rounds and updates
      </label>
      <input
        id="search-page-q"
        type="search"
        name="q"
        defaultValue={q}
        enterKeyHint="search"
        placeholder="e.g. rules of origin, Japan, round 4"
        className="min-w-0 flex-1 rounded border border-(--color-muted) bg-(--color-paper) px-3 py-2"
      />
      <button type="submit" className="rounded bg-(--color-ink) px-4 py-2 font-semibold text-(--color-paper)">
        Search
      </button>
    </form>
  );
}

/** Notes about what was searched for: input cut short, words ignored, spelling fixed, looser matching. */
function QueryNotes({ query, outcome, pageError }: { query: ParsedQuery; outcome: SearchOutcome | null; pageError: string | null }) {
  const notes: React.ReactNode[] = [];
  if (query.truncated)
    notes.push(`Your search was longer than ${MAX_QUERY_CHARS} characters, so only the first ${MAX_QUERY_CHARS} were used.`);
  if (query.droppedTerms > 0) notes.push(`Only the first ${MAX_TERMS} words were used; ${query.droppedTerms} more were left out.`);
  if (pageError) notes.push(`The page number was not usable (${pageError}).`);
  if (outcome?.mode === "fragments")
    notes.push("No whole or starting words matched, so these results contain your letters inside longer words.");
  if (outcome && outcome.corrections.length > 0) {
    const fixed = outcome.corrections.map((c) => `“${c.from}” → “${c.to}”`).join(", ");
    notes.push(`Nothing matched as typed. Showing results for the nearest spelling: ${fixed}.`);
  }
  if (outcome?.mode === "any") notes.push("No result has all of your words, so these have at least one of them.");
  if (notes.length === 0) return null;
  return (
    <ul className="mt-3 space-y-1 border-l-4 border-(--color-accent) pl-3 text-sm wrap-anywhere" data-search-notes>
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  return (
    <li className="border-t border-(--color-rule) pt-3 wrap-break-word" data-search-hit={hit.kind}>
      <p className="text-xs">
        <span className="font-bold tracking-wide text-(--color-accent-ink) uppercase">{KIND[hit.kind].one}</span>
        <span className="text-(--color-muted)">
          {hit.context ? ` · ${hit.context}` : ""} · <time dateTime={hit.date}>{formatDate(hit.date)}</time>
        </span>
      </p>
      <h2 className="mt-1 font-serif text-xl leading-snug font-bold">
        <Link href={hit.url} className="hover:underline">
          <Highlighted segments={hit.title} />
        </Link>
      </h2>
      <p className="mt-1 text-sm text-(--color-muted)" data-snippet>
        <Highlighted segments={hit.snippet} />
      </p>
    </li>
  );
}

function NoResults({ query, suggestions }: { query: ParsedQuery; suggestions: SearchSuggestions | null }) {
  return (
    <div className="mt-6 space-y-4 wrap-anywhere" data-no-results>
      <p className="font-semibold">
        {query.terms.length ? (
          <>Nothing found for “{query.text}”.</>
        ) : query.text ? (
          "There are no letters or numbers in that search to look for."
        ) : null}
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>Check the spelling, or type the first few letters of a word: “negot” finds negotiations.</li>
        <li>Try fewer words, or other words for the same thing.</li>
        <li>Search covers stories, negotiating rounds and published updates, not the trade figures themselves.</li>
      </ul>
      {suggestions && suggestions.agreements.length > 0 ? (
        <p className="text-sm">
          Try:{" "}
          {suggestions.agreements.map((a, i) => (
            <span key={a}>
              {i > 0 ? ", " : ""}
              <Link href={searchHref(a)} prefetch={false} className="underline">
                {a}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {suggestions && suggestions.latestStories.length > 0 ? (
        <div className="text-sm">
          <p>Latest stories:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {suggestions.latestStories.map((s) => (
              <li key={s.url}>
                <Link href={s.url} className="underline">
                  {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm">
        Or browse{" "}
        <Link href="/articles" className="underline">
          all stories
        </Link>
        ,{" "}
        <Link href="/agreements" className="underline">
          agreements
        </Link>{" "}
        and{" "}
        <Link href="/data" className="underline">
          the data
        </Link>
        .
      </p>
    </div>
  );
}

export function SearchResults({
  query,
  outcome,
  suggestions,
  pageError,
}: {
  query: ParsedQuery;
  outcome: SearchOutcome | null;
  suggestions: SearchSuggestions | null;
  pageError: string | null;
}) {
  if (!query.text) {
    return (
      <p className="mt-4 text-(--color-muted)">
        Search the stories, the negotiating rounds and the live updates. Part of a word is enough.
      </p>
    );
  }
  const total = outcome?.total ?? 0;
  const kinds = outcome ? KIND_ORDER.filter((k) => outcome.counts[k] > 0) : [];
  return (
    <>
      <QueryNotes query={query} outcome={outcome} pageError={pageError} />
      {outcome && total > 0 ? (
        <>
          <p className="mt-4 text-sm wrap-anywhere" role="status" data-result-count={total}>
            <strong>
              {total} {total === 1 ? "result" : "results"}
            </strong>{" "}
            for “{query.text}”: {kinds.map((k) => plural(outcome.counts[k], k)).join(", ")}.
            {outcome.pageCount > 1 ? ` Page ${outcome.page} of ${outcome.pageCount}.` : ""}
          </p>
          <ol className="mt-4 space-y-4" data-search-results>
            {outcome.hits.map((h) => (
              <Hit key={h.url} hit={h} />
            ))}
          </ol>
          {outcome.pageCount > 1 ? (
            <nav aria-label="Pagination" className="mt-8 flex justify-between text-sm font-semibold">
              {outcome.page > 1 ? (
                <Link href={searchHref(query.text, outcome.page - 1)} prefetch={false} rel="prev" className="underline">
                  Previous page
                </Link>
              ) : (
                <span />
              )}
              {outcome.page < outcome.pageCount ? (
                <Link href={searchHref(query.text, outcome.page + 1)} prefetch={false} rel="next" className="underline">
                  Next page
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      ) : (
        <NoResults query={query} suggestions={suggestions} />
      )}
    </>
  );
}
