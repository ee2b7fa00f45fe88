ALTER TABLE `hosting_requests` ADD `draft` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `title_en` text;