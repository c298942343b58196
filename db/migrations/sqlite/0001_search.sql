-- Full-text search over stories, round summaries and published updates (hand-written: drizzle's
-- schema DSL has no FTS5 virtual tables, so none of this is in db/schema.ts or the snapshot).
--
-- search_docs holds one row per searchable thing. Rounds and updates reach it through triggers,
-- so any write to those tables, from any code path, keeps search in step; an update that goes
-- back to draft or is deleted leaves it. Stories change only with a deploy: `npm run db:index`
-- (and db:setup) replaces every story row. Three FTS5 indexes read their text from search_docs:
--   search_words     porter stems + prefix index: ranked matches for whole and partial words
--   search_trigrams  trigrams: any 3+ character fragment, e.g. "ambod" finds Cambodia
--   search_plain     unstemmed words, detail=none: only a vocabulary for spelling suggestions
CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`url` text NOT NULL,
	`context` text NOT NULL DEFAULT '',
	`title` text NOT NULL,
	`body` text NOT NULL,
	`date` text NOT NULL,
	CONSTRAINT "search_docs_kind" CHECK(kind IN ('story', 'round', 'update')),
	CONSTRAINT "search_docs_url" CHECK(url GLOB '/*'),
	CONSTRAINT "search_docs_date" CHECK(date(date, '+0 days') IS date)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_kind_ref` ON `search_docs` (`kind`, `ref`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_words` USING fts5(
	title, context, body,
	content = 'search_docs', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_trigrams` USING fts5(
	title, context, body,
	content = 'search_docs', content_rowid = 'id',
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_plain` USING fts5(
	title, context, body,
	content = 'search_docs', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	detail = 'none'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_vocab` USING fts5vocab('search_plain', 'row');
--> statement-breakpoint
-- External-content indexes are kept in step with search_docs by hand (the FTS5 documentation's pattern).
CREATE TRIGGER `search_docs_ai` AFTER INSERT ON `search_docs` BEGIN
	INSERT INTO search_words (rowid, title, context, body) VALUES (new.id, new.title, new.context, new.body);
	INSERT INTO search_trigrams (rowid, title, context, body) VALUES (new.id, new.title, new.context, new.body);
	INSERT INTO search_plain (rowid, title, context, body) VALUES (new.id, new.title, new.context, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_ad` AFTER DELETE ON `search_docs` BEGIN
	INSERT INTO search_words (search_words, rowid, title, context, body) VALUES ('delete', old.id, old.title, old.context, old.body);
	INSERT INTO search_trigrams (search_trigrams, rowid, title, context, body) VALUES ('delete', old.id, old.title, old.context, old.body);
	INSERT INTO search_plain (search_plain, rowid, title, context, body) VALUES ('delete', old.id, old.title, old.context, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_au` AFTER UPDATE ON `search_docs` BEGIN
	INSERT INTO search_words (search_words, rowid, title, context, body) VALUES ('delete', old.id, old.title, old.context, old.body);
	INSERT INTO search_trigrams (search_trigrams, rowid, title, context, body) VALUES ('delete', old.id, old.title, old.context, old.body);
	INSERT INTO search_plain (search_plain, rowid, title, context, body) VALUES ('delete', old.id, old.title, old.context, old.body);
	INSERT INTO search_words (rowid, title, context, body) VALUES (new.id, new.title, new.context, new.body);
	INSERT INTO search_trigrams (rowid, title, context, body) VALUES (new.id, new.title, new.context, new.body);
	INSERT INTO search_plain (rowid, title, context, body) VALUES (new.id, new.title, new.context, new.body);
END;
--> statement-breakpoint
-- What a round contributes to search. Summaries are editor Markdown: bold and code marks are
-- dropped so snippets read as prose (the page shows snippets as plain text).
CREATE VIEW `search_round_docs` AS
SELECT
	r.id AS round_id,
	r.agreement_id AS agreement_id,
	'round' AS kind,
	CAST(r.id AS TEXT) AS ref,
	'/agreements/' || a.slug || '#round-' || r.number AS url,
	a.short_name AS context,
	a.short_name || ' round ' || r.number AS title,
	trim(
		replace(replace(replace(r.summary, '**', ''), '__', ''), '`', '')
		|| coalesce(char(10) || 'Topics: ' || (SELECT group_concat(j.value, '; ') FROM json_each(r.topics) AS j) || '.', '')
		|| char(10) || 'Format: ' || replace(r.format, '_', ' ') || '.'
		|| coalesce(' Host: ' || r.host || '.', '')
	) AS body,
	r.start_date AS date
FROM rounds AS r
JOIN agreements AS a ON a.id = r.agreement_id;
--> statement-breakpoint
-- Only published updates: a draft is never searchable.
CREATE VIEW `search_update_docs` AS
SELECT
	u.id AS update_id,
	u.agreement_id AS agreement_id,
	u.round_id AS round_id,
	'update' AS kind,
	CAST(u.id AS TEXT) AS ref,
	'/agreements/' || a.slug || '#update-' || u.id AS url,
	a.short_name || coalesce(' round ' || r.number, '') AS context,
	u.title AS title,
	trim(replace(replace(replace(u.body, '**', ''), '__', ''), '`', '')) AS body,
	substr(u.posted_at, 1, 10) AS date
FROM updates AS u
JOIN agreements AS a ON a.id = u.agreement_id
LEFT JOIN rounds AS r ON r.id = u.round_id
WHERE u.status = 'published';
--> statement-breakpoint
CREATE TRIGGER `search_rounds_ai` AFTER INSERT ON `rounds` BEGIN
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_round_docs WHERE round_id = new.id;
END;
--> statement-breakpoint
-- Also refreshes the round's updates, whose context names the round number.
CREATE TRIGGER `search_rounds_au` AFTER UPDATE ON `rounds` BEGIN
	DELETE FROM search_docs WHERE kind = 'round' AND ref = CAST(old.id AS TEXT);
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_round_docs WHERE round_id = new.id;
	DELETE FROM search_docs WHERE kind = 'update' AND ref IN (SELECT CAST(id AS TEXT) FROM updates WHERE round_id = new.id);
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_update_docs WHERE round_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_rounds_ad` AFTER DELETE ON `rounds` BEGIN
	DELETE FROM search_docs WHERE kind = 'round' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER `search_updates_ai` AFTER INSERT ON `updates` BEGIN
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_update_docs WHERE update_id = new.id;
END;
--> statement-breakpoint
-- Delete, then insert again only if the row is (still) published.
CREATE TRIGGER `search_updates_au` AFTER UPDATE ON `updates` BEGIN
	DELETE FROM search_docs WHERE kind = 'update' AND ref = CAST(old.id AS TEXT);
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_update_docs WHERE update_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_updates_ad` AFTER DELETE ON `updates` BEGIN
	DELETE FROM search_docs WHERE kind = 'update' AND ref = CAST(old.id AS TEXT);
END;
--> statement-breakpoint
-- A renamed agreement changes the links and labels of its rounds and updates.
CREATE TRIGGER `search_agreements_au` AFTER UPDATE OF slug, short_name ON `agreements` BEGIN
	DELETE FROM search_docs WHERE kind = 'round' AND ref IN (SELECT CAST(id AS TEXT) FROM rounds WHERE agreement_id = new.id);
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_round_docs WHERE agreement_id = new.id;
	DELETE FROM search_docs WHERE kind = 'update' AND ref IN (SELECT CAST(id AS TEXT) FROM updates WHERE agreement_id = new.id);
	INSERT INTO search_docs (kind, ref, url, context, title, body, date)
		SELECT kind, ref, url, context, title, body, date FROM search_update_docs WHERE agreement_id = new.id;
END;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref, url, context, title, body, date)
	SELECT kind, ref, url, context, title, body, date FROM search_round_docs;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref, url, context, title, body, date)
	SELECT kind, ref, url, context, title, body, date FROM search_update_docs;
