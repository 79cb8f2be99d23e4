import { z } from "zod";
import { ROLES } from "~/db/roles";
import { DaySchema } from "~/utils/dates";
import { lineText } from "./text";

const slug = lineText().trim().min(1, "validation.required").max(120, "validation.invalid");
const person = lineText().trim().min(1, "validation.required").max(254, "validation.tooLong");
const orgUnitId = lineText().trim().min(1, "validation.required").max(64, "validation.invalid");

/** A new path assignment: the module assignment form with a path instead of a module. */
export function createPathAssignmentSchema(today: string) {
  const dueDate = DaySchema.refine((v) => v >= today, "validation.dueDatePast");
  const base = { intent: z.literal("create"), pathSlug: slug, dueDate };
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
export type CreatePathAssignmentInput = z.output<ReturnType<typeof createPathAssignmentSchema>>;

export const RemovePathAssignmentSchema = z.object({
  intent: z.literal("remove"),
  id: lineText().trim().min(1).max(64),
});

export const PathAssignmentIntentSchema = z.object({ intent: z.enum(["create", "remove"]) });
