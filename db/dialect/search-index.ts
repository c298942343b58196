/**
 * Puts the stories into the search index, on either engine: the one piece of search_docs that no
 * trigger fills (rounds and updates are indexed by triggers on their tables, on both engines).
 * The same statements as db/search-index.ts's indexStories, through the seam. Replaces every story
 * row in one transaction, so it is safe to run again.
 */
import { sql } from "drizzle-orm";
import type { StoryDoc } from "@/db/search-index";
import type { Dialect } from "./types";

export async function indexStoriesWith(d: Dialect, docs: StoryDoc[]): Promise<number> {
  return d.write(async (tx) => {
    await d.exec(tx, sql`DELETE FROM search_docs WHERE kind = 'story'`);
    for (const doc of docs) {
      await d.exec(
        tx,
        sql`INSERT INTO search_docs (kind, ref, url, context, title, body, date)
          VALUES ('story', ${doc.slug}, ${`/articles/${doc.slug}`}, ${doc.context}, ${doc.title}, ${doc.body}, ${doc.date})`,
      );
    }
    return docs.length;
  });
}
