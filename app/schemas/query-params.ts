import { z } from "~/utils/zod";

// Filter parameters read from a URL: a value that does not fit is dropped (the filter is
// ignored), never a 500, and a huge value costs nothing.

/** An org unit (or other row) id in a filter. */
export const IdFilterSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional()
  .catch(undefined);

/** A module slug in a filter. */
export const ModuleFilterSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,119}$/)
  .optional()
  .catch(undefined);
