import { z } from "zod";
import { lineText } from "./text";
import { ROLES } from "~/db/roles";
import { DaySchema } from "~/utils/dates";

const slug = lineText().trim().min(1, "validation.required").max(120, "validation.invalid");
const person = lineText().trim().min(1, "validation.required").max(254, "validation.tooLong");
const orgUnitId = lineText().trim().min(1, "validation.required").max(64, "validation.invalid");

/**
 * A new assignment. `today` is the date in the app's time zone: a due date before it is refused.
 * The target field that counts depends on `targetType` (the form shows all three without JS).
 */
export function createAssignmentSchema(today: string) {
  const dueDate = DaySchema.refine((v) => v >= today, "validation.dueDatePast");
  const base = { intent: z.literal("create"), moduleSlug: slug, dueDate };
  return z.discriminatedUnion(
    "targetType",
    [
      z.object({ ...base, targetType: z.literal("user"), person }),
      z.object({ ...base, targetType: z.literal("org_unit"), orgUnitId }),
      z.object({ ...base, targetType: z.literal("role"), role: z.enum(ROLES, "validation.invalid") }),
    ],
    "validation.required",
  );
}
export type CreateAssignmentInput = z.output<ReturnType<typeof createAssignmentSchema>>;

export const ChangeDueDateSchema = z.object({
  intent: z.literal("due"),
  id: lineText().trim().min(1).max(64),
  dueDate: DaySchema,
});

export const RemoveAssignmentSchema = z.object({
  intent: z.literal("remove"),
  id: lineText().trim().min(1).max(64),
});

export const AssignmentIntentSchema = z.object({ intent: z.enum(["create", "due", "remove"]) });
