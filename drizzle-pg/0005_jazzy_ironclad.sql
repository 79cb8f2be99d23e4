CREATE TABLE "live_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"title_en" text NOT NULL,
	"title_id" text NOT NULL,
	"description_en" text NOT NULL,
	"description_id" text NOT NULL,
	"host_id" text NOT NULL,
	"starts_at" bigint NOT NULL,
	"ends_at" bigint NOT NULL,
	"place" text,
	"meeting_url" text,
	"capacity" integer NOT NULL,
	"hours" double precision NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"attendance_code" text NOT NULL,
	"created_by" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"cancelled_at" bigint,
	CONSTRAINT "live_sessions_time_check" CHECK (ends_at > starts_at),
	CONSTRAINT "live_sessions_capacity_check" CHECK (capacity > 0),
	CONSTRAINT "live_sessions_hours_check" CHECK (hours >= 0)
);
--> statement-breakpoint
CREATE TABLE "live_session_modules" (
	"session_id" text NOT NULL,
	"module_slug" text NOT NULL,
	CONSTRAINT "live_session_modules_session_id_module_slug_pk" PRIMARY KEY("session_id","module_slug")
);
--> statement-breakpoint
CREATE TABLE "live_session_registrations" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"queued_at" bigint NOT NULL,
	"attended_at" bigint,
	"attendance_source" text,
	"reminded_at" bigint,
	"cancelled_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"rating" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "feedback_rating_check" CHECK (rating between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "calendar_method" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "calendar_ics" text;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_session_modules" ADD CONSTRAINT "live_session_modules_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_session_registrations" ADD CONSTRAINT "live_session_registrations_session_id_live_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_session_registrations" ADD CONSTRAINT "live_session_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_sessions_starts_idx" ON "live_sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "live_sessions_host_idx" ON "live_sessions" USING btree ("host_id","starts_at");--> statement-breakpoint
CREATE INDEX "live_session_modules_module_idx" ON "live_session_modules" USING btree ("module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "live_session_registrations_unique" ON "live_session_registrations" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE INDEX "live_session_registrations_queue_idx" ON "live_session_registrations" USING btree ("session_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "live_session_registrations_user_idx" ON "live_session_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_unique" ON "feedback" USING btree ("user_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "feedback_subject_idx" ON "feedback" USING btree ("subject_type","subject_id");