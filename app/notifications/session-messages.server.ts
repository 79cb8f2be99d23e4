// What the live-session messages say (app/sessions/ decides who gets them and attaches the
// .ics). Every string comes from the catalogs (app/i18n/areas/sessions.*.ts).
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema";
import { formatSessionTime } from "~/i18n/format";
import type { MessageKey, Translate } from "~/i18n";
import type { SessionNotice, Text } from "./kinds";
import type { Parts } from "./render.server";

type SessionKind =
  | "session_registered"
  | "session_waitlisted"
  | "session_promoted"
  | "session_changed"
  | "session_cancelled"
  | "session_registration_cancelled"
  | "session_reminder"
  | "session_hosting";

const KEYS: Record<SessionKind, string> = {
  session_registered: "sessions.email.registered",
  session_waitlisted: "sessions.email.waitlisted",
  session_promoted: "sessions.email.promoted",
  session_changed: "sessions.email.changed",
  session_cancelled: "sessions.email.cancelled",
  session_registration_cancelled: "sessions.email.registrationCancelled",
  session_reminder: "sessions.email.reminder",
  session_hosting: "sessions.email.hosting",
};

const textIn = (text: Text, locale: Locale) => (typeof text === "string" ? text : text[locale] || text.en || text.id);

/** The time, place and link lines every session message lists. */
export function sessionDetails(d: SessionNotice, locale: Locale, t: Translate): string[] {
  const when = formatSessionTime(locale, d.startsAt, d.endsAt, getConfig().timeZone);
  return [
    t("sessions.email.when", { when, zone: getConfig().timeZone }),
    ...(d.place ? [t("sessions.email.place", { place: d.place })] : []),
    ...(d.meetingUrl ? [t("sessions.email.link", { url: d.meetingUrl })] : []),
  ];
}

export function sessionParts(
  kind: SessionKind,
  data: SessionNotice & { position?: number; change?: "scheduled" | "changed" },
  locale: Locale,
  t: Translate,
): Parts {
  const d = data;
  const title = textIn(d.title, locale);
  const key = kind === "session_hosting" && d.change === "changed" ? "sessions.email.hostingChanged" : KEYS[kind];
  const vars = { title, position: d.position ?? 0 };
  const { publicUrl } = getConfig();
  return {
    subject: t(`${key}.subject` as MessageKey, vars),
    paragraphs: [t(`${key}.body` as MessageKey, vars)],
    list: sessionDetails(d, locale, t),
    action: { label: t("email.viewAction"), url: publicUrl + d.path },
    link: d.path,
  };
}
