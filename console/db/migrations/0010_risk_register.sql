CREATE TABLE `risk_assets` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`owner_id` text NOT NULL,
	`request_id` text,
	`component` text,
	`facility_ref` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `hosting_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_assets_code_unique` ON `risk_assets` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `risk_assets_request_idx` ON `risk_assets` (`request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `risk_assets_component_idx` ON `risk_assets` (`component`);--> statement-breakpoint
CREATE TABLE `risk_controls` (
	`risk_id` text NOT NULL,
	`framework_id` text NOT NULL,
	`control_id` text NOT NULL,
	PRIMARY KEY(`risk_id`, `framework_id`, `control_id`),
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_controls_control_idx` ON `risk_controls` (`framework_id`,`control_id`);--> statement-breakpoint
CREATE TABLE `risk_matrix` (
	`id` text PRIMARY KEY NOT NULL,
	`likelihood` text NOT NULL,
	`impact` text NOT NULL,
	`thresholds` text NOT NULL,
	`max_acceptance_days` integer NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `risks` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`title` text NOT NULL,
	`asset_id` text NOT NULL,
	`threat` text NOT NULL,
	`vulnerability` text NOT NULL,
	`consequence` text NOT NULL,
	`inherent_likelihood` integer NOT NULL,
	`inherent_impact` integer NOT NULL,
	`residual_likelihood` integer,
	`residual_impact` integer,
	`treatment` text,
	`treatment_plan` text,
	`treatment_due_date` text,
	`owner_id` text NOT NULL,
	`created_by_id` text NOT NULL,
	`accepted_by_id` text,
	`accepted_at` text,
	`acceptance_expires_at` text,
	`acceptance_comment` text,
	`acceptance_basis` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `risk_assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risks_reference_unique` ON `risks` (`reference`);--> statement-breakpoint
CREATE INDEX `risks_asset_idx` ON `risks` (`asset_id`);--> statement-breakpoint
CREATE TABLE `imported_catalogs` (
	`framework_id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`catalog_sha256` text NOT NULL,
	`profile_sha256` text,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL
);
