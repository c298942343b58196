import type { Metadata } from "next";
import Link from "next/link";
import { JsonLd } from "@/components/seo/JsonLd";
import { StoryCard } from "@/components/site/StoryCard";
import { listArticles } from "@/lib/content/articles";
import { breadcrumbJsonLd } from "@/lib/seo/jsonld";
import { pageMetadata } from "@/lib/seo/metadata";
import { z } from "zod";

// Rendered per request from its query string (no prerendered shell): its data comes from cached
// loaders, and the HTTP cache in front keeps each URL until a save purges its keys.
export const instant = false;

const PAGE_SIZE = 10;
const Page = z.coerce.number().int().min(1).max(10_000).catch(1);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The page's one loader, shared by its metadata and its body. */
async function load(searchParams: Props["searchParams"]) {
  const all = listArticles();
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(Page.parse((await searchParams).page), pages);
  return { all, pages, page, shown: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { page, pages } = await load(searchParams);
  // Each page of the list is its own canonical URL, so older stories stay reachable for crawlers.
  const path = page > 1 ? `/articles?page=${page}` : "/articles";
  return pageMetadata({
    title: page > 1 ? `Stories, page ${page} of ${pages}` : "Stories",
    description: "Every story from Cambodia Trade Monitor on the country's trade talks and trade figures, newest first.",
    path,
  });
}

export default async function ArticlesPage({ searchParams }: Props) {
  const { all, pages, page, shown } = await load(searchParams);
  return (
    <div className="mx-auto max-w-3xl">
      <JsonLd data={breadcrumbJsonLd([{ name: "Stories", path: "/articles" }])} />
      <h1 className="font-serif text-4xl font-bold">Stories</h1>
      <p className="mt-1 text-(--color-muted)">
        {all.length} stories, newest first. Page {page} of {pages}.
      </p>
      <div className="mt-6 space-y-5">
        {shown.map((a) => (
          <StoryCard key={a.slug} article={a} />
        ))}
      </div>
      <nav aria-label="Pagination" className="mt-8 flex justify-between text-sm font-semibold">
        {page > 1 ? (
          <Link href={`/articles?page=${page - 1}`} rel="prev" className="underline">
            Newer stories
          </Link>
        ) : (
          <span />
        )}
        {page < pages ? (
          <Link href={`/articles?page=${page + 1}`} rel="next" className="underline">
            Older stories
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
