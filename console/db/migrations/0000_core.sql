CREATE TABLE `ministries` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`quota_vcpu` real NOT NULL,
	`quota_memory_mb` integer NOT NULL,
	`quota_storage_gb` integer NOT NULL,
	`quota_environments` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ministries_code_unique` ON `ministries` (`code`);--> statement-breakpoint
CREATE TABLE `hosts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`docker_host` text NOT NULL,
	`vcpu` real NOT NULL,
	`memory_mb` integer NOT NULL,
	`storage_gb` integer NOT NULL,
	`power_feed` text NOT NULL,
	`zone` text NOT NULL,
	`schedulable` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hosts_name_unique` ON `hosts` (`name`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`ministry_id` text,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`ministry_id`) REFERENCES `ministries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_ministry_idx` ON `users` (`ministry_id`);--> statement-breakpoint
CREATE TABLE `hosting_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`ministry_id` text NOT NULL,
	`environment_name` text NOT NULL,
	`purpose` text NOT NULL,
	`classification` text NOT NULL,
	`exposure` text NOT NULL,
	`availability` text NOT NULL,
	`backup_policy` text NOT NULL,
	`backup_retention_days` integer NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	`created_by` text NOT NULL,
	`submitted_by` text,
	`decided_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_at` text,
	`decided_at` text,
	`activated_at` text,
	`decommissioned_at` text,
	FOREIGN KEY (`ministry_id`) REFERENCES `ministries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hosting_requests_reference_unique` ON `hosting_requests` (`reference`);--> statement-breakpoint
CREATE INDEX `hosting_requests_ministry_state_idx` ON `hosting_requests` (`ministry_id`,`state`);--> statement-breakpoint
CREATE INDEX `hosting_requests_state_idx` ON `hosting_requests` (`state`);--> statement-breakpoint
CREATE INDEX `hosting_requests_created_idx` ON `hosting_requests` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `placements` (
	`request_id` text NOT NULL,
	`service_name` text NOT NULL,
	`replica` integer NOT NULL,
	`host_id` text NOT NULL,
	`vcpu` real NOT NULL,
	`memory_mb` integer NOT NULL,
	`storage_gb` integer NOT NULL,
	PRIMARY KEY(`request_id`, `service_name`, `replica`),
	FOREIGN KEY (`request_id`) REFERENCES `hosting_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_id`) REFERENCES `hosts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placements_host_idx` ON `placements` (`host_id`);--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`request_id`) REFERENCES `hosting_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_events_request_idx` ON `request_events` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `request_services` (
	`request_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`image` text NOT NULL,
	`vcpu` real NOT NULL,
	`memory_mb` integer NOT NULL,
	`storage_gb` integer NOT NULL,
	`ports` text NOT NULL,
	`healthcheck` text NOT NULL,
	`replicas` integer NOT NULL,
	PRIMARY KEY(`request_id`, `position`),
	FOREIGN KEY (`request_id`) REFERENCES `hosting_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`ministry_id` text,
	`before` text,
	`after` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_ministry_idx` ON `audit_log` (`ministry_id`);