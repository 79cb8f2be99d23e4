import { z } from "zod";
import { ROLES } from "~/db/schema/users";

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  orgUnit: z.string().max(64).optional().catch(undefined),
  active: z.enum(["active", "inactive", "all"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export const UserActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("password-link") }),
  z.object({ intent: z.literal("save") }),
]);
