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
