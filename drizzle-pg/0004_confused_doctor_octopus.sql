CREATE TABLE "path_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"path_slug" text NOT NULL,
	"target_type" text NOT NULL,
	"target_user_id" text,
	"target_org_unit_id" text,
	"target_role" text,
	"due_date" text NOT NULL,
	"created_by" text,
	"created_at" bigint NOT NULL,
	CONSTRAINT "path_assignments_target_check" CHECK ((target_type = 'user' and target_user_id is not null) or (target_type = 'org_unit' and target_org_unit_id is not null) or (target_type = 'role' and target_role is not null))
);
--> statement-breakpoint
CREATE TABLE "path_certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"user_id" text NOT NULL,
	"path_slug" text NOT NULL,
	"path_title" text NOT NULL,
	"path_description" text NOT NULL,
	"holder_name" text NOT NULL,
	"staff_number" text,
	"locale" text NOT NULL,
	"hours" double precision NOT NULL,
	"modules" jsonb NOT NULL,
	"issued_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "path_assignments" ADD CONSTRAINT "path_assignments_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_assignments" ADD CONSTRAINT "path_assignments_target_org_unit_id_org_units_id_fk" FOREIGN KEY ("target_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_assignments" ADD CONSTRAINT "path_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_certificates" ADD CONSTRAINT "path_certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "path_assignments_path_idx" ON "path_assignments" USING btree ("path_slug");--> statement-breakpoint
CREATE INDEX "path_assignments_user_idx" ON "path_assignments" USING btree ("target_user_id");--> statement-breakpoint
CREATE INDEX "path_assignments_org_unit_idx" ON "path_assignments" USING btree ("target_org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "path_certificates_code_unique" ON "path_certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "path_certificates_user_path_unique" ON "path_certificates" USING btree ("user_id","path_slug");--> statement-breakpoint
CREATE INDEX "path_certificates_issued_idx" ON "path_certificates" USING btree ("issued_at");