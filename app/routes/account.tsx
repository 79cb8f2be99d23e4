import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changePassword } from "~/account/password.server";
import { requireCan } from "~/auth/policy.server";
import { getSessionUser } from "~/auth/session.server";
import { Field, FormAlert } from "~/components/form";
import { NewPasswordFields } from "~/components/password-fields";
import { useT } from "~/components/use-t";
import { getTranslator, localeCookie } from "~/i18n/locale.server";
import { saveLocalePreference } from "~/people/locale.server";
import { AccountLanguageSchema, ChangePasswordSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { pageMeta } from "~/components/meta";
import { ownPreferences, savePreferences } from "~/notifications/preferences.server";
import { PreferencesSchema } from "~/schemas/notifications";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "account.own");
  const { locale } = await getTranslator(request, user);
  const languageSaved = new URL(request.url).searchParams.get("saved") === "language";
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    staffNumber: user.staffNumber,
    prefs: await ownPreferences(user.id),
    locale,
    languageSaved,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(request, "account.own");
  const form = await request.formData();
  if (form.get("intent") === "language") {
    const parsed = parseForm(AccountLanguageSchema, form);
    if (!parsed.success) return data({ errors: parsed.errors, done: null }, { status: 400 });
    await saveLocalePreference(user.id, parsed.data.locale);
    // The cookie too, so the pages follow at once (and after signing out on this browser).
    return redirect("/account?saved=language", { headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) } });
  }
  if (form.get("intent") === "preferences") {
    const prefs = PreferencesSchema.safeParse(Object.fromEntries(form));
    if (!prefs.success) return data({ errors: {}, done: null, prefsSaved: false }, { status: 400 });
    await savePreferences(user.id, prefs.data);
    return { errors: {}, done: null, prefsSaved: true };
  }
  const session = (await getSessionUser(request))!.session;
  const parsed = parseForm(ChangePasswordSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, done: null }, { status: 400 });
  const result = await changePassword(user.id, session.id, parsed.data.currentPassword, parsed.data.password);
  if (!result.ok) return data({ errors: { currentPassword: "validation.wrongPassword" as const }, done: null }, { status: 400 });
  const { t } = await getTranslator(request, user);
  return { errors: {}, done: t("account.passwordChanged") };
}

export default function AccountPage() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <dt>{t("fields.name")}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t("fields.email")}</dt>
        <dd>{account.email}</dd>
        {account.staffNumber ? (
          <>
            <dt>{t("fields.staffNumber")}</dt>
            <dd>{account.staffNumber}</dd>
          </>
        ) : null}
        <dt>{t("fields.role")}</dt>
        <dd>{t(`roles.${account.role}`)}</dd>
      </dl>
      <h2 id="language">{t("account.language.title")}</h2>
      <FormAlert message={account.languageSaved && !actionData ? t("account.language.saved") : null} tone="success" />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="language" />
        <fieldset aria-describedby="language-intro">
          <legend>{t("account.language.legend")}</legend>
          <p className="field__hint" id="language-intro">
            {t("account.language.intro")}
          </p>
          <label className="checkbox" lang="en">
            <input type="radio" name="locale" value="en" defaultChecked={account.locale === "en"} /> English
          </label>
          <label className="checkbox" lang="id">
            <input type="radio" name="locale" value="id" defaultChecked={account.locale === "id"} /> Bahasa Indonesia
          </label>
        </fieldset>
        <button type="submit" className="button">
          {t("account.language.save")}
        </button>
      </Form>
      <h2>{t("account.changePassword")}</h2>
      <FormAlert message={actionData?.done} tone="success" />
      <Form method="post" noValidate className="stack">
        <Field
          name="currentPassword"
          type="password"
          label={t("fields.currentPassword")}
          autoComplete="current-password"
          required
          errors={actionData?.errors}
        />
        <NewPasswordFields email={account.email} errors={actionData?.errors} />
        <button type="submit" className="button button--primary">
          {t("account.changePasswordSubmit")}
        </button>
      </Form>
      <h2>{t("prefs.title")}</h2>
      <FormAlert message={actionData && "prefsSaved" in actionData ? t("prefs.saved") : null} tone="success" />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="preferences" />
        <fieldset>
          <legend>{t("prefs.intro")}</legend>
          <label className="checkbox">
            <input type="checkbox" name="reminders" defaultChecked={account.prefs.reminders} /> {t("prefs.reminders")}
          </label>
          <label className="checkbox">
            <input type="checkbox" name="digests" defaultChecked={account.prefs.digests} /> {t("prefs.digests")}
          </label>
        </fieldset>
        <button type="submit" className="button">
          {t("prefs.save")}
        </button>
      </Form>
    </div>
  );
}
