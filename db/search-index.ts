/**
 * Puts the stories into the search index, on either engine. Rounds and updates need no such step:
 * triggers on their tables keep search_docs in step with every write (db/migrations/sqlite/
 * 0001_search.sql, db/migrations/postgres/0002_search.sql), and each engine's own index of
 * search_docs (FTS5; tsvector and trigrams) follows by triggers too. Stories live in content/ and
 * change only with a deploy, so `db:setup` calls this after seeding, and `npm run db:index` runs it
 * alone. Idempotent: it replaces every story row in one transaction.
 */
import { sql } from "drizzle-orm";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { closeDb, dialect, exec, writeTransaction } from "./client";
import { databaseLabel } from "./migrate";
import { mdxToPlainText } from "@/lib/content/plain-text";
import { readArticles, type ArticleSource } from "@/lib/content/read";
import { TOPICS } from "@/lib/content/schema";
import { databaseEngine, databasePath } from "@/lib/env";

export type StoryDoc = { slug: string; title: string; context: string; body: string; date: string };

export function storyDocs(articles: ArticleSource[]): StoryDoc[] {
  return articles.map((a) => ({
    slug: a.slug,
    title: a.title,
    context: a.topics.map((t) => TOPICS[t]).join(", "),
    body: `${a.dek}\n${mdxToPlainText(a.body)}`,
    date: a.date,
  }));
}

/** Replaces every story in the index with `docs` (by default, the published stories in content/). */
export async function indexStories(docs: StoryDoc[] = storyDocs(readArticles())): Promise<number> {
  return writeTransaction(async (tx) => {
    await exec(tx, sql`DELETE FROM search_docs WHERE kind = 'story'`);
    for (const d of docs) {
      await exec(
        tx,
        sql`INSERT INTO search_docs (kind, ref, url, context, title, body, date)
          VALUES ('story', ${d.slug}, ${`/articles/${d.slug}`}, ${d.context}, ${d.title}, ${d.body}, ${d.date})`,
      );
    }
    return docs.length;
  });
}

/** True once the search migration has run on this database. */
export function hasSearchTables(): Promise<boolean> {
  return dialect().hasTable("search_docs");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (databaseEngine === "sqlite" && !existsSync(databasePath)) {
    console.error(`no database at ${databasePath}: run npm run db:setup first.`);
    process.exitCode = 1;
  } else if (!(await hasSearchTables())) {
    console.error(`${databaseLabel()} has no search tables yet: run npm run db:migrate (or db:setup) first.`);
    process.exitCode = 1;
  } else {
    console.log(`indexed ${await indexStories()} stories for search in ${databaseLabel()}`);
  }
  await closeDb();
}
