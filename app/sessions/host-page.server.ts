// The host pages' loaders and action: the list of hosted sessions, and one session's page
// (registrants, the code and QR code while the window is open, corrections, feedback summary).
import { data } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { feedbackSummaries } from "~/feedback/summary.server";
import { getTranslator } from "~/i18n/locale.server";
import { parseForm } from "~/schemas/form";
import { AttendanceCorrectionSchema, WalkInSchema } from "~/schemas/attendance";
import { clockNow } from "~/utils/clock.server";
import type { MessageKey } from "~/i18n/translate";
import type { FieldErrors } from "~/schemas/form";
import { attendanceWindow, windowState } from "./attendance.server";
import { checkInUrl, qrSvg } from "./check-in-qr.server";
import { addWalkIn, canCorrect, correctAttendance, listHostedSessions, requireHostedSession, sessionRegistrants } from "./host.server";

export async function hostListData(request: Request, now: Date = clockNow()) {
  const actor = await requireCan(request, "sessions.host");
  const { locale } = await getTranslator(request, actor);
  const { upcoming, past } = await listHostedSessions(actor, now);
  const view = (rows: typeof upcoming) =>
    rows.map((r) => ({
      id: r.id,
      title: pick({ en: r.titleEn, id: r.titleId }, locale),
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      cancelled: r.status === "cancelled",
      hostName: r.hostName,
      registered: r.registered,
      attended: r.attended,
    }));
  return { upcoming: view(upcoming), past: view(past) };
}

export async function hostSessionData(request: Request, sessionId: string, now: Date = clockNow()) {
  const actor = await requireCan(request, "sessions.host");
  const session = await requireHostedSession(actor, sessionId);
  const { locale, t } = await getTranslator(request, actor);
  const state = windowState(session, now);
  const showCode = state === "open" && session.status === "scheduled";
  const url = checkInUrl(getConfig().publicUrl, session.id, session.attendanceCode);
  const [registrants, summaries] = await Promise.all([
    sessionRegistrants(session),
    feedbackSummaries("session", { anonymous: getConfig().feedbackAnonymous, subjectIds: [session.id] }),
  ]);
  return {
    session: {
      id: session.id,
      title: pick({ en: session.titleEn, id: session.titleId }, locale),
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: session.place,
      meetingUrl: session.meetingUrl,
      hours: session.hours,
      cancelled: session.status === "cancelled",
    },
    state,
    opensAt: attendanceWindow(session).opensAt,
    code: showCode ? session.attendanceCode : null,
    checkInUrl: showCode ? url : null,
    qr: showCode ? await qrSvg(url, t("attendance.host.qrLabel", { code: session.attendanceCode })) : null,
    canCorrect: canCorrect(session, now),
    registrants: registrants.map((r) => ({ userId: r.userId, name: r.name, status: r.status, attendedAt: r.attendedAt, source: r.source })),
    feedback: summaries.get(session.id) ?? null,
    anonymous: getConfig().feedbackAnonymous,
  };
}

type ActionResult = { ok: boolean; message: MessageKey | null; vars?: Record<string, string>; errors: FieldErrors; person?: string };

export async function hostSessionAction(request: Request, sessionId: string, now: Date = clockNow()) {
  const actor = await requireCan(request, "sessions.host");
  const session = await requireHostedSession(actor, sessionId);
  const form = await request.formData();
  const refuse = (result: ActionResult) => data(result, { status: 400 });
  if (form.get("intent") === "add") {
    const parsed = parseForm(WalkInSchema, form);
    if (!parsed.success) return refuse({ ok: false, message: null, errors: parsed.errors, person: parsed.values.person });
    const added = await addWalkIn(actor, session, parsed.data.person, now);
    if (!added.ok) {
      if (added.reason === "not-yet") return refuse({ ok: false, message: "attendance.host.correctNotYet", errors: {} });
      return refuse({ ok: false, message: null, errors: { person: "validation.unknownPerson" }, person: parsed.data.person });
    }
    return { ok: true, message: "attendance.host.walkInAdded", vars: { name: added.name }, errors: {} } satisfies ActionResult;
  }
  const parsed = parseForm(AttendanceCorrectionSchema, form);
  if (!parsed.success) return refuse({ ok: false, message: "errors.badRequestTitle", errors: {} });
  const result = await correctAttendance(actor, session, parsed.data, now);
  if (!result.ok)
    return refuse({
      ok: false,
      message: result.reason === "not-yet" ? "attendance.host.correctNotYet" : "attendance.host.notRegistrant",
      errors: {},
    });
  return {
    ok: true,
    message: parsed.data.attended ? "attendance.host.markedAttended" : "attendance.host.markedAbsent",
    errors: {},
  } satisfies ActionResult;
}
