CREATE TABLE `open_badges` (
	`certificate_id` text PRIMARY KEY NOT NULL,
	`status_index` integer NOT NULL,
	`credential` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `open_badges_status_index_unique` ON `open_badges` (`status_index`);