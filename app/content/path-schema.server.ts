import { z } from "~/utils/zod";
import { BilingualSchema, STATUSES } from "./content-schemas.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string) => z.string({ error: `${what} must be a slug` }).regex(SLUG, `${what} must be lower-case words joined by hyphens, such as why-social-media`);

/**
 * A learning path: content/<course>/paths/<slug>.yaml. The file name is the path's slug, so a
 * path cannot be renamed by accident (assignments and certificates refer to it by slug).
 */
export const PathFileSchema = z.strictObject({
  // Optional like a module's status: a path is published unless it says draft.
  status: z.enum(STATUSES, "status must be draft or published").optional().default("published"),
  title: BilingualSchema("title", 160),
  description: BilingualSchema("description", 800),
  audience: BilingualSchema("audience", 300),
  modules: z
    .array(slug("each module"), { error: "modules must be a list of module slugs" })
    .min(2, "a path needs at least 2 modules (assign a single module directly instead)")
    .max(20, "a path can have at most 20 modules"),
  in_order: z.boolean({ error: "in_order must be true (modules unlock one after another) or false" }),
});
export type PathFile = z.output<typeof PathFileSchema>;


