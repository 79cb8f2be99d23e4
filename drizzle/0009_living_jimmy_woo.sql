CREATE TABLE `live_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`title_en` text NOT NULL,
	`title_id` text NOT NULL,
	`description_en` text NOT NULL,
	`description_id` text NOT NULL,
	`host_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text,
	`meeting_url` text,
	`capacity` integer NOT NULL,
	`hours` real NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`attendance_code` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`host_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "live_sessions_time_check" CHECK(ends_at > starts_at),
	CONSTRAINT "live_sessions_capacity_check" CHECK(capacity > 0),
	CONSTRAINT "live_sessions_hours_check" CHECK(hours >= 0)
);
--> statement-breakpoint
CREATE INDEX `live_sessions_starts_idx` ON `live_sessions` (`starts_at`);--> statement-breakpoint
CREATE INDEX `live_sessions_host_idx` ON `live_sessions` (`host_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `live_session_modules` (
	`session_id` text NOT NULL,
	`module_slug` text NOT NULL,
	PRIMARY KEY(`session_id`, `module_slug`),
	FOREIGN KEY (`session_id`) REFERENCES `live_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `live_session_modules_module_idx` ON `live_session_modules` (`module_slug`);--> statement-breakpoint
CREATE TABLE `live_session_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`queued_at` integer NOT NULL,
	`attended_at` integer,
	`attendance_source` text,
	`reminded_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `live_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `live_session_registrations_unique` ON `live_session_registrations` (`session_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `live_session_registrations_queue_idx` ON `live_session_registrations` (`session_id`,`status`,`queued_at`);--> statement-breakpoint
CREATE INDEX `live_session_registrations_user_idx` ON `live_session_registrations` (`user_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`rating` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "feedback_rating_check" CHECK(rating between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_unique` ON `feedback` (`user_id`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `feedback_subject_idx` ON `feedback` (`subject_type`,`subject_id`);--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `calendar_method` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `calendar_ics` text;