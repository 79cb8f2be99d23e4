import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { attemptLogin, refusePasswordLogin } from "~/auth/login.server";
import { mayUsePassword } from "~/auth/sso-accounts.server";
import { providerLogoutUrl, ssoSettings } from "~/auth/sso.server";
import { getSessionUser, safeRedirectPath, startSession } from "~/auth/session.server";
import { Field, FormAlert } from "~/components/form";
import type { FieldErrors } from "~/schemas/form";
import { useT } from "~/components/use-t";
import { homePathFor } from "~/auth/home.server";
import { getTranslator } from "~/i18n/locale.server";
import { settleLocaleAtSignIn } from "~/people/locale.server";
import { formatDateTime } from "~/i18n/format";
import { getConfig } from "~/config.server";
import { LoginSchema } from "~/schemas/auth";
import { LoginPageQuerySchema } from "~/schemas/sso";
import { parseForm } from "~/schemas/form";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const found = await getSessionUser(request);
  if (found) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo"), await homePathFor(found.user)));
  const query = LoginPageQuerySchema.parse(Object.fromEntries(url.searchParams));
  const sso = ssoSettings();
  const adminsOnly = Boolean(sso) && getConfig().passwordLogin === "admins-only";
  return {
    sso,
    ssoError: sso ? (query.sso_error ?? null) : null,
    providerLogoutUrl: sso && query.signed_out ? await providerLogoutUrl() : null,
    adminsOnly,
    showPasswordForm: !adminsOnly || query.admin === "1",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(LoginSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, alert: null }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const ip = context.clientIp ?? "unknown";
  const sso = ssoSettings();
  // With password login for admins only, everyone else is refused with one answer whether or not
  // the password was right, so the form tells nobody which accounts are admins.
  const adminsOnly = sso && getConfig().passwordLogin === "admins-only";
  const result = adminsOnly && !(await mayUsePassword(email)) ? await refusePasswordLogin(email, ip) : await attemptLogin(email, password, ip);
  if (result.ok) {
    await settleLocaleAtSignIn(request, result.userId);
    return startSession(result.userId, safeRedirectPath(redirectTo, await homePathFor(result.userId)));
  }
  const { t, locale } = await getTranslator(request);
  const alert =
    result.reason === "locked"
      ? t("login.locked", { time: formatDateTime(locale, result.retryAt, getConfig().timeZone) })
      : adminsOnly
        ? t("login.passwordOff", { provider: sso.displayName })
        : result.reason === "deactivated"
          ? t("login.deactivated")
          : t("login.wrong");
  return data({ errors: {}, values: { email }, alert }, { status: result.reason === "locked" ? 429 : adminsOnly ? 403 : 400 });
}

export default function LoginPage() {
  const { sso, ssoError, providerLogoutUrl, adminsOnly, showPasswordForm } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const redirectTo = params.get("redirectTo") ?? "";
  const ssoHref = `/auth/sso${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <p className="lead">{adminsOnly ? t("login.adminOnlyIntro") : t("login.intro")}</p>
      {sso && providerLogoutUrl ? (
        <p className="notice" role="status">
          {t("login.signedOutSso", { provider: sso.displayName })}{" "}
          <a href={providerLogoutUrl}>{t("login.signOutProvider", { provider: sso.displayName })}</a>
        </p>
      ) : null}
      <FormAlert message={actionData?.alert ?? (sso && ssoError ? t(`login.ssoError.${ssoError}`, { provider: sso.displayName }) : null)} />
      {sso ? (
        <p>
          <a className="button button--primary" href={ssoHref}>
            {t("login.sso", { provider: sso.displayName })}
          </a>
        </p>
      ) : null}
      {showPasswordForm ? (
        <PasswordForm
          withHeading={Boolean(sso)}
          redirectTo={redirectTo}
          values={actionData?.values}
          errors={actionData?.errors}
          submitting={navigation.state === "submitting"}
        />
      ) : null}
      {adminsOnly && !showPasswordForm ? (
        <p className="muted">
          <a href="/login?admin=1">{t("login.adminLink")}</a>
        </p>
      ) : null}
      {adminsOnly ? null : (
        <p>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </p>
      )}
    </div>
  );
}

type PasswordFormProps = {
  withHeading: boolean;
  redirectTo: string;
  values?: { email?: string };
  errors?: FieldErrors;
  submitting: boolean;
};

function PasswordForm({ withHeading, redirectTo, values, errors, submitting }: PasswordFormProps) {
  const t = useT();
  return (
    <>
      {withHeading ? <h2>{t("login.orPassword")}</h2> : null}
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="email" type="email" label={t("fields.email")} autoComplete="username" required defaultValue={values?.email} errors={errors} />
        <Field name="password" type="password" label={t("fields.password")} autoComplete="current-password" required errors={errors} />
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("login.submit")}
        </button>
      </Form>
    </>
  );
}
