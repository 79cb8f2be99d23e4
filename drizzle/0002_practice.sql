CREATE TABLE `mentor_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`mentor_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`org_unit_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_assignments_all_units_unique` ON `mentor_assignments` (`mentor_id`,`module_slug`) WHERE org_unit_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_assignments_unit_unique` ON `mentor_assignments` (`mentor_id`,`module_slug`,`org_unit_id`) WHERE org_unit_id is not null;--> statement-breakpoint
CREATE INDEX `mentor_assignments_module_idx` ON `mentor_assignments` (`module_slug`);--> statement-breakpoint
CREATE TABLE `mentor_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`partner_organisation_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `partner_organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `partner_organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_organisations_name_unique` ON `partner_organisations` (`name`);--> statement-breakpoint
CREATE TABLE `review_claims` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`reviewer_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `task_submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_claims_reviewer_idx` ON `review_claims` (`reviewer_id`);--> statement-breakpoint
CREATE TABLE `submission_files` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`version_id` text,
	`kind` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`extension` text NOT NULL,
	`size` integer NOT NULL,
	`alt_text` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `task_submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `submission_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submission_files_submission_idx` ON `submission_files` (`submission_id`,`version_id`);--> statement-breakpoint
CREATE TABLE `submission_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`version` integer NOT NULL,
	`task_version` integer NOT NULL,
	`rubric_hash` text NOT NULL,
	`text` text,
	`link` text,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `task_submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_versions_unique` ON `submission_versions` (`submission_id`,`version`);--> statement-breakpoint
CREATE TABLE `task_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`version_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`reviewer_name` text NOT NULL,
	`reviewer_organisation` text,
	`decision` text NOT NULL,
	`scores` text NOT NULL,
	`overall_comment` text NOT NULL,
	`task_version` integer NOT NULL,
	`rubric_hash` text NOT NULL,
	`decided_at` integer NOT NULL,
	`waited_ms` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `task_submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `submission_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_reviews_version_unique` ON `task_reviews` (`version_id`);--> statement-breakpoint
CREATE INDEX `task_reviews_submission_idx` ON `task_reviews` (`submission_id`);--> statement-breakpoint
CREATE INDEX `task_reviews_decided_idx` ON `task_reviews` (`decided_at`);--> statement-breakpoint
CREATE TABLE `task_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`task_slug` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`draft_text` text,
	`draft_link` text,
	`latest_version` integer DEFAULT 0 NOT NULL,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_submissions_unique` ON `task_submissions` (`user_id`,`module_slug`,`task_slug`);--> statement-breakpoint
CREATE INDEX `task_submissions_queue_idx` ON `task_submissions` (`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `task_submissions_module_idx` ON `task_submissions` (`module_slug`,`state`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`user_id` text NOT NULL,
	`attempt_id` text,
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
	`assessment` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_certificates`("id", "code", "user_id", "attempt_id", "module_slug", "module_major_version", "module_content_hash", "module_title", "holder_name", "staff_number", "locale", "score", "issued_at", "expires_at", "revoked_at", "revoked_reason", "revoked_by", "assessment") SELECT "id", "code", "user_id", "attempt_id", "module_slug", "module_major_version", "module_content_hash", "module_title", "holder_name", "staff_number", "locale", "score", "issued_at", "expires_at", "revoked_at", "revoked_reason", "revoked_by", NULL FROM `certificates`;--> statement-breakpoint
DROP TABLE `certificates`;--> statement-breakpoint
ALTER TABLE `__new_certificates` RENAME TO `certificates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_attempt_unique` ON `certificates` (`attempt_id`);--> statement-breakpoint
CREATE INDEX `certificates_user_module_idx` ON `certificates` (`user_id`,`module_slug`);--> statement-breakpoint
CREATE INDEX `certificates_issued_idx` ON `certificates` (`issued_at`);--> statement-breakpoint
CREATE INDEX `certificates_expires_idx` ON `certificates` (`expires_at`);