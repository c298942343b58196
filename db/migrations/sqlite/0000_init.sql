CREATE TABLE `agreement_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`end_date` text,
	`precision` text DEFAULT 'day' NOT NULL,
	`description` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agreement_events_status" CHECK(status IN ('proposed', 'feasibility_study', 'negotiating', 'concluded', 'signed', 'in_force')),
	CONSTRAINT "agreement_events_date" CHECK(date(date, '+0 days') IS date),
	CONSTRAINT "agreement_events_end_date" CHECK((end_date IS NULL OR date(end_date, '+0 days') IS end_date)),
	CONSTRAINT "agreement_events_order" CHECK(end_date IS NULL OR end_date >= date),
	CONSTRAINT "agreement_events_precision" CHECK(precision IN ('day', 'month'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_events_unique` ON `agreement_events` (`agreement_id`,`status`,`date`);--> statement-breakpoint
CREATE TABLE `agreement_parties` (
	`agreement_id` integer NOT NULL,
	`partner_code` text NOT NULL,
	`in_force_on` text,
	PRIMARY KEY(`agreement_id`, `partner_code`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_code`) REFERENCES `partners`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agreement_parties_in_force_on" CHECK((in_force_on IS NULL OR date(in_force_on, '+0 days') IS in_force_on))
);
--> statement-breakpoint
CREATE INDEX `agreement_parties_partner` ON `agreement_parties` (`partner_code`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`coverage` text,
	`summary` text DEFAULT '' NOT NULL,
	`wto_name` text,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "agreements_slug" CHECK(slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_slug_unique` ON `agreements` (`slug`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`success` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email_at` ON `login_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_at` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `partners` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`imf_name` text,
	`region` text NOT NULL,
	CONSTRAINT "partners_code_iso3" CHECK(code GLOB '[A-Z][A-Z][A-Z]')
);
--> statement-breakpoint
CREATE TABLE `round_sources` (
	`round_id` integer NOT NULL,
	`source_id` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`preferred` integer DEFAULT false NOT NULL,
	`note` text,
	PRIMARY KEY(`round_id`, `source_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "round_sources_start" CHECK((start_date IS NULL OR date(start_date, '+0 days') IS start_date)),
	CONSTRAINT "round_sources_end" CHECK((end_date IS NULL OR date(end_date, '+0 days') IS end_date)),
	CONSTRAINT "round_sources_preferred" CHECK(preferred IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_sources_one_preferred` ON `round_sources` (`round_id`) WHERE preferred = 1;--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`number` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`format` text NOT NULL,
	`host` text,
	`topics` text DEFAULT '[]' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rounds_number" CHECK(number BETWEEN 1 AND 999),
	CONSTRAINT "rounds_start_date" CHECK(date(start_date, '+0 days') IS start_date),
	CONSTRAINT "rounds_end_date" CHECK(date(end_date, '+0 days') IS end_date),
	CONSTRAINT "rounds_order" CHECK(end_date >= start_date),
	CONSTRAINT "rounds_format" CHECK(format IN ('virtual', 'in_person', 'hybrid')),
	CONSTRAINT "rounds_topics" CHECK(json_valid(topics) AND json_type(topics) = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_agreement_number` ON `rounds` (`agreement_id`,`number`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`publisher` text NOT NULL,
	`title` text NOT NULL,
	`title_supplied` integer DEFAULT false NOT NULL,
	`published_on` text NOT NULL,
	`kind` text NOT NULL,
	`url` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "sources_id_slug" CHECK(id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "sources_published_on" CHECK(date(published_on, '+0 days') IS published_on),
	CONSTRAINT "sources_kind" CHECK(kind IN ('news_report', 'official_statistics', 'database')),
	CONSTRAINT "sources_url" CHECK(url IS NULL OR url GLOB 'https://*')
);
--> statement-breakpoint
CREATE TABLE `trade_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reporter` text NOT NULL,
	`partner` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`flow` text NOT NULL,
	`value` integer NOT NULL,
	`unit` text NOT NULL,
	`source_id` text NOT NULL,
	`note` text,
	`preferred` integer DEFAULT false NOT NULL,
	`estimate` integer DEFAULT false NOT NULL,
	`derived` integer DEFAULT false NOT NULL,
	`counterpart` text GENERATED ALWAYS AS (CASE WHEN reporter = 'KHM' THEN partner ELSE reporter END) STORED NOT NULL,
	`side` text GENERATED ALWAYS AS (CASE WHEN reporter = 'KHM' THEN 'cambodia' ELSE 'partner' END) STORED NOT NULL,
	`khm_flow` text GENERATED ALWAYS AS (CASE WHEN reporter = 'KHM' THEN flow WHEN flow = 'exports' THEN 'imports'
          WHEN flow = 'imports' THEN 'exports' ELSE flow END) STORED NOT NULL,
	`khm_value` integer GENERATED ALWAYS AS (CASE WHEN reporter <> 'KHM' AND flow = 'balance' THEN -value ELSE value END) STORED NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`reporter`) REFERENCES `partners`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner`) REFERENCES `partners`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "trade_figures_involves_khm" CHECK((reporter = 'KHM' OR partner = 'KHM') AND reporter <> partner),
	CONSTRAINT "trade_figures_period_start" CHECK((period_start GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND substr(period_start, 6, 2) BETWEEN '01' AND '12')),
	CONSTRAINT "trade_figures_period_end" CHECK((period_end GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND substr(period_end, 6, 2) BETWEEN '01' AND '12')),
	CONSTRAINT "trade_figures_period_order" CHECK(period_end >= period_start),
	CONSTRAINT "trade_figures_flow" CHECK(flow IN ('exports', 'imports', 'total', 'balance', 'investment_stock', 'partner_rank', 'investor_rank', 'destination_rank')),
	CONSTRAINT "trade_figures_unit" CHECK(unit IN ('USD', 'rank')),
	CONSTRAINT "trade_figures_value" CHECK(typeof(value) = 'integer' AND abs(value) <= 100000000000000 AND (
        (unit = 'rank' AND flow GLOB '*_rank' AND value >= 1) OR
        (unit = 'USD' AND flow NOT GLOB '*_rank' AND (flow = 'balance' OR value >= 0)))),
	CONSTRAINT "trade_figures_flags" CHECK(preferred IN (0, 1) AND estimate IN (0, 1) AND derived IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trade_figures_one_per_source` ON `trade_figures` (`reporter`,`partner`,`flow`,`period_start`,`period_end`,`source_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `trade_figures_one_preferred` ON `trade_figures` (`counterpart`,`khm_flow`,`period_start`,`period_end`) WHERE preferred = 1;--> statement-breakpoint
CREATE INDEX `trade_figures_cell` ON `trade_figures` (`counterpart`,`khm_flow`,`period_start`,`period_end`);--> statement-breakpoint
CREATE INDEX `trade_figures_source` ON `trade_figures` (`source_id`);--> statement-breakpoint
CREATE TABLE `updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`round_id` integer,
	`posted_at` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`source_id` text,
	`author_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "updates_status" CHECK(status IN ('draft', 'published')),
	CONSTRAINT "updates_posted_at" CHECK(posted_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'
        AND substr(posted_at, 12, 2) BETWEEN '00' AND '23'
        AND date(substr(posted_at, 1, 10), '+0 days') IS substr(posted_at, 1, 10)),
	CONSTRAINT "updates_title" CHECK(length(trim(title)) BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE INDEX `updates_agreement_posted` ON `updates` (`agreement_id`,`posted_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "users_role" CHECK(role IN ('admin', 'editor')),
	CONSTRAINT "users_email" CHECK(email = lower(email) AND email LIKE '%_@_%'),
	CONSTRAINT "users_disabled" CHECK(disabled IN (0, 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);