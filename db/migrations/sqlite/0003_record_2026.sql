CREATE TABLE `agreement_event_sources` (
	`event_id` integer NOT NULL,
	`source_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`event_id`, `source_id`),
	FOREIGN KEY (`event_id`) REFERENCES `agreement_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_event_sources_source` ON `agreement_event_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `record_keepers` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`economy` text NOT NULL,
	FOREIGN KEY (`economy`) REFERENCES `partners`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "record_keepers_code" CHECK(code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z]*' AND length(code) BETWEEN 2 AND 12)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_keepers_code_economy` ON `record_keepers` (`code`,`economy`);--> statement-breakpoint
CREATE TABLE `tariff_eliminations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`party` text NOT NULL,
	`share_bp` integer NOT NULL,
	`counted` text NOT NULL,
	`combined_with_id` integer,
	`source_id` text NOT NULL,
	`confidence` text DEFAULT 'high' NOT NULL,
	`note` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party`) REFERENCES `partners`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`combined_with_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tariff_eliminations_share" CHECK(typeof(share_bp) = 'integer' AND share_bp BETWEEN 0 AND 10000),
	CONSTRAINT "tariff_eliminations_counted" CHECK(counted IN ('products', 'tariff_lines')),
	CONSTRAINT "tariff_eliminations_confidence" CHECK(confidence IN ('high', 'medium')),
	CONSTRAINT "tariff_eliminations_combined" CHECK(combined_with_id IS NULL OR combined_with_id <> agreement_id)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tariff_eliminations_one_per_source` ON `tariff_eliminations` (`agreement_id`,`party`,`source_id`);--> statement-breakpoint
CREATE TABLE `wto_rta_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`rta_id` integer NOT NULL,
	`agreement_id` integer NOT NULL,
	`name` text NOT NULL,
	`coverage` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`signed_goods` text,
	`signed_services` text,
	`notified_goods` text,
	`notified_services` text,
	`in_force_goods` text,
	`in_force_services` text,
	`inactive_on` text,
	`cambodia_date` text,
	`cambodia_date_kind` text,
	`remarks` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "wto_rta_records_rta_id" CHECK(rta_id BETWEEN 1 AND 99999),
	CONSTRAINT "wto_rta_records_signed_goods" CHECK((signed_goods IS NULL OR date(signed_goods, '+0 days') IS signed_goods)),
	CONSTRAINT "wto_rta_records_signed_services" CHECK((signed_services IS NULL OR date(signed_services, '+0 days') IS signed_services)),
	CONSTRAINT "wto_rta_records_notified_goods" CHECK((notified_goods IS NULL OR date(notified_goods, '+0 days') IS notified_goods)),
	CONSTRAINT "wto_rta_records_notified_services" CHECK((notified_services IS NULL OR date(notified_services, '+0 days') IS notified_services)),
	CONSTRAINT "wto_rta_records_in_force_goods" CHECK((in_force_goods IS NULL OR date(in_force_goods, '+0 days') IS in_force_goods)),
	CONSTRAINT "wto_rta_records_in_force_services" CHECK((in_force_services IS NULL OR date(in_force_services, '+0 days') IS in_force_services)),
	CONSTRAINT "wto_rta_records_inactive_on" CHECK((inactive_on IS NULL OR date(inactive_on, '+0 days') IS inactive_on)),
	CONSTRAINT "wto_rta_records_cambodia_date" CHECK((cambodia_date IS NULL OR date(cambodia_date, '+0 days') IS cambodia_date)),
	CONSTRAINT "wto_rta_records_cambodia_date_kind" CHECK((cambodia_date IS NULL AND cambodia_date_kind IS NULL) OR (cambodia_date IS NOT NULL AND cambodia_date_kind IN ('entry', 'ratification')))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wto_rta_records_vintage_rta` ON `wto_rta_records` (`source_id`,`rta_id`);--> statement-breakpoint
CREATE INDEX `wto_rta_records_agreement` ON `wto_rta_records` (`agreement_id`);--> statement-breakpoint
ALTER TABLE `agreement_events` ADD `party` text REFERENCES partners(code);--> statement-breakpoint
ALTER TABLE `agreement_events` ADD `confidence` text DEFAULT 'high' NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `published_precision` text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `date_inferred` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `trade_figures` ADD `approximate` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `trade_figures` ADD `confidence` text DEFAULT 'high' NOT NULL;--> statement-breakpoint
ALTER TABLE `trade_figures` ADD `records` text REFERENCES record_keepers(code);