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
ALTER TABLE `control_status` ADD `justification_reason` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `content_sha256` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `produced_by` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `last_checked_at` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `last_checked_by` text;--> statement-breakpoint
ALTER TABLE `evidence_versions` ADD `check_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `findings` ADD `root_cause` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `closure_proposed_by_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `findings` ADD `closure_proposed_at` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `closure_evidence_version_id` text REFERENCES evidence_versions(id);--> statement-breakpoint
ALTER TABLE `findings` ADD `closed_by_check` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `reopened_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint-- A reviewed version stays as reviewed; the one exception is automatic evidence found unchanged by a
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
