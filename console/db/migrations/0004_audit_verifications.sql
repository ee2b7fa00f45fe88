CREATE TABLE `audit_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`ok` integer NOT NULL,
	`entries` integer NOT NULL,
	`head_hash` text NOT NULL,
	`first_broken_seq` integer,
	`reason` text,
	`duration_ms` integer NOT NULL
);
