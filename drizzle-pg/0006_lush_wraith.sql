CREATE TABLE "path_open_badges" (
	"path_certificate_id" text PRIMARY KEY NOT NULL,
	"status_index" integer NOT NULL,
	"credential" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "path_open_badges" ADD CONSTRAINT "path_open_badges_path_certificate_id_path_certificates_id_fk" FOREIGN KEY ("path_certificate_id") REFERENCES "public"."path_certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "path_open_badges_status_index_unique" ON "path_open_badges" USING btree ("status_index");