// Live-session attendance and feedback forms (the check-in page, the host's corrections, the
// feedback pages); shared by the forms and their actions.
import { z } from "~/utils/zod";
import { lineText, multiLineText } from "./text";

/** Longest attendance code accepted as typed (with spaces and dashes); real codes are far shorter. */
const CODE_MAX = 32;

export const CheckInSchema = z.object({
  code: lineText().trim().min(1, "validation.attendanceCode").max(CODE_MAX, "validation.tooLong"),
});

/** ?code= from the QR code: it only fills the form in, so anything unreadable is simply ignored. */
export const CheckInQuerySchema = z.object({ code: lineText().max(CODE_MAX).optional().catch(undefined) });

export const AttendanceCorrectionSchema = z.object({
  userId: lineText().min(1).max(64),
  attended: z.enum(["yes", "no"]).transform((v) => v === "yes"),
});

/** The host adds a walk-in by exact email address or staff number. */
export const WalkInSchema = z.object({
  intent: z.literal("add"),
  person: lineText().trim().min(1, "validation.required").max(254, "validation.tooLong"),
});

export const FEEDBACK_COMMENT_MAX = 1000;

export const FeedbackSchema = z.object({
  rating: z
    .string({ error: "validation.rating" })
    .regex(/^[1-5]$/, "validation.rating")
    .transform(Number),
  comment: multiLineText().trim().max(FEEDBACK_COMMENT_MAX, "validation.feedbackComment").default(""),
});
