import { z } from "~/utils/zod";
import { isClockTime } from "~/utils/dates";
import { DaySchema } from "./day";
import { lineText, multiLineText } from "./text";

/** Learning hours (JP) a session may earn: 0 to a working day, in half hours. */
export const SESSION_HOURS_MAX = 8;
export const SESSION_CAPACITY_MAX = 1000;

const required = (max: number) => lineText().trim().min(1, "validation.required").max(max, "validation.tooLong");
const ClockTimeField = lineText().trim().min(1, "validation.required").refine(isClockTime, "validation.sessionTime");

/** An https address a browser can open (a meeting link); plain http and other schemes are refused. */
export function isHttpsUrl(value: string) {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * Scheduling or changing a live session. Start and end are a day and two wall-clock times in the
 * organisation's TIME_ZONE (the server turns them into instants); the session needs a place, a
 * meeting link or both. Whether the host may host and the modules exist is checked on the server.
 */
export const LiveSessionSchema = z
  .object({
    titleEn: required(200),
    titleId: required(200),
    descriptionEn: multiLineText().trim().max(4000, "validation.tooLong"),
    descriptionId: multiLineText().trim().max(4000, "validation.tooLong"),
    hostId: lineText().trim().min(1, "validation.sessionHost").max(64, "validation.sessionHost"),
    day: DaySchema,
    startTime: ClockTimeField,
    endTime: ClockTimeField,
    place: lineText().trim().max(300, "validation.tooLong"),
    meetingUrl: lineText()
      .trim()
      .max(2000, "validation.tooLong")
      .refine((v) => v === "" || isHttpsUrl(v), "validation.httpsUrl"),
    capacity: lineText()
      .trim()
      .regex(/^\d{1,5}$/, "validation.sessionCapacity")
      .transform(Number)
      .refine((n) => n >= 1 && n <= SESSION_CAPACITY_MAX, "validation.sessionCapacity"),
    hours: lineText()
      .trim()
      .regex(/^\d{1,2}([.,]\d{1,2})?$/, "validation.sessionHours")
      .transform((v) => Number(v.replace(",", ".")))
      .refine((n) => n >= 0 && n <= SESSION_HOURS_MAX && Number.isInteger(n * 2), "validation.sessionHours"),
    modules: z
      .array(lineText().trim().min(1, "validation.sessionModules").max(100, "validation.sessionModules"))
      .min(1, "validation.sessionModules")
      .max(20, "validation.sessionModules"),
  })
  .refine((s) => !isClockTime(s.startTime) || !isClockTime(s.endTime) || s.endTime > s.startTime, {
    message: "validation.sessionEndBeforeStart",
    path: ["endTime"],
  })
  .refine((s) => s.place !== "" || s.meetingUrl !== "", { message: "validation.sessionPlaceOrLink", path: ["place"] });
export type LiveSessionInput = z.output<typeof LiveSessionSchema>;

/** Form fields that repeat (checkboxes). */
export const LIVE_SESSION_ARRAY_FIELDS = ["modules"] as const;

export const TrainerSessionIntentSchema = z.object({ intent: z.enum(["update", "cancel"]) });
export const RegistrationIntentSchema = z.object({ intent: z.enum(["register", "cancel"]) });
