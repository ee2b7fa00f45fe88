ALTER TABLE `request_services` ADD `kind` text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE `request_services` ADD `expose` text;--> statement-breakpoint
-- Services recorded before kinds existed: the stock PostgreSQL image is a database, not a web application.
UPDATE `request_services` SET `kind` = 'postgresql' WHERE `image` LIKE '%/postgres:%' OR `image` LIKE 'postgres:%';
