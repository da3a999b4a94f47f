-- Messages that are delivered (issue 12): the outbox becomes a delivery queue, people choose
-- what they receive, and the server and its content speak Spanish as well as English.
-- Written as column additions rather than drizzle-kit's table rebuilds: nothing that refers to
-- these tables has to move, and each new column's CHECK is the one tables.ts declares.
CREATE TABLE `mail_preferences` (
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`lang` text,
	`notices` integer DEFAULT true NOT NULL,
	`reminders` integer DEFAULT true NOT NULL,
	`digests` integer DEFAULT true NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `email`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mail_preferences_lang" CHECK("lang" IN ('en', 'es'))
);
--> statement-breakpoint
ALTER TABLE `agreement_texts` ADD `lang` text DEFAULT 'en' NOT NULL CONSTRAINT "agreement_texts_lang" CHECK("lang" IN ('en', 'es'));--> statement-breakpoint
DROP INDEX `agreement_texts_version`;--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_texts_version` ON `agreement_texts` (`tenant_id`,`kind`,`version`,`lang`);--> statement-breakpoint
ALTER TABLE `agreements` ADD `text_lang` text CONSTRAINT "agreements_text_lang" CHECK("text_lang" IN ('en', 'es'));--> statement-breakpoint
ALTER TABLE `applications` ADD `lang` text DEFAULT 'en' NOT NULL CONSTRAINT "applications_lang" CHECK("lang" IN ('en', 'es'));--> statement-breakpoint
ALTER TABLE `events` ADD `title_es` text;--> statement-breakpoint
ALTER TABLE `events` ADD `description_es` text;--> statement-breakpoint
ALTER TABLE `events` ADD `accessibility_notes_es` text;--> statement-breakpoint
ALTER TABLE `events` ADD `interpretation` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `host_offers` ADD `lang` text DEFAULT 'en' NOT NULL CONSTRAINT "host_offers_lang" CHECK("lang" IN ('en', 'es'));--> statement-breakpoint
ALTER TABLE `opportunities` ADD `title_es` text;--> statement-breakpoint
ALTER TABLE `opportunities` ADD `description_es` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `kind` text DEFAULT 'message' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lang` text DEFAULT 'en' NOT NULL CONSTRAINT "outbox_lang" CHECK("lang" IN ('en', 'es'));--> statement-breakpoint
ALTER TABLE `outbox` ADD `data` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `reply_to` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `dedupe_key` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `status` text DEFAULT 'queued' NOT NULL CONSTRAINT "outbox_status" CHECK("status" IN ('queued', 'sending', 'sent', 'retrying', 'failed', 'suppressed'));--> statement-breakpoint
ALTER TABLE `outbox` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `enqueued_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `next_attempt_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lease_until` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `last_error` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `sent_at` text;--> statement-breakpoint
CREATE INDEX `outbox_delivery` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
ALTER TABLE `rsvps` ADD `lang` text DEFAULT 'en' NOT NULL CONSTRAINT "rsvps_lang" CHECK("lang" IN ('en', 'es'));--> statement-breakpoint
ALTER TABLE `rsvps` ADD `interpretation` text CONSTRAINT "rsvps_interpretation" CHECK("interpretation" IN ('es', 'asl', 'other'));--> statement-breakpoint
ALTER TABLE `rsvps` ADD `interpretation_other` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `reply_to` text;
