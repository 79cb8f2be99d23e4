import { z } from "~/utils/zod";
import { lineText, multiLineText } from "./text";

const comment = (max: number) => multiLineText().trim().min(2, "validation.required").max(max, "validation.tooLong");

/**
 * A reviewer's decision: approve or request changes, a level and a comment for every rubric
 * criterion (fields `level.<id>`, `comment.<id>`), and an overall comment. Built per rubric.
 */
export function reviewDecisionSchema(criteria: { id: string; levels: number }[]) {
  const shape: Record<string, z.ZodType> = {
    decision: z.enum(["approved", "changes-requested"], "validation.required"),
    overall: comment(4000),
  };
  for (const c of criteria) {
    shape[`level.${c.id}`] = z.coerce
      .number("validation.required")
      .int("validation.required")
      .min(1, "validation.required")
      .max(c.levels, "validation.invalid");
    shape[`comment.${c.id}`] = comment(2000);
  }
  return z.object(shape);
}

export const WorkFormSchema = z.object({
  intent: z.enum(["save", "submit", "remove"], "validation.invalid"),
  text: multiLineText().max(20_000, "validation.tooLong").optional().default(""),
  link: lineText().trim().max(2000, "validation.tooLong").optional().default(""),
  alt: lineText().trim().max(500, "validation.tooLong").optional().default(""),
  kind: z.enum(["image", "file"]).optional(),
  remove: lineText().max(64).optional(),
});

export const QueueQuerySchema = z.object({
  module: lineText().max(100).optional().catch(undefined),
  unit: lineText().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type QueueQuery = z.output<typeof QueueQuerySchema>;

export const MentorFormSchema = z.object({
  email: z
    .email("validation.email")
    .max(200, "validation.tooLong")
    .transform((e) => e.toLowerCase()),
  displayName: lineText().trim().min(2, "validation.required").max(120, "validation.tooLong"),
  organisation: lineText().trim().min(2, "validation.required").max(160, "validation.tooLong"),
});

export const MentorAssignSchema = z.object({
  mentorId: lineText().min(1).max(64),
  module: lineText().min(1, "validation.required").max(100),
  unit: lineText().max(64).optional().default(""),
});
