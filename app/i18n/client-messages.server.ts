import { createHash } from "node:crypto";
import type { Locale } from "~/db/schema/users";
import { badgesEn } from "./areas/badges.en";
import { certificatesEn } from "./areas/certificates.en";
import { certificateLanguageEn } from "./areas/certificate-language.en";
import { authoringEn } from "./areas/authoring.en";
import { attendanceEn } from "./areas/attendance.en";
import { contentEn } from "./areas/content.en";
import { guessingEn } from "./areas/guessing.en";
import { hrEn } from "./areas/hr.en";
import { notificationsEn } from "./areas/notifications.en";
import { practiceEn } from "./areas/practice.en";
import { reportsEn } from "./areas/reports.en";
import { sessionsEn } from "./areas/sessions.en";
import { catalogs } from "./index";
import type { Messages } from "./translate";
import { areaOf, type Area } from "./areas";
import { CATALOG_PREFIX, putCatalog } from "./catalog-store";

// The browser gets the catalog through the root loader on every page load. Sending only the
// shared messages plus the area the page belongs to keeps that under half the full catalog.
// The "module is being updated" error page can show on any learner page: its keys go everywhere.
const authoringAreaKeys = Object.keys(authoringEn).filter((k) => !k.startsWith("errors."));
// Attendance keys shown elsewhere stay shared: the module page's feedback link, My learning's
// session hours, the record page's hours cell, the audit log's action label (the download's column header is server-side).
const SHARED_ATTENDANCE_KEYS = new Set([
  "attendance.feedback.giveModule",
  "attendance.yearSessionHours",
  "attendance.hoursColumn",
  "attendance.hoursFromSessions",
]);
const AREA_KEYS: Record<Area, string[]> = {
  attendance: Object.keys(attendanceEn).filter((k) => k.startsWith("attendance.") && !SHARED_ATTENDANCE_KEYS.has(k)),
  certificates: [...Object.keys(certificatesEn), ...Object.keys(certificateLanguageEn), ...Object.keys(badgesEn)],
  // The guessing rules are described on the content page only.
  // The content preview shows rubrics with the practice area's level words.
  content: [...Object.keys(contentEn), ...Object.keys(guessingEn), ...authoringAreaKeys, "practice.level", "practice.passRule", "practice.rubric"],
  hr: Object.keys(hrEn),
  notifications: Object.keys(notificationsEn),
  practice: [...Object.keys(practiceEn), ...authoringAreaKeys],
  reports: Object.keys(reportsEn),
  sessions: Object.keys(sessionsEn),
};

const allAreaKeys = new Set(Object.values(AREA_KEYS).flat());
// Navigation and form-validation messages can show on any page.
const everywhere = (key: string) => !allAreaKeys.has(key) || key.startsWith("nav.") || key.startsWith("validation.");

const cache = new Map<string, Messages>();

function messagesOf(locale: Locale, area: Area | null): Messages {
  const cacheKey = `${locale}:${area ?? ""}`;
  let messages = cache.get(cacheKey);
  if (!messages) {
    const areaKeys = new Set<string>(area ? AREA_KEYS[area] : []);
    const full = catalogs[locale];
    messages = Object.fromEntries(Object.entries(full).filter(([key]) => everywhere(key) || areaKeys.has(key))) as Messages;
    cache.set(cacheKey, messages);
  }
  return messages;
}

/** The messages a page's components may need: shared ones, plus its area's. */
export function clientMessages(locale: Locale, pathname: string): Messages {
  return messagesOf(locale, areaOf(pathname));
}

type Catalog = { url: string; file: string; json: string; messages: Messages };
const files = new Map<string, Catalog>();
const COMMON = "common";

function catalogFor(locale: Locale, area: Area | null): Catalog {
  const messages = messagesOf(locale, area);
  const json = JSON.stringify(messages);
  const hash = createHash("sha256").update(json).digest("base64url").slice(0, 16);
  const file = `${locale}.${area ?? COMMON}.${hash}.json`;
  const catalog = { url: `${CATALOG_PREFIX}${file}`, file, json, messages };
  files.set(file, catalog);
  putCatalog(catalog.url, messages);
  return catalog;
}

const byPage = new Map<string, Catalog>();

/** The catalog file of a page (its URL names the content's hash), registered for the render. */
export function clientCatalog(locale: Locale, pathname: string): { url: string } {
  const area = areaOf(pathname);
  const key = `${locale}:${area ?? ""}`;
  let catalog = byPage.get(key);
  if (!catalog) {
    catalog = catalogFor(locale, area);
    byPage.set(key, catalog);
  }
  return { url: catalog.url };
}

const FILE = /^(en|id)\.([a-z]+)\.([A-Za-z0-9_-]{16})\.json$/;

/** The JSON of a catalog file by its name, or undefined for a name that is not a current one. */
export function catalogFile(file: string): string | undefined {
  const known = files.get(file);
  if (known) return known.json;
  const parts = FILE.exec(file);
  if (!parts) return undefined;
  const [, locale, area] = parts as unknown as [string, Locale, string];
  if (area !== COMMON && !(area in AREA_KEYS)) return undefined;
  const catalog = catalogFor(locale, area === COMMON ? null : (area as Area));
  return catalog.file === file ? catalog.json : undefined;
}
