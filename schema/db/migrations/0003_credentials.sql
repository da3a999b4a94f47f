-- Skills badges (issue 6): the occupation's title on an achievement, when it last changed, and
-- one credential per (achievement, placement) settled by a unique index.
-- SQLite cannot add a column whose default is an expression, so `updated_at` gets a constant
-- default here and is backfilled; the Worker and the seed always write it explicitly.
ALTER TABLE `achievements` ADD `onet_title` text;--> statement-breakpoint
ALTER TABLE `achievements` ADD `updated_at` text DEFAULT '1970-01-01T00:00:00.000Z' NOT NULL;--> statement-breakpoint
UPDATE `achievements` SET `updated_at` = `created_at`;--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_once` ON `credentials` (`achievement_id`,`application_id`);--> statement-breakpoint
CREATE INDEX `credentials_student` ON `credentials` (`student_id`);
