import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { Field, FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { useT } from "~/components/use-t";
import { requestPasswordReset } from "~/notifications/password-reset.server";
import { parseForm } from "~/schemas/form";
import { ForgotPasswordSchema } from "~/schemas/notifications";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "forgot.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotPasswordSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, sent: false }, { status: 400 });
  // The same answer whether or not the address has an account (and whether it was throttled).
  await requestPasswordReset(parsed.data.email, context.clientIp ?? "unknown");
  return { errors: {}, values: {}, sent: true };
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("forgot.title")}</h1>
      {actionData?.sent ? (
        <FormAlert message={t("forgot.sent")} tone="success" />
      ) : (
        <>
          <p className="lead">{t("forgot.intro")}</p>
          <Form method="post" noValidate className="stack">
            <Field
              name="email"
              type="email"
              label={t("fields.email")}
              autoComplete="username"
              required
              defaultValue={actionData?.values && "email" in actionData.values ? String(actionData.values.email) : undefined}
              errors={actionData?.errors}
            />
            <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("forgot.back")}</Link>
      </p>
    </div>
  );
}
