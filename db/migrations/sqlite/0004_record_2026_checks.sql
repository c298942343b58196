PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_agreement_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`end_date` text,
	`precision` text DEFAULT 'day' NOT NULL,
	`description` text NOT NULL,
	`source_id` text NOT NULL,
	`party` text,
	`confidence` text DEFAULT 'high' NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party`) REFERENCES `partners`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agreement_events_status" CHECK(status IN ('proposed', 'feasibility_study', 'negotiating', 'concluded', 'signed', 'ratification', 'in_force')),
	CONSTRAINT "agreement_events_confidence" CHECK(confidence IN ('high', 'medium')),
	CONSTRAINT "agreement_events_date" CHECK(date(date, '+0 days') IS date),
	CONSTRAINT "agreement_events_end_date" CHECK((end_date IS NULL OR date(end_date, '+0 days') IS end_date)),
	CONSTRAINT "agreement_events_order" CHECK(end_date IS NULL OR end_date >= date),
	CONSTRAINT "agreement_events_precision" CHECK(precision IN ('day', 'month'))
);
--> statement-breakpoint
INSERT INTO `__new_agreement_events`("id", "agreement_id", "status", "date", "end_date", "precision", "description", "source_id", "party", "confidence") SELECT "id", "agreement_id", "status", "date", "end_date", "precision", "description", "source_id", "party", "confidence" FROM `agreement_events`;--> statement-breakpoint
DROP TABLE `agreement_events`;--> statement-breakpoint
ALTER TABLE `__new_agreement_events` RENAME TO `agreement_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_events_unique` ON `agreement_events` (`agreement_id`,`status`,`date`);--> statement-breakpoint
CREATE TABLE `__new_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`publisher` text NOT NULL,
	`title` text NOT NULL,
	`title_supplied` integer DEFAULT false NOT NULL,
	`published_on` text NOT NULL,
	`published_precision` text DEFAULT 'day' NOT NULL,
	`date_inferred` integer DEFAULT false NOT NULL,
	`kind` text NOT NULL,
	`url` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sources_id_slug" CHECK(id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "sources_published_on" CHECK(date(published_on, '+0 days') IS published_on),
	CONSTRAINT "sources_published_precision" CHECK(published_precision IN ('day', 'month', 'year')),
	CONSTRAINT "sources_published_on_precision" CHECK((published_precision = 'day' OR (published_precision = 'month' AND substr(published_on, 9, 2) = '01') OR (published_precision = 'year' AND substr(published_on, 6, 5) = '01-01'))),
	CONSTRAINT "sources_date_inferred" CHECK(date_inferred IN (0, 1)),
	CONSTRAINT "sources_kind" CHECK(kind IN ('news_report', 'official_statistics', 'database')),
	CONSTRAINT "sources_url" CHECK((url IS NULL OR url GLOB 'https://*' OR url GLOB 'http://*'))
);
--> statement-breakpoint
INSERT INTO `__new_sources`("id", "publisher", "title", "title_supplied", "published_on", "published_precision", "date_inferred", "kind", "url", "note", "version") SELECT "id", "publisher", "title", "title_supplied", "published_on", "published_precision", "date_inferred", "kind", "url", "note", "version" FROM `sources`;--> statement-breakpoint
DROP TABLE `sources`;--> statement-breakpoint
ALTER TABLE `__new_sources` RENAME TO `sources`;--> statement-breakpoint
-- ============================================================================================
-- Hand-written (record_2026): checks on the columns 0002 added to trade_figures.
-- A CHECK in db/schema.ts would make drizzle-kit rebuild trade_figures, and its rebuild copies
-- the generated columns (counterpart, side, khm_flow, khm_value), which SQLite refuses. Triggers
-- give the same guarantees: approximate is a boolean, confidence is high or medium, and a
-- figure's record keeper (GDCE, KITA, JETRO) keeps the records of the figure's reporter.
-- ============================================================================================
CREATE TRIGGER `trade_figures_record_2026_insert` BEFORE INSERT ON `trade_figures` BEGIN
	SELECT RAISE(ABORT, 'CHECK constraint failed: trade_figures_approximate') WHERE NEW.approximate NOT IN (0, 1);
	SELECT RAISE(ABORT, 'CHECK constraint failed: trade_figures_confidence') WHERE NEW.confidence NOT IN ('high', 'medium');
	SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: trade_figures_records')
		WHERE NEW.records IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_keepers k WHERE k.code = NEW.records AND k.economy = NEW.reporter);
END;
--> statement-breakpoint
CREATE TRIGGER `trade_figures_record_2026_update` BEFORE UPDATE OF approximate, confidence, records, reporter ON `trade_figures` BEGIN
	SELECT RAISE(ABORT, 'CHECK constraint failed: trade_figures_approximate') WHERE NEW.approximate NOT IN (0, 1);
	SELECT RAISE(ABORT, 'CHECK constraint failed: trade_figures_confidence') WHERE NEW.confidence NOT IN ('high', 'medium');
	SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: trade_figures_records')
		WHERE NEW.records IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_keepers k WHERE k.code = NEW.records AND k.economy = NEW.reporter);
END;
