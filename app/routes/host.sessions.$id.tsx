// One hosted session: the attendance code and QR code while the window is open, the registrants
// with their attendance, the host's corrections, and the feedback summary.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackSummaryView } from "~/components/feedback-summary";
import { Field, FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime, formatHours } from "~/i18n/format";
import { routeParam } from "~/schemas/route-params";
import { hostSessionAction, hostSessionData } from "~/sessions/host-page.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.session.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return hostSessionData(request, routeParam(params, "id"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return hostSessionAction(request, routeParam(params, "id"));
}

export default function HostSessionPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const when = (v: string | Date) => formatDateTime(locale, v, timeZone);
  const { session } = d;
  return (
    <div>
      <p>
        <Link to="/host/sessions">← {t("attendance.host.listTitle")}</Link>
      </p>
      <h1>{session.title}</h1>
      <p className="lead">
        {when(session.startsAt)} – {when(session.endsAt)} · {t("hours.value", { hours: formatHours(locale, session.hours) })}
      </p>
      {session.place ? <p>{session.place}</p> : null}
      {session.cancelled ? <p className="notice">{t("attendance.host.cancelledNotice")}</p> : null}

      <section aria-labelledby="code-heading" className="panel">
        <h2 id="code-heading">{t("attendance.host.codeTitle")}</h2>
        {d.code && d.qr && d.checkInUrl ? (
          <>
            <p>{t("attendance.host.codeIntro")}</p>
            <p
              className="attendance-code"
              data-testid="attendance-code"
              aria-label={t("attendance.host.codeAria", { code: d.code.split("").join(" ") })}
            >
              {d.code}
            </p>
            <div className="attendance-qr" dangerouslySetInnerHTML={{ __html: d.qr }} />
            <p className="muted">
              {t("attendance.host.qrLink")} <a href={d.checkInUrl}>{d.checkInUrl}</a>
            </p>
          </>
        ) : d.state === "before" ? (
          <p>{t("attendance.host.codeLater", { time: when(d.opensAt) })}</p>
        ) : (
          <p>{t("attendance.host.codeOver")}</p>
        )}
      </section>

      <section aria-labelledby="registrants-heading">
        <h2 id="registrants-heading">{t("attendance.host.registrants")}</h2>
        <FormAlert message={result?.message ? t(result.message, result.vars) : null} tone={result?.ok ? "success" : "error"} />
        {d.canCorrect ? <p className="muted">{t("attendance.host.correctIntro")}</p> : null}
        {d.registrants.length === 0 ? (
          <p>{t("attendance.host.noRegistrants")}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="registrants-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("attendance.host.place")}</th>
                  <th scope="col">{t("attendance.host.attendance")}</th>
                  {d.canCorrect ? <th scope="col">{t("attendance.host.correct")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.registrants.map((r) => (
                  <tr key={r.userId} data-testid="registrant">
                    <th scope="row">{r.name}</th>
                    <td>{t(`attendance.status.${r.status}`)}</td>
                    <td>
                      {r.attendedAt
                        ? t(r.source === "host" ? "attendance.host.attendedByHost" : "attendance.host.attendedAt", { time: when(r.attendedAt) })
                        : t("attendance.host.notAttended")}
                    </td>
                    {d.canCorrect ? (
                      <td>
                        {r.status !== "cancelled" || r.attendedAt ? (
                          <Form method="post">
                            <input type="hidden" name="userId" value={r.userId} />
                            <input type="hidden" name="attended" value={r.attendedAt ? "no" : "yes"} />
                            <button type="submit" className="button button--quiet">
                              {t(r.attendedAt ? "attendance.host.markAbsent" : "attendance.host.markAttended")}
                              <span className="visually-hidden">: {r.name}</span>
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.canCorrect ? (
          <Form method="post" noValidate className="stack narrow" aria-labelledby="walk-in-heading">
            <h3 id="walk-in-heading">{t("attendance.host.walkInTitle")}</h3>
            <input type="hidden" name="intent" value="add" />
            <Field
              name="person"
              label={t("attendance.host.walkInPerson")}
              hint={t("attendance.host.walkInIntro")}
              required
              autoComplete="off"
              defaultValue={result?.ok ? "" : (result?.person ?? "")}
              errors={result?.errors}
            />
            <button type="submit" className="button">
              {t("attendance.host.walkInSubmit")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="feedback-heading">
        <h2 id="feedback-heading">{t("attendance.feedback.summaryTitle")}</h2>
        <p className="muted">{t(d.anonymous ? "attendance.feedback.anonymousNote" : "attendance.feedback.namedNote")}</p>
        <FeedbackSummaryView summary={d.feedback} id={`session-${session.id}`} />
      </section>
    </div>
  );
}
