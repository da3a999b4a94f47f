ALTER TABLE `agreements` ADD `sent_to` text;--> statement-breakpoint
ALTER TABLE `agreements` ADD `signed_by_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `outbox` ADD `sealed_link` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `report_min_cell` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `idempotency_keys_age` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE INDEX `rate_counters_window` ON `rate_counters` (`window_start`);--> statement-breakpoint
CREATE INDEX `sessions_expiry` ON `sessions` (`expires_at`);