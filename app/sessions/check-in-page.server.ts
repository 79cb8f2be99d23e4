// The check-in page's loader and action, kept out of the route file: what the page shows before
// the form (the window, whether attendance is already recorded) and each check-in outcome as a
// sentence in the person's language.
import type { User } from "lucia";
import { data } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { formatDateTime, formatHours } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import type { Translate } from "~/i18n/translate";
import { parseForm, readQuery } from "~/schemas/form";
import { CheckInQuerySchema, CheckInSchema } from "~/schemas/attendance";
import { clockNow } from "~/utils/clock.server";
import { attendanceWindow, checkIn, ownRegistration, sessionForCheckIn, windowState, type CheckInResult } from "./attendance.server";
import type { Locale } from "~/db/schema";

async function load(request: Request, sessionId: string) {
  const user = await requireCan(request, "sessions.join");
  const session = await sessionForCheckIn(sessionId);
  if (!session) throw new Response("Not found", { status: 404 });
  const { locale, t } = await getTranslator(request, user);
  return { user, session, locale, t };
}

function when(locale: Locale, d: Date) {
  return formatDateTime(locale, d, getConfig().timeZone);
}

function outcomeText(result: CheckInResult, t: Translate, locale: Locale, hours: number): string {
  if (result.ok) {
    return result.status === "recorded"
      ? t("attendance.checkIn.recorded", { hours: formatHours(locale, hours) })
      : t("attendance.checkIn.already", { time: when(locale, result.attendedAt) });
  }
  switch (result.reason) {
    case "not-open":
      return t("attendance.checkIn.notOpen", { time: when(locale, result.opensAt) });
    case "ended":
      return t("attendance.checkIn.ended", { time: when(locale, result.closedAt) });
    case "not-registered":
      return t(result.waitlisted ? "attendance.checkIn.waitlisted" : "attendance.checkIn.notRegistered");
    case "wrong-code":
      return result.triesLeft > 0 ? t("attendance.checkIn.wrongCode", { left: result.triesLeft }) : t("attendance.checkIn.wrongCodeLast");
    case "too-many":
      return t("attendance.checkIn.tooMany", { time: when(locale, result.retryAt) });
  }
}

/** GET: the session, its window, the code from the QR link (a GET never records anything). */
export async function checkInPageData(request: Request, sessionId: string, now: Date = clockNow()) {
  const { user, session, locale } = await load(request, sessionId);
  const { query } = readQuery(CheckInQuerySchema, new URL(request.url).searchParams);
  const registration = await ownRegistration(user.id, session.id);
  const window = attendanceWindow(session);
  return {
    session: {
      id: session.id,
      title: pick({ en: session.titleEn, id: session.titleId }, locale),
      startsAt: session.startsAt,
      endsAt: session.endsAt,
    },
    opensAt: window.opensAt,
    state: windowState(session, now),
    attendedAt: registration?.attendedAt ?? null,
    registered: registration?.status === "registered",
    code: query.code ?? "",
  };
}

/** POST: one check-in attempt; a refusal is a 400 (429 over the limit) with the reason in words. */
export async function checkInAction(request: Request, sessionId: string, now: Date = clockNow()) {
  const { user, session, locale, t } = await load(request, sessionId);
  const parsed = parseForm(CheckInSchema, await request.formData());
  if (!parsed.success) return data({ ok: false, message: null, errors: parsed.errors, code: parsed.values.code ?? "" }, { status: 400 });
  const result = await checkIn(user as Pick<User, "id">, session, parsed.data.code, now);
  const message = outcomeText(result, t, locale, session.hours);
  if (result.ok) return { ok: true, message, errors: {}, code: "" };
  return data({ ok: false, message, errors: {}, code: parsed.data.code }, { status: result.reason === "too-many" ? 429 : 400 });
}
