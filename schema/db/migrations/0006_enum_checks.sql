-- CHECK constraints for every enum column (status, role, stage, type…): the database refuses
-- what the types refuse. SQLite adds a CHECK only by rebuilding the table.
--
-- Hand-written, not drizzle-kit's rebuild: that one turns foreign keys off and DROPs each table,
-- but D1 runs a migration in one transaction where `PRAGMA foreign_keys=OFF` does nothing, so
-- the DROP's implicit DELETE would fire ON DELETE CASCADE and empty the child tables. Here each
-- table is instead renamed away (its indexes dropped first, their names are made again) (SQLite rewrites the children's REFERENCES to the old name),
-- rebuilt under its own name with its CHECKs, and refilled, parents before children; only then
-- are the old tables dropped, children first, when nothing refers to them any more. Every table
-- that refers to a rebuilt one is rebuilt with it (unchanged), so no reference is left dangling.
-- Triggers are dropped first and made again last, word for word, so none fires on the copy and
-- none is left pointing at an old name; the FTS index keeps its rows (rowid = opportunities.seq).
-- The CREATE TABLE statements are drizzle-kit's own output for schema/db/tables.ts.
PRAGMA defer_foreign_keys = on;
--> statement-breakpoint
DROP TRIGGER `employers_fts_name`;
--> statement-breakpoint
DROP TRIGGER `opportunities_fts_ad`;
--> statement-breakpoint
DROP TRIGGER `opportunities_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `opportunities_fts_au`;
--> statement-breakpoint
DROP TRIGGER `opportunity_shares_ad`;
--> statement-breakpoint
DROP TRIGGER `opportunity_shares_ai`;
--> statement-breakpoint
ALTER TABLE `tenants` RENAME TO `tenants__old`;
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'district' NOT NULL,
	`region` text,
	`time_zone` text DEFAULT 'America/Los_Angeles' NOT NULL,
	`default_locale` text DEFAULT 'en' NOT NULL,
	`issuer_name` text,
	`issuer_url` text,
	`issuer_email` text,
	`issuer_description` text,
	`issuer_image` text,
	`report_min_cell` integer DEFAULT 5 NOT NULL,
	`data_version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "tenants_kind" CHECK("kind" IN ('district', 'convener'))
);
--> statement-breakpoint
INSERT INTO `tenants` (`id`, `name`, `kind`, `region`, `time_zone`, `default_locale`, `issuer_name`, `issuer_url`, `issuer_email`, `issuer_description`, `issuer_image`, `data_version`, `created_at`, `report_min_cell`) SELECT `id`, `name`, `kind`, `region`, `time_zone`, `default_locale`, `issuer_name`, `issuer_url`, `issuer_email`, `issuer_description`, `issuer_image`, `data_version`, `created_at`, `report_min_cell` FROM `tenants__old`;
--> statement-breakpoint
DROP INDEX `schools_tenant`;
--> statement-breakpoint
ALTER TABLE `schools` RENAME TO `schools__old`;
--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`grade_min` integer NOT NULL,
	`grade_max` integer NOT NULL,
	`address` text,
	`city` text,
	`state` text,
	`postal_code` text,
	`lat` real,
	`lng` real,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "schools_level" CHECK("level" IN ('elementary', 'middle', 'high', 'other'))
);
--> statement-breakpoint
INSERT INTO `schools` (`id`, `tenant_id`, `name`, `level`, `grade_min`, `grade_max`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `created_at`) SELECT `id`, `tenant_id`, `name`, `level`, `grade_min`, `grade_max`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `created_at` FROM `schools__old`;
--> statement-breakpoint
CREATE INDEX `schools_tenant` ON `schools` (`tenant_id`);
--> statement-breakpoint
DROP INDEX `sites_key`;
--> statement-breakpoint
DROP INDEX `sites_tenant`;
--> statement-breakpoint
ALTER TABLE `sites` RENAME TO `sites__old`;
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`publishable_key` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`school_id` text,
	`calendar_page_url` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sites_status" CHECK("status" IN ('active', 'suspended', 'revoked'))
);
--> statement-breakpoint
INSERT INTO `sites` (`id`, `tenant_id`, `name`, `publishable_key`, `allowed_origins`, `school_id`, `status`, `created_at`, `calendar_page_url`) SELECT `id`, `tenant_id`, `name`, `publishable_key`, `allowed_origins`, `school_id`, `status`, `created_at`, `calendar_page_url` FROM `sites__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_key` ON `sites` (`publishable_key`);
--> statement-breakpoint
CREATE INDEX `sites_tenant` ON `sites` (`tenant_id`);
--> statement-breakpoint
DROP INDEX `employers_tenant`;
--> statement-breakpoint
ALTER TABLE `employers` RENAME TO `employers__old`;
--> statement-breakpoint
CREATE TABLE `employers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`website` text,
	`description` text,
	`size` text,
	`clusters` text DEFAULT '[]' NOT NULL,
	`contact_name` text,
	`contact_title` text,
	`contact_email` text,
	`contact_phone` text,
	`address` text,
	`city` text,
	`state` text,
	`postal_code` text,
	`lat` real,
	`lng` real,
	`vetting_status` text DEFAULT 'pending' NOT NULL,
	`liability_agreement_on` text,
	`insurance_expires_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "employers_size" CHECK("size" IN ('1-9', '10-49', '50-249', '250-999', '1000+')),
	CONSTRAINT "employers_vetting" CHECK("vetting_status" IN ('pending', 'approved', 'suspended'))
);
--> statement-breakpoint
INSERT INTO `employers` (`id`, `tenant_id`, `name`, `website`, `description`, `size`, `clusters`, `contact_name`, `contact_title`, `contact_email`, `contact_phone`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `vetting_status`, `liability_agreement_on`, `insurance_expires_on`, `created_at`, `updated_at`) SELECT `id`, `tenant_id`, `name`, `website`, `description`, `size`, `clusters`, `contact_name`, `contact_title`, `contact_email`, `contact_phone`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `vetting_status`, `liability_agreement_on`, `insurance_expires_on`, `created_at`, `updated_at` FROM `employers__old`;
--> statement-breakpoint
CREATE INDEX `employers_tenant` ON `employers` (`tenant_id`,`name`);
--> statement-breakpoint
DROP INDEX `users_email`;
--> statement-breakpoint
ALTER TABLE `users` RENAME TO `users__old`;
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`employer_id` text,
	`password_hash` text NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role" CHECK("role" IN ('admin', 'coordinator', 'supervisor', 'viewer'))
);
--> statement-breakpoint
INSERT INTO `users` (`id`, `tenant_id`, `email`, `name`, `role`, `employer_id`, `password_hash`, `disabled`, `created_at`, `must_change_password`) SELECT `id`, `tenant_id`, `email`, `name`, `role`, `employer_id`, `password_hash`, `disabled`, `created_at`, `must_change_password` FROM `users__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);
--> statement-breakpoint
DROP INDEX `sessions_expiry`;
--> statement-breakpoint
DROP INDEX `sessions_token`;
--> statement-breakpoint
DROP INDEX `sessions_user`;
--> statement-breakpoint
ALTER TABLE `sessions` RENAME TO `sessions__old`;
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_seen_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `sessions` (`id`, `user_id`, `tenant_id`, `token_hash`, `created_at`, `last_seen_at`, `expires_at`) SELECT `id`, `user_id`, `tenant_id`, `token_hash`, `created_at`, `last_seen_at`, `expires_at` FROM `sessions__old`;
--> statement-breakpoint
CREATE INDEX `sessions_expiry` ON `sessions` (`expires_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token` ON `sessions` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);
--> statement-breakpoint
DROP INDEX `opportunities_deadline`;
--> statement-breakpoint
DROP INDEX `opportunities_employer`;
--> statement-breakpoint
DROP INDEX `opportunities_facets`;
--> statement-breakpoint
DROP INDEX `opportunities_geo`;
--> statement-breakpoint
DROP INDEX `opportunities_id`;
--> statement-breakpoint
DROP INDEX `opportunities_newest`;
--> statement-breakpoint
ALTER TABLE `opportunities` RENAME TO `opportunities__old`;
--> statement-breakpoint
CREATE TABLE `opportunities` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`employer_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`tasks` text DEFAULT '[]' NOT NULL,
	`stage` text NOT NULL,
	`type` text NOT NULL,
	`cluster` text NOT NULL,
	`onet_soc` text,
	`skills` text DEFAULT '[]' NOT NULL,
	`technical_skills` text DEFAULT '[]' NOT NULL,
	`compensation_type` text DEFAULT 'unpaid' NOT NULL,
	`compensation_cents` integer,
	`mode` text NOT NULL,
	`location_name` text,
	`address` text,
	`city` text,
	`state` text,
	`postal_code` text,
	`lat` real,
	`lng` real,
	`transit_accessible` integer DEFAULT false NOT NULL,
	`transit_notes` text,
	`grade_min` integer DEFAULT 9 NOT NULL,
	`grade_max` integer DEFAULT 12 NOT NULL,
	`min_age` integer,
	`capacity` integer DEFAULT 1 NOT NULL,
	`schedule` text,
	`time_slots` text DEFAULT '[]' NOT NULL,
	`hours_per_week` real,
	`starts_on` text,
	`ends_on` text,
	`application_deadline` text,
	`requires_background_check` integer DEFAULT false NOT NULL,
	`requires_guardian_consent` integer DEFAULT true NOT NULL,
	`required_documents` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "opportunities_stage" CHECK("stage" IN ('awareness', 'exploration', 'preparation', 'training')),
	CONSTRAINT "opportunities_type" CHECK("type" IN ('career_fair', 'guest_speaker', 'virtual_career_talk', 'career_day', 'worksite_tour', 'job_shadowing', 'informational_interview', 'mentorship', 'paid_internship', 'unpaid_internship', 'clinical_work', 'service_learning', 'school_based_enterprise', 'industry_project', 'cooperative_education', 'simulated_worksite', 'entrepreneurship', 'pre_apprenticeship', 'apprenticeship', 'supervised_agricultural_experience', 'other')),
	CONSTRAINT "opportunities_cluster" CHECK("cluster" IN ('advanced_manufacturing', 'agriculture', 'arts_entertainment_design', 'construction', 'digital_technology', 'education', 'energy_natural_resources', 'financial_services', 'healthcare_human_services', 'hospitality_events_tourism', 'management_entrepreneurship', 'marketing_sales', 'public_service_safety', 'supply_chain_transportation')),
	CONSTRAINT "opportunities_compensation" CHECK("compensation_type" IN ('unpaid', 'stipend', 'hourly')),
	CONSTRAINT "opportunities_mode" CHECK("mode" IN ('in_person', 'virtual', 'hybrid')),
	CONSTRAINT "opportunities_status" CHECK("status" IN ('draft', 'pending_review', 'published', 'closed', 'archived'))
);
--> statement-breakpoint
INSERT INTO `opportunities` (`seq`, `id`, `tenant_id`, `employer_id`, `title`, `description`, `tasks`, `stage`, `type`, `cluster`, `onet_soc`, `skills`, `technical_skills`, `compensation_type`, `compensation_cents`, `mode`, `location_name`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `transit_accessible`, `transit_notes`, `grade_min`, `grade_max`, `min_age`, `capacity`, `schedule`, `time_slots`, `hours_per_week`, `starts_on`, `ends_on`, `application_deadline`, `requires_background_check`, `requires_guardian_consent`, `required_documents`, `status`, `published_at`, `created_at`, `updated_at`) SELECT `seq`, `id`, `tenant_id`, `employer_id`, `title`, `description`, `tasks`, `stage`, `type`, `cluster`, `onet_soc`, `skills`, `technical_skills`, `compensation_type`, `compensation_cents`, `mode`, `location_name`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `transit_accessible`, `transit_notes`, `grade_min`, `grade_max`, `min_age`, `capacity`, `schedule`, `time_slots`, `hours_per_week`, `starts_on`, `ends_on`, `application_deadline`, `requires_background_check`, `requires_guardian_consent`, `required_documents`, `status`, `published_at`, `created_at`, `updated_at` FROM `opportunities__old`;
--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'opportunities__old') WHERE name = 'opportunities' AND seq < (SELECT seq FROM sqlite_sequence WHERE name = 'opportunities__old');
--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT 'opportunities', seq FROM sqlite_sequence WHERE name = 'opportunities__old' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'opportunities');
--> statement-breakpoint
CREATE INDEX `opportunities_deadline` ON `opportunities` (`tenant_id`, `status`, coalesce(`application_deadline`, '9999-12-31'), `seq`);
--> statement-breakpoint
CREATE INDEX `opportunities_employer` ON `opportunities` (`employer_id`);
--> statement-breakpoint
CREATE INDEX `opportunities_facets` ON `opportunities` (`tenant_id`,`status`,`stage`,`cluster`,`type`);
--> statement-breakpoint
CREATE INDEX `opportunities_geo` ON `opportunities` (`tenant_id`,`status`,`lat`,`lng`);
--> statement-breakpoint
CREATE UNIQUE INDEX `opportunities_id` ON `opportunities` (`id`);
--> statement-breakpoint
CREATE INDEX `opportunities_newest` ON `opportunities` (`tenant_id`, `status`, coalesce(`published_at`, ''), `seq`);
--> statement-breakpoint
ALTER TABLE `opportunity_shares` RENAME TO `opportunity_shares__old`;
--> statement-breakpoint
CREATE TABLE `opportunity_shares` (
	`opportunity_seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `opportunity_seq`),
	FOREIGN KEY (`opportunity_seq`) REFERENCES `opportunities`(`seq`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `opportunity_shares` (`opportunity_seq`, `tenant_id`) SELECT `opportunity_seq`, `tenant_id` FROM `opportunity_shares__old`;
--> statement-breakpoint
DROP INDEX `events_range`;
--> statement-breakpoint
ALTER TABLE `events` RENAME TO `events__old`;
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`school_id` text,
	`employer_id` text,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`all_day` integer DEFAULT false NOT NULL,
	`time_zone` text NOT NULL,
	`location_name` text,
	`address` text,
	`city` text,
	`state` text,
	`postal_code` text,
	`lat` real,
	`lng` real,
	`virtual_url` text,
	`accessibility_notes` text,
	`audiences` text DEFAULT '[]' NOT NULL,
	`grade_min` integer,
	`grade_max` integer,
	`clusters` text DEFAULT '[]' NOT NULL,
	`capacity` integer,
	`registration_required` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_type" CHECK("type" IN ('career_fair', 'guest_speaker', 'virtual_panel', 'industry_tour', 'family_night', 'career_day', 'workshop', 'info_session')),
	CONSTRAINT "events_status" CHECK("status" IN ('scheduled', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `events` (`id`, `tenant_id`, `school_id`, `employer_id`, `type`, `title`, `description`, `starts_at`, `ends_at`, `all_day`, `time_zone`, `location_name`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `virtual_url`, `accessibility_notes`, `audiences`, `grade_min`, `grade_max`, `clusters`, `capacity`, `registration_required`, `status`, `sequence`, `created_at`, `updated_at`) SELECT `id`, `tenant_id`, `school_id`, `employer_id`, `type`, `title`, `description`, `starts_at`, `ends_at`, `all_day`, `time_zone`, `location_name`, `address`, `city`, `state`, `postal_code`, `lat`, `lng`, `virtual_url`, `accessibility_notes`, `audiences`, `grade_min`, `grade_max`, `clusters`, `capacity`, `registration_required`, `status`, `sequence`, `created_at`, `updated_at` FROM `events__old`;
--> statement-breakpoint
CREATE INDEX `events_range` ON `events` (`tenant_id`,`starts_at`);
--> statement-breakpoint
DROP INDEX `rsvps_cancel`;
--> statement-breakpoint
DROP INDEX `rsvps_event`;
--> statement-breakpoint
ALTER TABLE `rsvps` RENAME TO `rsvps__old`;
--> statement-breakpoint
CREATE TABLE `rsvps` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`event_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`party_size` integer DEFAULT 1 NOT NULL,
	`grade` integer,
	`status` text NOT NULL,
	`cancel_token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rsvps_role" CHECK("role" IN ('student', 'family', 'educator')),
	CONSTRAINT "rsvps_status" CHECK("status" IN ('confirmed', 'waitlisted', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `rsvps` (`id`, `tenant_id`, `event_id`, `name`, `email`, `role`, `party_size`, `grade`, `status`, `cancel_token_hash`, `created_at`, `updated_at`) SELECT `id`, `tenant_id`, `event_id`, `name`, `email`, `role`, `party_size`, `grade`, `status`, `cancel_token_hash`, `created_at`, `updated_at` FROM `rsvps__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `rsvps_cancel` ON `rsvps` (`cancel_token_hash`);
--> statement-breakpoint
CREATE INDEX `rsvps_event` ON `rsvps` (`event_id`,`status`,`created_at`);
--> statement-breakpoint
DROP INDEX `host_offers_queue`;
--> statement-breakpoint
DROP INDEX `host_offers_reference`;
--> statement-breakpoint
ALTER TABLE `host_offers` RENAME TO `host_offers__old`;
--> statement-breakpoint
CREATE TABLE `host_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`site_id` text,
	`reference` text NOT NULL,
	`payload` text NOT NULL,
	`terms_version` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`review_message` text,
	`employer_id` text,
	`opportunity_id` text,
	`reviewed_by` text,
	`reviewed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "host_offers_status" CHECK("status" IN ('pending', 'approved', 'returned', 'declined'))
);
--> statement-breakpoint
INSERT INTO `host_offers` (`id`, `tenant_id`, `site_id`, `reference`, `payload`, `terms_version`, `status`, `review_message`, `employer_id`, `opportunity_id`, `reviewed_by`, `reviewed_at`, `created_at`) SELECT `id`, `tenant_id`, `site_id`, `reference`, `payload`, `terms_version`, `status`, `review_message`, `employer_id`, `opportunity_id`, `reviewed_by`, `reviewed_at`, `created_at` FROM `host_offers__old`;
--> statement-breakpoint
CREATE INDEX `host_offers_queue` ON `host_offers` (`tenant_id`,`status`,`created_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `host_offers_reference` ON `host_offers` (`reference`);
--> statement-breakpoint
DROP INDEX `students_number`;
--> statement-breakpoint
DROP INDEX `students_school`;
--> statement-breakpoint
ALTER TABLE `students` RENAME TO `students__old`;
--> statement-breakpoint
CREATE TABLE `students` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`school_id` text,
	`student_number` text NOT NULL,
	`preferred_name` text NOT NULL,
	`grade` integer NOT NULL,
	`birth_year` integer,
	`under_13` integer DEFAULT false NOT NULL,
	`guardian_name` text,
	`guardian_email` text,
	`email` text,
	`student_groups` text DEFAULT '[]' NOT NULL,
	`concentrator` integer DEFAULT false NOT NULL,
	`access_code_hash` text,
	`show_name_on_badges` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `students` (`id`, `tenant_id`, `school_id`, `student_number`, `preferred_name`, `grade`, `birth_year`, `under_13`, `guardian_name`, `guardian_email`, `email`, `student_groups`, `concentrator`, `access_code_hash`, `show_name_on_badges`, `created_at`, `updated_at`) SELECT `id`, `tenant_id`, `school_id`, `student_number`, `preferred_name`, `grade`, `birth_year`, `under_13`, `guardian_name`, `guardian_email`, `email`, `student_groups`, `concentrator`, `access_code_hash`, `show_name_on_badges`, `created_at`, `updated_at` FROM `students__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `students_number` ON `students` (`tenant_id`,`student_number`);
--> statement-breakpoint
CREATE INDEX `students_school` ON `students` (`tenant_id`,`school_id`);
--> statement-breakpoint
DROP INDEX `applications_once`;
--> statement-breakpoint
DROP INDEX `applications_opportunity`;
--> statement-breakpoint
DROP INDEX `applications_pipeline`;
--> statement-breakpoint
DROP INDEX `applications_reference`;
--> statement-breakpoint
ALTER TABLE `applications` RENAME TO `applications__old`;
--> statement-breakpoint
CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`reference` text NOT NULL,
	`student_id` text NOT NULL,
	`opportunity_id` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`statement` text,
	`availability` text,
	`transportation` text,
	`accommodations` text,
	`guardian_name` text,
	`guardian_email` text,
	`consents` text DEFAULT '{}' NOT NULL,
	`supervisor_user_id` text,
	`started_on` text,
	`completed_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opportunity_id`) REFERENCES `opportunities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "applications_status" CHECK("status" IN ('submitted', 'under_review', 'offered', 'accepted', 'confirmed', 'active', 'completed', 'declined', 'withdrawn', 'cancelled')),
	CONSTRAINT "applications_transportation" CHECK("transportation" IN ('own', 'public_transit', 'needs_help'))
);
--> statement-breakpoint
INSERT INTO `applications` (`id`, `tenant_id`, `reference`, `student_id`, `opportunity_id`, `status`, `statement`, `availability`, `transportation`, `accommodations`, `guardian_name`, `guardian_email`, `consents`, `supervisor_user_id`, `started_on`, `completed_on`, `created_at`, `updated_at`) SELECT `id`, `tenant_id`, `reference`, `student_id`, `opportunity_id`, `status`, `statement`, `availability`, `transportation`, `accommodations`, `guardian_name`, `guardian_email`, `consents`, `supervisor_user_id`, `started_on`, `completed_on`, `created_at`, `updated_at` FROM `applications__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_once` ON `applications` (`student_id`,`opportunity_id`);
--> statement-breakpoint
CREATE INDEX `applications_opportunity` ON `applications` (`opportunity_id`);
--> statement-breakpoint
CREATE INDEX `applications_pipeline` ON `applications` (`tenant_id`,`status`,`created_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_reference` ON `applications` (`reference`);
--> statement-breakpoint
DROP INDEX `application_events_application`;
--> statement-breakpoint
ALTER TABLE `application_events` RENAME TO `application_events__old`;
--> statement-breakpoint
CREATE TABLE `application_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`note` text,
	`actor_user_id` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "application_events_from" CHECK("from_status" IN ('submitted', 'under_review', 'offered', 'accepted', 'confirmed', 'active', 'completed', 'declined', 'withdrawn', 'cancelled')),
	CONSTRAINT "application_events_to" CHECK("to_status" IN ('submitted', 'under_review', 'offered', 'accepted', 'confirmed', 'active', 'completed', 'declined', 'withdrawn', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `application_events` (`id`, `tenant_id`, `application_id`, `from_status`, `to_status`, `note`, `actor_user_id`, `at`) SELECT `id`, `tenant_id`, `application_id`, `from_status`, `to_status`, `note`, `actor_user_id`, `at` FROM `application_events__old`;
--> statement-breakpoint
CREATE INDEX `application_events_application` ON `application_events` (`application_id`,`at`);
--> statement-breakpoint
DROP INDEX `agreement_texts_version`;
--> statement-breakpoint
ALTER TABLE `agreement_texts` RENAME TO `agreement_texts__old`;
--> statement-breakpoint
CREATE TABLE `agreement_texts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`version` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agreement_texts_kind" CHECK("kind" IN ('training_agreement', 'host_terms'))
);
--> statement-breakpoint
INSERT INTO `agreement_texts` (`id`, `tenant_id`, `kind`, `version`, `body`, `created_at`) SELECT `id`, `tenant_id`, `kind`, `version`, `body`, `created_at` FROM `agreement_texts__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_texts_version` ON `agreement_texts` (`tenant_id`,`kind`,`version`);
--> statement-breakpoint
DROP INDEX `agreements_role`;
--> statement-breakpoint
DROP INDEX `agreements_token`;
--> statement-breakpoint
ALTER TABLE `agreements` RENAME TO `agreements__old`;
--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`role` text NOT NULL,
	`text_version` text NOT NULL,
	`sign_token_hash` text,
	`sent_to` text,
	`signed_by_user_id` text,
	`signer_name` text,
	`signed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`signed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "agreements_role_check" CHECK("role" IN ('student', 'guardian', 'supervisor', 'coordinator'))
);
--> statement-breakpoint
INSERT INTO `agreements` (`id`, `tenant_id`, `application_id`, `role`, `text_version`, `sign_token_hash`, `signer_name`, `signed_at`, `created_at`, `sent_to`, `signed_by_user_id`) SELECT `id`, `tenant_id`, `application_id`, `role`, `text_version`, `sign_token_hash`, `signer_name`, `signed_at`, `created_at`, `sent_to`, `signed_by_user_id` FROM `agreements__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_role` ON `agreements` (`application_id`,`role`);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_token` ON `agreements` (`sign_token_hash`);
--> statement-breakpoint
DROP INDEX `hour_logs_application`;
--> statement-breakpoint
ALTER TABLE `hour_logs` RENAME TO `hour_logs__old`;
--> statement-breakpoint
CREATE TABLE `hour_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`worked_on` text NOT NULL,
	`hours` real NOT NULL,
	`activity` text NOT NULL,
	`logged_by` text NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "hour_logs_logged_by" CHECK("logged_by" IN ('student', 'supervisor', 'coordinator'))
);
--> statement-breakpoint
INSERT INTO `hour_logs` (`id`, `tenant_id`, `application_id`, `worked_on`, `hours`, `activity`, `logged_by`, `approved_by`, `approved_at`, `created_at`) SELECT `id`, `tenant_id`, `application_id`, `worked_on`, `hours`, `activity`, `logged_by`, `approved_by`, `approved_at`, `created_at` FROM `hour_logs__old`;
--> statement-breakpoint
CREATE INDEX `hour_logs_application` ON `hour_logs` (`application_id`,`worked_on`);
--> statement-breakpoint
DROP INDEX `evaluations_phase`;
--> statement-breakpoint
ALTER TABLE `evaluations` RENAME TO `evaluations__old`;
--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`phase` text NOT NULL,
	`ratings` text NOT NULL,
	`comments` text,
	`evaluator_user_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evaluator_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evaluations_phase_check" CHECK("phase" IN ('midpoint', 'final'))
);
--> statement-breakpoint
INSERT INTO `evaluations` (`id`, `tenant_id`, `application_id`, `phase`, `ratings`, `comments`, `evaluator_user_id`, `created_at`) SELECT `id`, `tenant_id`, `application_id`, `phase`, `ratings`, `comments`, `evaluator_user_id`, `created_at` FROM `evaluations__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_phase` ON `evaluations` (`application_id`,`phase`);
--> statement-breakpoint
DROP INDEX `achievements_tenant`;
--> statement-breakpoint
ALTER TABLE `achievements` RENAME TO `achievements__old`;
--> statement-breakpoint
CREATE TABLE `achievements` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`criteria` text NOT NULL,
	`image` text,
	`achievement_type` text DEFAULT 'Competency' NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`cluster` text,
	`onet_soc` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL, `onet_title` text, `updated_at` text DEFAULT '1970-01-01T00:00:00.000Z' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `achievements` (`id`, `tenant_id`, `name`, `description`, `criteria`, `image`, `achievement_type`, `skills`, `cluster`, `onet_soc`, `created_at`, `onet_title`, `updated_at`) SELECT `id`, `tenant_id`, `name`, `description`, `criteria`, `image`, `achievement_type`, `skills`, `cluster`, `onet_soc`, `created_at`, `onet_title`, `updated_at` FROM `achievements__old`;
--> statement-breakpoint
CREATE INDEX `achievements_tenant` ON `achievements` (`tenant_id`);
--> statement-breakpoint
DROP INDEX `issuer_keys_tenant`;
--> statement-breakpoint
ALTER TABLE `issuer_keys` RENAME TO `issuer_keys__old`;
--> statement-breakpoint
CREATE TABLE `issuer_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk_encrypted` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `issuer_keys` (`kid`, `tenant_id`, `public_jwk`, `private_jwk_encrypted`, `created_at`) SELECT `kid`, `tenant_id`, `public_jwk`, `private_jwk_encrypted`, `created_at` FROM `issuer_keys__old`;
--> statement-breakpoint
CREATE INDEX `issuer_keys_tenant` ON `issuer_keys` (`tenant_id`);
--> statement-breakpoint
DROP INDEX `credentials_once`;
--> statement-breakpoint
DROP INDEX `credentials_status_index`;
--> statement-breakpoint
DROP INDEX `credentials_student`;
--> statement-breakpoint
ALTER TABLE `credentials` RENAME TO `credentials__old`;
--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`achievement_id` text NOT NULL,
	`application_id` text,
	`student_id` text,
	`status_list_index` integer NOT NULL,
	`jwt` text NOT NULL,
	`credential` text NOT NULL,
	`issued_at` text NOT NULL,
	`revoked_at` text,
	`revocation_reason` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`achievement_id`) REFERENCES `achievements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `credentials` (`id`, `tenant_id`, `achievement_id`, `application_id`, `student_id`, `status_list_index`, `jwt`, `credential`, `issued_at`, `revoked_at`, `revocation_reason`) SELECT `id`, `tenant_id`, `achievement_id`, `application_id`, `student_id`, `status_list_index`, `jwt`, `credential`, `issued_at`, `revoked_at`, `revocation_reason` FROM `credentials__old`;
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_once` ON `credentials` (`achievement_id`,`application_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_status_index` ON `credentials` (`tenant_id`,`status_list_index`);
--> statement-breakpoint
CREATE INDEX `credentials_student` ON `credentials` (`student_id`);
--> statement-breakpoint
DROP INDEX `outbox_tenant`;
--> statement-breakpoint
ALTER TABLE `outbox` RENAME TO `outbox__old`;
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`related_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL, `sealed_link` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `outbox` (`id`, `tenant_id`, `recipient`, `subject`, `body`, `related_id`, `created_at`, `sealed_link`) SELECT `id`, `tenant_id`, `recipient`, `subject`, `body`, `related_id`, `created_at`, `sealed_link` FROM `outbox__old`;
--> statement-breakpoint
CREATE INDEX `outbox_tenant` ON `outbox` (`tenant_id`,`created_at`);
--> statement-breakpoint
DROP INDEX `audit_entity`;
--> statement-breakpoint
DROP INDEX `audit_tenant`;
--> statement-breakpoint
ALTER TABLE `audit_log` RENAME TO `audit_log__old`;
--> statement-breakpoint
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
	CONSTRAINT "audit_actor_type" CHECK("actor_type" IN ('user', 'site', 'signer', 'system'))
);
--> statement-breakpoint
INSERT INTO `audit_log` (`id`, `tenant_id`, `actor_type`, `actor_id`, `action`, `entity`, `entity_id`, `detail`, `at`) SELECT `id`, `tenant_id`, `actor_type`, `actor_id`, `action`, `entity`, `entity_id`, `detail`, `at` FROM `audit_log__old`;
--> statement-breakpoint
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log__old') WHERE name = 'audit_log' AND seq < (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log__old');
--> statement-breakpoint
INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_log', seq FROM sqlite_sequence WHERE name = 'audit_log__old' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'audit_log');
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);
--> statement-breakpoint
CREATE INDEX `audit_tenant` ON `audit_log` (`tenant_id`,`at`);
--> statement-breakpoint
DROP TABLE `audit_log__old`;
--> statement-breakpoint
DROP TABLE `outbox__old`;
--> statement-breakpoint
DROP TABLE `credentials__old`;
--> statement-breakpoint
DROP TABLE `issuer_keys__old`;
--> statement-breakpoint
DROP TABLE `achievements__old`;
--> statement-breakpoint
DROP TABLE `evaluations__old`;
--> statement-breakpoint
DROP TABLE `hour_logs__old`;
--> statement-breakpoint
DROP TABLE `agreements__old`;
--> statement-breakpoint
DROP TABLE `agreement_texts__old`;
--> statement-breakpoint
DROP TABLE `application_events__old`;
--> statement-breakpoint
DROP TABLE `applications__old`;
--> statement-breakpoint
DROP TABLE `students__old`;
--> statement-breakpoint
DROP TABLE `host_offers__old`;
--> statement-breakpoint
DROP TABLE `rsvps__old`;
--> statement-breakpoint
DROP TABLE `events__old`;
--> statement-breakpoint
DROP TABLE `opportunity_shares__old`;
--> statement-breakpoint
DROP TABLE `opportunities__old`;
--> statement-breakpoint
DROP TABLE `sessions__old`;
--> statement-breakpoint
DROP TABLE `users__old`;
--> statement-breakpoint
DROP TABLE `employers__old`;
--> statement-breakpoint
DROP TABLE `sites__old`;
--> statement-breakpoint
DROP TABLE `schools__old`;
--> statement-breakpoint
DROP TABLE `tenants__old`;
--> statement-breakpoint
CREATE TRIGGER `employers_fts_name` AFTER UPDATE OF name ON `employers` BEGIN
  UPDATE opportunities_fts SET employer_name = new.name
    WHERE rowid IN (SELECT seq FROM opportunities WHERE employer_id = new.id);
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_ad` AFTER DELETE ON `opportunities` BEGIN
  DELETE FROM opportunities_fts WHERE rowid = old.seq;
  UPDATE tenants SET data_version = data_version + 1 WHERE id = old.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_ai` AFTER INSERT ON `opportunities` BEGIN
  INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope) VALUES (
    new.seq, new.title, new.description,
    (SELECT group_concat(value, ' ') FROM json_each(new.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(new.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = new.employer_id),
    CASE WHEN new.status = 'published' THEN 'p' || lower(hex(new.tenant_id)) ELSE 'x' END
  );
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_au` AFTER UPDATE ON `opportunities` BEGIN
  DELETE FROM opportunities_fts WHERE rowid = old.seq;
  INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope) VALUES (
    new.seq, new.title, new.description,
    (SELECT group_concat(value, ' ') FROM json_each(new.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(new.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = new.employer_id),
    CASE WHEN new.status = 'published' THEN 'p' || lower(hex(new.tenant_id)) ELSE 'x' END
  );
  UPDATE tenants SET data_version = data_version + 1
    WHERE id IN (old.tenant_id, new.tenant_id)
       OR id IN (SELECT tenant_id FROM opportunity_shares WHERE opportunity_seq = new.seq);
END;
--> statement-breakpoint
CREATE TRIGGER `opportunity_shares_ad` AFTER DELETE ON `opportunity_shares` BEGIN
  UPDATE tenants SET data_version = data_version + 1 WHERE id = old.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunity_shares_ai` AFTER INSERT ON `opportunity_shares` BEGIN
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
