CREATE TABLE `corrective_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`finding_id` text NOT NULL,
	`description` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`evidence_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`completed_at` text,
	`version` integer NOT NULL,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrective_actions_finding_idx` ON `corrective_actions` (`finding_id`);--> statement-breakpoint
CREATE INDEX `corrective_actions_due_idx` ON `corrective_actions` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `security_event_anchor` (
	`id` integer PRIMARY KEY NOT NULL,
	`pruned_through_seq` integer NOT NULL,
	`head_hash` text NOT NULL,
	`pruned_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `security_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`address` text,
	`target` text,
	`detail` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `security_events_at_idx` ON `security_events` (`at`);--> statement-breakpoint
CREATE INDEX `security_events_kind_idx` ON `security_events` (`kind`,`at`);--> statement-breakpoint
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
	`root_cause` text,
	`corrective_action` text,
	`owner` text,
	`due_date` text,
	`raised_by_id` text,
	`raised_at` text NOT NULL,
	`closure_proposed_by_id` text,
	`closure_proposed_at` text,
	`closure_evidence_version_id` text,
	`closed_by_check` text,
	`reopened_count` integer DEFAULT 0 NOT NULL,
	`closed_by_id` text,
	`closed_at` text,
	`closing_evidence_version_id` text,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`raised_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closure_proposed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closure_evidence_version_id`) REFERENCES `evidence_versions`(`id`) ON UPDATE no action ON DELETE no action,
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
CREATE UNIQUE INDEX `findings_system_subject_idx` ON `findings` (`source`,`subject`) WHERE origin = 'system';--> statement-breakpoint
ALTER TABLE `control_status` ADD `justification_reason` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `content_sha256` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `produced_by` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `last_checked_at` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `last_checked_by` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `check_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A reviewed version stays as reviewed; the one exception is automatic evidence found unchanged by a
-- later run, which records the re-check (when, by what, how often) and extends its validity.
DROP TRIGGER `evidence_versions_reviewed_immutable`;--> statement-breakpoint
CREATE TRIGGER evidence_versions_reviewed_immutable BEFORE UPDATE ON evidence_versions
WHEN OLD.review_status <> 'pending' AND NOT (
  (SELECT kind FROM evidence WHERE id = OLD.evidence_id) = 'automatic'
  AND NEW.id IS OLD.id AND NEW.evidence_id IS OLD.evidence_id AND NEW.version IS OLD.version AND NEW.file_sha256 IS OLD.file_sha256 AND NEW.file_size IS OLD.file_size AND NEW.file_name IS OLD.file_name AND NEW.content_type IS OLD.content_type AND NEW.url IS OLD.url AND NEW.note IS OLD.note AND NEW.effective_at IS OLD.effective_at AND NEW.uploaded_by IS OLD.uploaded_by AND NEW.uploaded_by_id IS OLD.uploaded_by_id AND NEW.uploaded_at IS OLD.uploaded_at AND NEW.review_status IS OLD.review_status AND NEW.reviewed_by_id IS OLD.reviewed_by_id AND NEW.reviewed_at IS OLD.reviewed_at AND NEW.review_comment IS OLD.review_comment AND NEW.metadata IS OLD.metadata AND NEW.content_sha256 IS OLD.content_sha256 AND NEW.produced_by IS OLD.produced_by
)
BEGIN
  SELECT RAISE(ABORT, 'a reviewed evidence version cannot be changed');
END;