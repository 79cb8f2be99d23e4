import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { SessionForm } from "~/components/session-parts";
import { useT } from "~/components/use-t";
import { getContent } from "~/content/registry.server";
import { getTranslator } from "~/i18n/locale.server";
import type { FieldErrors } from "~/schemas/form";
import { readSessionForm, sessionFormChoices, typedValues } from "~/sessions/form.server";
import { createSession } from "~/sessions/schedule.server";
import type { SessionFormValues } from "~/sessions/session-types";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "sessions.trainer.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "sessions.manage");
  const { locale, t } = await getTranslator(request, user);
  return sessionFormChoices(await getContent(), locale, t);
}

type ActionData = { errors: FieldErrors; values: Partial<SessionFormValues> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(request, "sessions.manage");
  const form = await request.formData();
  const read = readSessionForm(form);
  if (!read.ok) return data<ActionData>({ errors: read.errors, values: read.values }, { status: 400 });
  const result = await createSession(user, read.input, await getContent());
  if (!result.ok) return data<ActionData>({ errors: { [result.field]: result.message }, values: typedValues(form) }, { status: 400 });
  return redirect(`/trainer/sessions/${result.id}?created=1`);
}

export default function NewSessionPage() {
  const { hosts, modules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="narrow">
      <p>
        <Link to="/trainer/sessions">← {t("sessions.trainer.title")}</Link>
      </p>
      <h1>{t("sessions.trainer.new")}</h1>
      <SessionForm
        values={actionData?.values ?? { capacity: "20", hours: "2" }}
        errors={actionData?.errors}
        hosts={hosts.map((h) => ({ id: h.id, label: h.label }))}
        modules={modules}
        submitLabel={t("sessions.trainer.create")}
      />
    </div>
  );
}
