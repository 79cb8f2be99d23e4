import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { FormAlert } from "~/components/form";
import { DataTable } from "~/components/hr/data-table";
import { pageMeta } from "~/components/meta";
import { SessionFacts, SessionForm } from "~/components/session-parts";
import { useI18n, useT } from "~/components/use-t";
import { getContent } from "~/content/registry.server";
import { formatDateTime } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import type { FieldErrors } from "~/schemas/form";
import { routeParam } from "~/schemas/route-params";
import { TrainerSessionIntentSchema } from "~/schemas/sessions";
import { readSessionForm, sessionFormChoices, typedValues } from "~/sessions/form.server";
import { sessionForTrainer } from "~/sessions/queries.server";
import { cancelSession, updateSession } from "~/sessions/schedule.server";
import type { Registrant, SessionFormValues } from "~/sessions/session-types";
import { clockNow } from "~/utils/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.session.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "sessions.manage");
  const { locale, t } = await getTranslator(request, user);
  const state = await getContent();
  const found = await sessionForTrainer(user, routeParam(params, "id"), state, locale, clockNow());
  if (!found) throw new Response("Not found", { status: 404 });
  return { ...found, ...(await sessionFormChoices(state, locale, t)) };
}

type ActionData = { errors: FieldErrors; values: Partial<SessionFormValues> | null; notice: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCan(request, "sessions.manage");
  const id = routeParam(params, "id");
  const form = await request.formData();
  const intent = TrainerSessionIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const { t } = await getTranslator(request, user);
  if (intent.data.intent === "cancel") {
    const done = await cancelSession(user, id);
    if (!done) return data<ActionData>({ errors: { form: "sessions.trainer.notEditable" }, values: null, notice: null }, { status: 409 });
    return data<ActionData>({ errors: {}, values: null, notice: t("sessions.trainer.cancelledNotice") });
  }
  const read = readSessionForm(form);
  if (!read.ok) return data<ActionData>({ errors: read.errors, values: read.values, notice: null }, { status: 400 });
  const result = await updateSession(user, id, read.input, await getContent());
  if (!result) throw new Response("Not found", { status: 404 });
  if (!result.ok) return data<ActionData>({ errors: { [result.field]: result.message }, values: typedValues(form), notice: null }, { status: 400 });
  return data<ActionData>({ errors: {}, values: null, notice: t("sessions.trainer.savedNotice") });
}

function People({ rows, title, id, numbered }: { rows: Registrant[]; title: string; id: string; numbered?: boolean }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} ({rows.length})
      </h2>
      <DataTable
        labelledBy={id}
        empty={rows.length === 0 ? t("sessions.trainer.nobody") : null}
        headers={[
          ...(numbered ? [t("sessions.trainer.position")] : []),
          t("sessions.trainer.name"),
          t("sessions.trainer.email"),
          t("sessions.trainer.since"),
        ]}
      >
        {rows.map((r, i) => (
          <tr key={r.userId}>
            {numbered ? <td>{i + 1}</td> : null}
            <td>{r.name}</td>
            <td>{r.email}</td>
            <td>{formatDateTime(locale, r.since, timeZone)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export default function TrainerSessionPage() {
  const { session, values, editable, registrants, waitlist, hosts, modules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const notice = actionData?.notice ?? (search.get("created") === "1" && !actionData ? t("sessions.trainer.createdNotice") : null);
  return (
    <div>
      <p>
        <Link to="/trainer/sessions">← {t("sessions.trainer.title")}</Link>
      </p>
      <h1>{session.title}</h1>
      <FormAlert message={notice} tone="success" />
      <p className="lead" data-main-action>
        {session.status === "cancelled" ? t("sessions.trainer.cancelledStatus") : t("sessions.trainer.scheduled")} ·{" "}
        {t("sessions.trainer.countsValue", { registered: session.registered, waitlisted: session.waitlisted, capacity: session.capacity })}
      </p>
      <SessionFacts session={session} />
      <People rows={registrants} title={t("sessions.trainer.registrants")} id="registrants" />
      <People rows={waitlist} title={t("sessions.trainer.waitlist")} id="waitlist" numbered />
      {editable ? (
        <>
          <section aria-labelledby="edit" className="narrow">
            <h2 id="edit">{t("sessions.trainer.edit")}</h2>
            <SessionForm
              key={notice ?? "form"}
              values={actionData?.values ?? values}
              errors={actionData?.errors}
              hosts={hosts}
              modules={modules}
              submitLabel={t("sessions.trainer.save")}
              intent="update"
            />
          </section>
          <section aria-labelledby="cancel">
            <h2 id="cancel">{t("sessions.trainer.cancelTitle")}</h2>
            <p>{t("sessions.trainer.cancelHint")}</p>
            <Form method="post">
              <button type="submit" name="intent" value="cancel" className="button button--danger">
                {t("sessions.trainer.cancelButton")}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <FormAlert message={actionData?.errors.form ? t(actionData.errors.form) : null} />
      )}
      {!editable ? <p className="muted">{t("sessions.trainer.notEditable")}</p> : null}
    </div>
  );
}
