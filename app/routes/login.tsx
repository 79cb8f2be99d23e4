import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { attemptLogin } from "~/auth/login.server";
import { getSessionUser, safeRedirectPath, startSession } from "~/auth/session.server";
import { Field, FormAlert } from "~/components/form";
import { useT } from "~/components/use-t";
import { getTranslator } from "~/i18n/locale.server";
import { formatDateTime } from "~/i18n/format";
import { getConfig } from "~/config.server";
import { LoginSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  if (found) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(LoginSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, alert: null }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const result = await attemptLogin(email, password, context.clientIp ?? "unknown");
  if (result.ok) return startSession(result.userId, safeRedirectPath(redirectTo, "/learn"));
  const { t, locale } = await getTranslator(request);
  const alert =
    result.reason === "locked"
      ? t("login.locked", { time: formatDateTime(locale, result.retryAt, getConfig().timeZone) })
      : result.reason === "deactivated"
        ? t("login.deactivated")
        : t("login.wrong");
  return data({ errors: {}, values: { email }, alert }, { status: result.reason === "locked" ? 429 : 400 });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <p className="lead">{t("login.intro")}</p>
      <FormAlert message={actionData?.alert} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          required
          defaultValue={actionData?.values?.email}
          errors={actionData?.errors}
        />
        <Field
          name="password"
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
          required
          errors={actionData?.errors}
        />
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
    </div>
  );
}
