import { z } from "~/utils/zod";
import { lineText } from "./text";
import { OUTBOX_STATUSES } from "~/db/schema/outbox-messages";
import { EmailSchema } from "./auth";

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

/** The account page's email choices: an unticked checkbox is simply absent from the form. */
export const PreferencesSchema = z.object({ reminders: checkbox, digests: checkbox });

/** A notice's id in its "open" link. */
export const NotificationIdSchema = lineText().min(1).max(64);

export const MarkReadSchema = z.object({
  intent: z.enum(["read", "read-all"]),
  id: lineText().max(64).optional(),
});

export const UnsubscribeQuerySchema = z.object({ c: z.enum(["reminders", "digests"]).catch("reminders") });

export const OutboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  id: lineText().max(64).optional(),
});

export const OutboxRetrySchema = z.object({ id: lineText().min(1).max(64) });

export const UnitLeadSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    orgUnitId: lineText().min(1, "validation.required").max(64),
    person: lineText().trim().min(1, "validation.required").max(254, "validation.tooLong"),
  }),
  z.object({ intent: z.literal("remove"), orgUnitId: lineText().min(1).max(64), userId: lineText().min(1).max(64) }),
]);
