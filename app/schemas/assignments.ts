import { z } from "~/utils/zod";
import { lineText } from "./text";
import { ROLES } from "~/db/roles";
import { DaySchema } from "~/schemas/day";

export const AssignedSlugField = lineText().trim().min(1, "validation.required").max(120, "validation.invalid");
const person = lineText().trim().min(1, "validation.required").max(254, "validation.tooLong");
const orgUnitId = lineText().trim().min(1, "validation.required").max(64, "validation.invalid");

/** A due date on or after `today` (the date in the app's time zone). */
export function dueDateFrom(today: string) {
  return DaySchema.refine((v) => v >= today, "validation.dueDatePast");
}

/**
 * Who is assigned, with the fields of what is assigned (`base`): a person, an org unit or a
 * role. The target field that counts depends on `targetType` (the form shows all three without
 * JS). Module and path assignments share it.
 */
export function withAssignmentTarget<T extends z.ZodRawShape>(base: T) {
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

/** A new module assignment; a due date before `today` is refused. */
export function createAssignmentSchema(today: string) {
  return withAssignmentTarget({ intent: z.literal("create"), moduleSlug: AssignedSlugField, dueDate: dueDateFrom(today) });
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
