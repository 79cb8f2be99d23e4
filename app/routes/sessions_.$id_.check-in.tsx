// Checking in to a live session with the host's code. The QR code opens this page with the code
// filled in; a GET only shows the form, the POST records (so a preview or prefetch of the link
// never checks anyone in).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { routeParam } from "~/schemas/route-params";
import { checkInAction, checkInPageData } from "~/sessions/check-in-page.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "attendance.checkIn.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return checkInPageData(request, routeParam(params, "id"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return checkInAction(request, routeParam(params, "id"));
}

export default function CheckInPage() {
  const { session, opensAt, state, attendedAt, registered, code } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const when = (d: string | Date) => formatDateTime(locale, d, timeZone);
  const done = result?.ok || attendedAt !== null;
  return (
    <div className="narrow">
      <h1>{t("attendance.checkIn.title")}</h1>
      <p className="lead">{session.title}</p>
      <p>{t("attendance.checkIn.times", { start: when(session.startsAt), end: when(session.endsAt) })}</p>
      <FormAlert message={result?.message ?? null} tone={result?.ok ? "success" : "error"} />
      {attendedAt && !result ? (
        <p role="status" className="alert alert--success">
          {t("attendance.checkIn.alreadyShort", { time: when(attendedAt) })}
        </p>
      ) : null}
      {attendedAt && state === "ended" ? (
        <p>
          <Link to={`/sessions/${session.id}/feedback`} className="button">
            {t("attendance.feedback.giveSession")}
          </Link>
        </p>
      ) : null}
      {!done && state === "before" ? <p className="notice">{t("attendance.checkIn.notOpen", { time: when(opensAt) })}</p> : null}
      {!done && state === "ended" ? <p className="notice">{t("attendance.checkIn.ended", { time: when(session.endsAt) })}</p> : null}
      {!done && !registered ? <p className="notice">{t("attendance.checkIn.notRegistered")}</p> : null}
      {!done ? (
        <Form method="post" noValidate className="stack">
          <Field
            name="code"
            label={t("attendance.checkIn.code")}
            hint={t("attendance.checkIn.codeHint")}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={result?.code ?? code}
            errors={result?.errors}
          />
          <button type="submit" className="button button--primary" data-main-action>
            {t("attendance.checkIn.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
