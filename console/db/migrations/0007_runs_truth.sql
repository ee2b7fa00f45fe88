PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`grade` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`corrective_action` text,
	`owner` text,
	`due_date` text,
	`origin` text DEFAULT 'person' NOT NULL,
	`source` text,
	`subject` text,
	`raised_by_id` text,
	`raised_at` text NOT NULL,
	`closed_by_id` text,
	`closed_at` text,
	`closing_evidence_version_id` text,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`raised_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closing_evidence_version_id`) REFERENCES `evidence_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_findings`("id", "reference", "grade", "title", "description", "status", "corrective_action", "owner", "due_date", "origin", "source", "subject", "raised_by_id", "raised_at", "closed_by_id", "closed_at", "closing_evidence_version_id", "updated_at", "version") SELECT "id", "reference", "grade", "title", "description", "status", "corrective_action", "owner", "due_date", 'person', NULL, NULL, "raised_by_id", "raised_at", "closed_by_id", "closed_at", "closing_evidence_version_id", "updated_at", "version" FROM `findings`;--> statement-breakpoint
DROP TABLE `findings`;--> statement-breakpoint
ALTER TABLE `__new_findings` RENAME TO `findings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `findings_reference_unique` ON `findings` (`reference`);--> statement-breakpoint
CREATE INDEX `findings_status_idx` ON `findings` (`status`,`grade`);--> statement-breakpoint
CREATE UNIQUE INDEX `findings_system_open_idx` ON `findings` (`source`,`subject`) WHERE origin = 'system' AND status <> 'closed';--> statement-breakpoint
ALTER TABLE `hosting_requests` ADD `activated_by_run_id` text;--> statement-breakpoint
ALTER TABLE `hosting_requests` ADD `decommissioned_by_run_id` text;--> statement-breakpoint
ALTER TABLE `hosting_requests` ADD `activation_override` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `based_on_run_id` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `plan_file_sha256` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `plan_error` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `policy` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `approved_by_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `applied_resources` text;--> statement-breakpoint
ALTER TABLE `apply_runs` ADD `demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `stack_drift` ADD `status` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `stack_drift` ADD `reason` text;