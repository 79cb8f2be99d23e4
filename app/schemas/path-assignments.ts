import { z } from "~/utils/zod";
import { AssignedSlugField, dueDateFrom, withAssignmentTarget } from "./assignments";
import { lineText } from "./text";

/** A new path assignment: the module assignment form with a path instead of a module. */
export function createPathAssignmentSchema(today: string) {
  return withAssignmentTarget({ intent: z.literal("create"), pathSlug: AssignedSlugField, dueDate: dueDateFrom(today) });
}
export type CreatePathAssignmentInput = z.output<ReturnType<typeof createPathAssignmentSchema>>;

export const RemovePathAssignmentSchema = z.object({
  intent: z.literal("remove"),
  id: lineText().trim().min(1).max(64),
});

export const PathAssignmentIntentSchema = z.object({ intent: z.enum(["create", "remove"]) });
