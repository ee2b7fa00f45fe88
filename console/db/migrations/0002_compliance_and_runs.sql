CREATE TABLE `catalog_controls` (
	`framework_id` text NOT NULL,
	`control_id` text NOT NULL,
	`group_id` text NOT NULL,
	`title_fr` text NOT NULL,
	`title_en` text,
	`level` text,
	`catalog_version` text NOT NULL,
	PRIMARY KEY(`framework_id`, `control_id`)
);
--> statement-breakpoint
CREATE TABLE `control_status` (
	`framework_id` text NOT NULL,
	`control_id` text NOT NULL,
	`applicable` integer NOT NULL,
	`justification` text NOT NULL,
	`implementation` text NOT NULL,
	`owner` text,
	`last_reviewed_at` text,
	`reviewed_by` text,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`framework_id`, `control_id`),
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`source_key` text,
	`ministry_id` text,
	`owner_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`ministry_id`) REFERENCES `ministries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_source_key_idx` ON `evidence` (`source`,`source_key`);--> statement-breakpoint
CREATE TABLE `evidence_controls` (
	`evidence_id` text NOT NULL,
	`framework_id` text NOT NULL,
	`control_id` text NOT NULL,
	PRIMARY KEY(`evidence_id`, `framework_id`, `control_id`),
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_controls_control_idx` ON `evidence_controls` (`framework_id`,`control_id`);--> statement-breakpoint
CREATE TABLE `evidence_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`evidence_id` text NOT NULL,
	`version` integer NOT NULL,
	`file_sha256` text,
	`file_size` integer,
	`file_name` text,
	`content_type` text,
	`url` text,
	`note` text,
	`effective_at` text NOT NULL,
	`expires_at` text,
	`uploaded_by` text NOT NULL,
	`uploaded_by_id` text,
	`uploaded_at` text NOT NULL,
	`review_status` text NOT NULL,
	`reviewed_by_id` text,
	`reviewed_at` text,
	`review_comment` text,
	`metadata` text,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_versions_number_idx` ON `evidence_versions` (`evidence_id`,`version`);--> statement-breakpoint
CREATE INDEX `evidence_versions_review_idx` ON `evidence_versions` (`review_status`);--> statement-breakpoint
CREATE INDEX `evidence_versions_expiry_idx` ON `evidence_versions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `finding_controls` (
	`finding_id` text NOT NULL,
	`framework_id` text NOT NULL,
	`control_id` text NOT NULL,
	PRIMARY KEY(`finding_id`, `framework_id`, `control_id`),
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`grade` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`corrective_action` text,
	`owner` text,
	`due_date` text,
	`raised_by_id` text NOT NULL,
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
CREATE UNIQUE INDEX `findings_reference_unique` ON `findings` (`reference`);--> statement-breakpoint
CREATE INDEX `findings_status_idx` ON `findings` (`status`,`grade`);--> statement-breakpoint
CREATE TABLE `policy_exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`resource` text NOT NULL,
	`reason` text NOT NULL,
	`requested_by_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`approved_by_id` text,
	`approved_by` text,
	`status` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`requested_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_exceptions_status_idx` ON `policy_exceptions` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `policy_results` (
	`run_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`severity` text NOT NULL,
	`address` text NOT NULL,
	`status` text NOT NULL,
	`message` text NOT NULL,
	`exception_id` text,
	PRIMARY KEY(`run_id`, `rule_id`, `address`),
	FOREIGN KEY (`run_id`) REFERENCES `policy_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `policy_results_status_idx` ON `policy_results` (`run_id`,`status`);--> statement-breakpoint
CREATE TABLE `policy_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`trigger` text NOT NULL,
	`spec_sha256` text NOT NULL,
	`report_sha256` text NOT NULL,
	`resource_count` integer NOT NULL,
	`totals` text NOT NULL,
	`blocking` integer NOT NULL,
	`stacks` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `policy_runs_at_idx` ON `policy_runs` (`at`);--> statement-breakpoint
CREATE TABLE `apply_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`stack` text NOT NULL,
	`status` text NOT NULL,
	`operator_id` text,
	`operator` text NOT NULL,
	`spec_sha256` text NOT NULL,
	`stack_sha256` text NOT NULL,
	`stacks` text NOT NULL,
	`plan` text NOT NULL,
	`terraform_plan` text,
	`binary` text,
	`log_tail` text,
	`failure_reason` text,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	FOREIGN KEY (`operator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `apply_runs_stack_idx` ON `apply_runs` (`stack`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `apply_runs_one_applying_idx` ON `apply_runs` (`stack`) WHERE status = 'applying';