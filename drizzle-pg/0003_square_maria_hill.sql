CREATE TABLE "open_badges" (
	"certificate_id" text PRIMARY KEY NOT NULL,
	"status_index" integer NOT NULL,
	"credential" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open_badges" ADD CONSTRAINT "open_badges_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "open_badges_status_index_unique" ON "open_badges" USING btree ("status_index");