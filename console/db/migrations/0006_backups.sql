CREATE TABLE `backups` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`trigger` text NOT NULL,
	`dir` text NOT NULL,
	`ok` integer NOT NULL,
	`files` integer,
	`bytes` integer,
	`manifest_sha256` text,
	`audit_head` text,
	`audit_entries` integer,
	`duration_ms` integer NOT NULL,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `backups_ok_finished_idx` ON `backups` (`ok`,`finished_at`);