import type { Metadata } from "next";
import { SITE } from "@/lib/site";

export type FeedLink = { url: string; title: string };

/** The whole-site feed, advertised on every page beside any narrower feed the page offers. */
export const SITE_FEED: FeedLink = { url: "/feed.xml", title: `${SITE.name}: all stories` };

/** The site's default card, drawn by app/opengraph-image.tsx. */
export const DEFAULT_OG_IMAGE = { url: "/opengraph-image", width: 1200, height: 630, alt: `${SITE.name}: ${SITE.tagline}` };

/** A story's card, drawn by app/articles/[slug]/opengraph-image.tsx; JSON-LD names the same URL. */
export const storyImagePath = (slug: string) => `/articles/${slug}/opengraph-image`;

type PageMeta = {
  /** Without the site name: the layout's title template adds it (unless `absoluteTitle`). */
  title: string;
  absoluteTitle?: boolean;
  description: string;
  /** Canonical path, e.g. "/agreements/ckfta". */
  path: string;
  /** Feeds narrower than the site feed (an agreement's, a topic's). */
  feeds?: FeedLink[];
  /** Story pages: Open Graph article fields and the story's own card (app/articles/[slug]/opengraph-image). */
  article?: {
    publishedTime: string;
    modifiedTime: string;
    authors: string[];
    section?: string;
    tags?: string[];
    image: { url: string; alt: string };
  };
  noindex?: boolean;
};

/**
 * Title, description, canonical URL, feed links, Open Graph and Twitter card for one public page.
 * Next merges metadata shallowly, so a page that sets `openGraph` or `alternates` replaces the
 * layout's whole object: every page therefore builds all of them here, in one place.
 */
export function pageMetadata(p: PageMeta): Metadata {
  const openGraph: NonNullable<Metadata["openGraph"]> = p.article
    ? {
        type: "article",
        siteName: SITE.name,
        locale: "en_GB",
        url: p.path,
        title: p.title,
        description: p.description,
        publishedTime: p.article.publishedTime,
        modifiedTime: p.article.modifiedTime,
        authors: p.article.authors,
        ...(p.article.section ? { section: p.article.section } : {}),
        ...(p.article.tags ? { tags: p.article.tags } : {}),
        images: [{ ...p.article.image, width: DEFAULT_OG_IMAGE.width, height: DEFAULT_OG_IMAGE.height }],
      }
    : {
        type: "website",
        siteName: SITE.name,
        locale: "en_GB",
        url: p.path,
        title: p.title,
        description: p.description,
        images: [DEFAULT_OG_IMAGE],
      };
  return {
    title: p.absoluteTitle ? { absolute: p.title } : p.title,
    description: p.description,
    alternates: {
      canonical: p.path,
      types: { "application/rss+xml": [SITE_FEED, ...(p.feeds ?? [])] },
    },
    openGraph,
    // Title, description and image are filled from Open Graph by Next.
    twitter: { card: "summary_large_image" },
    ...(p.noindex ? { robots: { index: false, follow: true } } : {}),
  };
}

/** Cuts text at a word boundary to fit `max` characters, adding an ellipsis when it cut. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
