import { z } from "~/utils/zod";
import { ROLES } from "~/db/schema/users";
import { DaySchema } from "~/schemas/day";
import { lineText } from "./text";

export const UserListQuerySchema = z.object({
  q: lineText().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  orgUnit: lineText().max(64).optional().catch(undefined),
  active: z.enum(["active", "inactive", "all"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const UserActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("password-link") }),
  z.object({ intent: z.literal("save") }),
]);

const id = lineText().trim().min(1, "validation.required").max(64, "validation.invalid");
const unitName = lineText().trim().min(1, "validation.required").max(120, "validation.tooLong");
const unitCode = lineText()
  .trim()
  .max(40, "validation.tooLong")
  .transform((v) => (v === "" ? null : v));
const optionalParent = lineText()
  .trim()
  .max(64, "validation.invalid")
  .transform((v) => (v === "" ? null : v));

export const OrgUnitCreateSchema = z.object({ intent: z.literal("create"), name: unitName, code: unitCode, parentId: optionalParent });
export const OrgUnitRenameSchema = z.object({ intent: z.literal("rename"), id, name: unitName, code: unitCode });
export const OrgUnitMoveSchema = z.object({ intent: z.literal("move"), id, parentId: optionalParent });
export const OrgUnitDeleteSchema = z.object({ intent: z.literal("delete"), id });
export const OrgUnitIntentSchema = z.object({ intent: z.enum(["create", "rename", "move", "delete"]) });
export type OrgUnitInput = { name: string; code: string | null; parentId?: string | null };

export const OrgUnitQuerySchema = z.object({ edit: lineText().max(64).optional().catch(undefined) });

/** The audit log's filters, from the query string: anything malformed is simply ignored. */
export const AuditQuerySchema = z.object({
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]*$/)
    .optional()
    .catch(undefined),
  actor: lineText().trim().max(64).optional().catch(undefined),
  from: DaySchema.optional().catch(undefined),
  to: DaySchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;
