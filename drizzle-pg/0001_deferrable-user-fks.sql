-- Hand-written (Drizzle cannot declare DEFERRABLE): forgot-password for an unknown address does
-- the same work as for a known one, writing a token and a message for a stand-in user inside a
-- savepoint it rolls back (app/notifications/password-reset.server.ts). Deferring these two
-- checks to commit (app/db/defer-foreign-keys.server.ts) is what SQLite's defer_foreign_keys
-- pragma does. Every other statement still checks them at once (INITIALLY IMMEDIATE).
ALTER TABLE "password_tokens" ALTER CONSTRAINT "password_tokens_user_id_users_id_fk" DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "outbox_messages" ALTER CONSTRAINT "outbox_messages_user_id_users_id_fk" DEFERRABLE INITIALLY IMMEDIATE;
