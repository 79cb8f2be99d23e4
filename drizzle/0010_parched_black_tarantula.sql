CREATE TABLE `path_open_badges` (
	`path_certificate_id` text PRIMARY KEY NOT NULL,
	`status_index` integer NOT NULL,
	`credential` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`path_certificate_id`) REFERENCES `path_certificates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `path_open_badges_status_index_unique` ON `path_open_badges` (`status_index`);