import "server-only";
import { unstable_cache } from "next/cache";

/**
 * Cache tags: the names pages give to the data they show, and writes expire.
 *
 * Public pages are rendered once and kept whole (ISR). While a page renders, every component that
 * reads a kind of data declares its tag with `cacheTags()`; Next stores those tags with the page.
 * An editor's write then calls `updateTag()` on exactly the tags its change touches, and the next
 * request for any page carrying one of them renders afresh (no stale copy is served).
 */
export const tags = {
  /** Any page listing or ranking figures across partners. */
  allFigures: "figures:all",
  /** Pages showing figures for one counterpart economy (ISO alpha-3, e.g. KOR or WLD). */
  figures: (counterpart: string) => `figures:${counterpart}`,
  allAgreements: "agreements:all",
  /** An agreement's tracker, its rounds and updates, and stories that show its timeline. */
  agreement: (slug: string) => `agreement:${slug}`,
  /** The front page's stream of the latest updates across agreements. */
  allUpdates: "updates:all",
  allSources: "sources:all",
  source: (id: string) => `source:${id}`,
} as const;

// unstable_cache is the one API that both attaches tags to the page being prerendered and works
// without `cacheComponents`. The cached value itself is a constant: SQLite is read directly.
const declare = (list: string[]) => unstable_cache(async () => true, ["tags", ...list], { tags: list })();

/** Marks the page being rendered as showing data with these tags. */
export async function cacheTags(...list: string[]): Promise<void> {
  const unique = [...new Set(list)].filter((t) => t.length > 0 && t.length <= 256);
  if (unique.length === 0) return;
  // Outside a Next render (unit tests, scripts) there is no cache to tag.
  try {
    await declare(unique);
  } catch (error) {
    if (!(error instanceof Error && /incrementalCache missing|outside a request/i.test(error.message))) throw error;
  }
}
