CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`module_slug` text NOT NULL,
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
	CONSTRAINT "assignments_target_check" CHECK((target_type = 'user' and target_user_id is not null) or (target_type = 'org_unit' and target_org_unit_id is not null) or (target_type = 'role' and target_role is not null))
);
--> statement-breakpoint
CREATE INDEX `assignments_module_idx` ON `assignments` (`module_slug`);--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`target_user_id`);--> statement-breakpoint
CREATE INDEX `assignments_org_unit_idx` ON `assignments` (`target_org_unit_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`details` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_events_subject_idx` ON `audit_events` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`user_id` text NOT NULL,
	`attempt_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`module_major_version` integer NOT NULL,
	`module_content_hash` text NOT NULL,
	`module_title` text NOT NULL,
	`holder_name` text NOT NULL,
	`staff_number` text,
	`locale` text NOT NULL,
	`score` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`revoked_reason` text,
	`revoked_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_attempt_unique` ON `certificates` (`attempt_id`);--> statement-breakpoint
CREATE INDEX `certificates_user_module_idx` ON `certificates` (`user_id`,`module_slug`);--> statement-breakpoint
CREATE INDEX `certificates_issued_idx` ON `certificates` (`issued_at`);--> statement-breakpoint
CREATE INDEX `certificates_expires_idx` ON `certificates` (`expires_at`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`user_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`first_opened_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`completed_at` integer,
	`seconds_spent` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `module_slug`, `lesson_slug`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_progress_module_idx` ON `lesson_progress` (`module_slug`);--> statement-breakpoint
CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`first_failure_at` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`parent_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_units_code_unique` ON `org_units` (`code`);--> statement-breakpoint
CREATE INDEX `org_units_parent_idx` ON `org_units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `password_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `password_tokens_user_idx` ON `password_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`module_major_version` integer NOT NULL,
	`module_content_hash` text NOT NULL,
	`draw` text NOT NULL,
	`answers` text,
	`score` integer,
	`passed` integer,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_number_unique` ON `quiz_attempts` (`user_id`,`module_slug`,`attempt_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_one_open` ON `quiz_attempts` (`user_id`,`module_slug`) WHERE submitted_at is null;--> statement-breakpoint
CREATE INDEX `quiz_attempts_module_idx` ON `quiz_attempts` (`module_slug`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`staff_number` text,
	`org_unit_id` text,
	`role` text DEFAULT 'staff' NOT NULL,
	`locale` text,
	`active` integer DEFAULT true NOT NULL,
	`password_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deactivated_at` integer,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_staff_number_unique` ON `users` (`staff_number`) WHERE staff_number is not null;--> statement-breakpoint
CREATE INDEX `users_org_unit_idx` ON `users` (`org_unit_id`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);