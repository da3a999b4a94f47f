-- Doors for the people outside the office (issue 13): students' and guardians' own sessions and
-- sign-in links, supervisors' links without an account (named on the placement), reflections,
-- the experience survey, and attendance at events. audit_log is rebuilt (as in 0006) only to
-- widen its actor_type CHECK; the other tables gain columns, never rebuilds.
CREATE TABLE `attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`event_id` text NOT NULL,
	`rsvp_id` text,
	`student_id` text,
	`name` text NOT NULL,
	`people` integer DEFAULT 1 NOT NULL,
	`walk_in` integer DEFAULT false NOT NULL,
	`checked_in_by` text,
	`checked_in_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rsvp_id`) REFERENCES `rsvps`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_rsvp` ON `attendance` (`rsvp_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_student` ON `attendance` (`event_id`,`student_id`);--> statement-breakpoint
CREATE INDEX `attendance_event` ON `attendance` (`event_id`,`checked_in_at`);--> statement-breakpoint
CREATE INDEX `attendance_student_record` ON `attendance` (`tenant_id`,`student_id`);--> statement-breakpoint
CREATE TABLE `experience_surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`meaningful` integer NOT NULL,
	`felt_safe` integer NOT NULL,
	`would_recommend` integer NOT NULL,
	`comment` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "experience_surveys_scale" CHECK(meaningful BETWEEN 1 AND 4 AND felt_safe BETWEEN 1 AND 4 AND would_recommend BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experience_surveys_once` ON `experience_surveys` (`application_id`);--> statement-breakpoint
CREATE INDEX `experience_surveys_tenant` ON `experience_surveys` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `person_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`student_id` text,
	`email` text,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "person_sessions_kind" CHECK("kind" IN ('student', 'guardian'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_sessions_token` ON `person_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `person_sessions_student` ON `person_sessions` (`student_id`);--> statement-breakpoint
CREATE INDEX `person_sessions_expiry` ON `person_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `reflections` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`period` text NOT NULL,
	`body` text NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`would_recommend` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reflections_period` ON `reflections` (`application_id`,`period`);--> statement-breakpoint
CREATE INDEX `reflections_tenant` ON `reflections` (`tenant_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `sign_in_links` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_in_links_token` ON `sign_in_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sign_in_links_email` ON `sign_in_links` (`tenant_id`,`email`,`created_at`);--> statement-breakpoint
CREATE TABLE `supervisor_links` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`last_used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisor_links_token` ON `supervisor_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `supervisor_links_email` ON `supervisor_links` (`tenant_id`,`email`);--> statement-breakpoint
DROP INDEX `audit_entity`;--> statement-breakpoint
DROP INDEX `audit_tenant`;--> statement-breakpoint
ALTER TABLE `audit_log` RENAME TO `audit_log__old`;--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "audit_actor_type" CHECK("actor_type" IN ('user', 'site', 'signer', 'system', 'student', 'guardian', 'supervisor'))
);
--> statement-breakpoint
INSERT INTO `audit_log` (`id`, `tenant_id`, `actor_type`, `actor_id`, `action`, `entity`, `entity_id`, `detail`, `at`) SELECT `id`, `tenant_id`, `actor_type`, `actor_id`, `action`, `entity`, `entity_id`, `detail`, `at` FROM `audit_log__old`;--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log__old') WHERE name = 'audit_log' AND seq < (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log__old');--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log', seq FROM sqlite_sequence WHERE name = 'audit_log__old' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'audit_log');--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_tenant` ON `audit_log` (`tenant_id`,`at`);--> statement-breakpoint
DROP TABLE `audit_log__old`;--> statement-breakpoint
ALTER TABLE `applications` ADD `supervisor_name` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `supervisor_email` text;--> statement-breakpoint
ALTER TABLE `evaluations` ADD `evaluator_name` text;--> statement-breakpoint
ALTER TABLE `hour_logs` ADD `reviewer_name` text;--> statement-breakpoint
ALTER TABLE `hour_logs` ADD `returned_at` text;--> statement-breakpoint
ALTER TABLE `hour_logs` ADD `return_note` text;--> statement-breakpoint
ALTER TABLE `rsvps` ADD `student_id` text REFERENCES `students`(`id`) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `rsvps_student` ON `rsvps` (`tenant_id`,`student_id`);--> statement-breakpoint
ALTER TABLE `rsvps` ADD `manage_code_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `rsvps_manage_code` ON `rsvps` (`manage_code_hash`);
