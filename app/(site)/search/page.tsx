import type { Metadata } from "next";
import { SearchForm, SearchResults } from "@/components/site/SearchResults";
import { loadSearchPage } from "@/db/queries/search";
import { parseQuery, parseSearchParams } from "@/lib/search/query";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Results depend on the query string, so this page renders on every request (reading
// searchParams makes it dynamic) and always sees the index as it is now.
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { text } = parseQuery(parseSearchParams(await searchParams).q);
  const base = { alternates: { canonical: "/search" } };
  if (!text) return { ...base, title: "Search", description: "Search the stories, negotiating rounds and updates of Cambodia Trade Monitor." };
  const shown = Array.from(text).length > 60 ? `${Array.from(text).slice(0, 60).join("")}…` : text;
  // Result pages are endless and thin: keep them out of search engines, but let crawlers follow the links.
  return { ...base, title: `Search: ${shown}`, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const { query, outcome, suggestions, pageError } = loadSearchPage(await searchParams);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">Search</h1>
      <SearchForm q={query.text} />
      <SearchResults query={query} outcome={outcome} suggestions={suggestions} pageError={pageError} />
    </div>
  );
}
