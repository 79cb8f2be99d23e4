CREATE TABLE `path_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`path_slug` text NOT NULL,
	`target_type` text NOT NULL,
	`target_user_id` text,
	`target_org_unit_id` text,
	`target_role` text,
	`due_date` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "path_assignments_target_check" CHECK((target_type = 'user' and target_user_id is not null) or (target_type = 'org_unit' and target_org_unit_id is not null) or (target_type = 'role' and target_role is not null))
);
--> statement-breakpoint
CREATE INDEX `path_assignments_path_idx` ON `path_assignments` (`path_slug`);--> statement-breakpoint
CREATE INDEX `path_assignments_user_idx` ON `path_assignments` (`target_user_id`);--> statement-breakpoint
CREATE INDEX `path_assignments_org_unit_idx` ON `path_assignments` (`target_org_unit_id`);--> statement-breakpoint
CREATE TABLE `path_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`user_id` text NOT NULL,
	`path_slug` text NOT NULL,
	`path_title` text NOT NULL,
	`path_description` text NOT NULL,
	`holder_name` text NOT NULL,
	`staff_number` text,
	`locale` text NOT NULL,
	`hours` real NOT NULL,
	`modules` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `path_certificates_code_unique` ON `path_certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `path_certificates_user_path_unique` ON `path_certificates` (`user_id`,`path_slug`);--> statement-breakpoint
CREATE INDEX `path_certificates_issued_idx` ON `path_certificates` (`issued_at`);