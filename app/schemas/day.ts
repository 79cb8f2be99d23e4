import { isCalendarDay } from "~/utils/dates";
import { z } from "~/utils/zod";

/**
 * THE day-string schema: every form field and query parameter holding a day uses it. Its error
 * is `validation.date` ("Enter a date as YYYY-MM-DD"), naming the field where the form shows it.
 */
export const DaySchema = z.string().trim().min(1, "validation.required").refine(isCalendarDay, "validation.date");
