CREATE TABLE `dcim_components` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`inputs` text NOT NULL,
	`input_mode` text,
	`rating_w` real,
	`draw_w` real,
	`modules` integer,
	`redundant_modules` integer,
	`height_u` integer,
	`position_u` integer,
	`area_m2` real,
	`host_name` text,
	`position` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dcim_components_host_name_unique` ON `dcim_components` (`host_name`);--> statement-breakpoint
CREATE INDEX `dcim_components_kind_idx` ON `dcim_components` (`kind`);--> statement-breakpoint
CREATE INDEX `dcim_components_parent_idx` ON `dcim_components` (`parent_id`);--> statement-breakpoint
CREATE TABLE `dcim_readings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`component_id` text NOT NULL,
	`metric` text NOT NULL,
	`value` real NOT NULL,
	`measured_at` text NOT NULL,
	`received_at` text NOT NULL,
	`received_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dcim_readings_latest_idx` ON `dcim_readings` (`component_id`,`metric`,`measured_at`);--> statement-breakpoint
CREATE TABLE `dcim_sweeps` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`trigger` text NOT NULL,
	`components` integer NOT NULL,
	`single_points` integer NOT NULL,
	`clean` integer NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
-- Migrations run in one transaction, where foreign_keys cannot be switched off: dropping findings
-- cascades to finding_controls, so its rows are kept aside and put back.
CREATE TABLE `__keep_finding_controls` AS SELECT * FROM `finding_controls`;--> statement-breakpoint
CREATE TABLE `__new_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`grade` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`origin` text DEFAULT 'person' NOT NULL,
	`source` text,
	`subject` text,
	`corrective_action` text,
	`owner` text,
	`due_date` text,
	`raised_by_id` text,
	`raised_at` text NOT NULL,
	`closed_by_check` text,
	`reopened_count` integer DEFAULT 0 NOT NULL,
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
INSERT INTO `__new_findings`("id", "reference", "grade", "title", "description", "status", "corrective_action", "owner", "due_date", "raised_by_id", "raised_at", "closed_by_id", "closed_at", "closing_evidence_version_id", "updated_at", "version") SELECT "id", "reference", "grade", "title", "description", "status", "corrective_action", "owner", "due_date", "raised_by_id", "raised_at", "closed_by_id", "closed_at", "closing_evidence_version_id", "updated_at", "version" FROM `findings`;--> statement-breakpoint
DROP TABLE `findings`;--> statement-breakpoint
ALTER TABLE `__new_findings` RENAME TO `findings`;--> statement-breakpoint
INSERT OR IGNORE INTO `finding_controls` SELECT * FROM `__keep_finding_controls`;--> statement-breakpoint
DROP TABLE `__keep_finding_controls`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `findings_reference_unique` ON `findings` (`reference`);--> statement-breakpoint
CREATE INDEX `findings_status_idx` ON `findings` (`status`,`grade`);--> statement-breakpoint
CREATE UNIQUE INDEX `findings_system_subject_idx` ON `findings` (`source`,`subject`) WHERE origin = 'system';