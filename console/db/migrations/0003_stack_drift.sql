CREATE TABLE `stack_drift` (
	`stack` text PRIMARY KEY NOT NULL,
	`checked_at` text NOT NULL,
	`drifted` integer NOT NULL,
	`detail` text NOT NULL
);
