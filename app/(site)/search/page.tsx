import type { Metadata } from "next";
import { SearchForm, SearchResults } from "@/components/site/SearchResults";
import { loadSearchPage } from "@/db/queries/search";
import { parseQuery, parseSearchParams } from "@/lib/search/query";

// Rendered per request from its query string (no prerendered shell): its data comes from cached
// loaders, and the HTTP cache in front keeps each URL until a save purges its keys.
export const instant = false;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Results depend on the query string, so this page renders per request (reading searchParams makes
// it dynamic); the search itself is cached by its words and tagged (db/queries/search.ts), and the
// HTTP cache keeps each URL until a save purges the search keys (proxy.ts).
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { text } = parseQuery(parseSearchParams(await searchParams).q);
  const base = { alternates: { canonical: "/search" } };
  if (!text)
    return { ...base, title: "Search", description: "Search the stories, negotiating rounds and updates of Cambodia Trade Monitor." };
  const shown = Array.from(text).length > 60 ? `${Array.from(text).slice(0, 60).join("")}…` : text;
  // Result pages are endless and thin: keep them out of search engines, but let crawlers follow the links.
  return { ...base, title: `Search: ${shown}`, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const { query, outcome, suggestions, pageError } = await loadSearchPage(await searchParams);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">Search</h1>
      <SearchForm q={query.text} />
      <SearchResults query={query} outcome={outcome} suggestions={suggestions} pageError={pageError} />
    </div>
  );
}
