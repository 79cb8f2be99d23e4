import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CredentialCheckForm } from "~/badges/credential-check";
import { checkSubmittedCredential, CREDENTIAL_MAX_KB } from "~/badges/verify-page.server";
import { getConfig } from "~/config.server";
import { getSessionUser } from "~/auth/session.server";
import { normalizeCertificateCode } from "~/certificates/code.server";
import { VerifyForm } from "~/certificates/verify-form";
import { useT } from "~/components/use-t";
import { getTranslator } from "~/i18n/locale.server";
import { VerifyQuerySchema } from "~/schemas/certificates";
import { parseForm, type FieldErrors } from "~/schemas/form";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

/**
 * Public on purpose (no requireUser): whoever holds a certificate's code may check it. The
 * form is a GET, so it works without JavaScript; a typed code goes to its canonical address.
 * The look-up itself, and its rate limit, are in verify.$code.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const found = await getSessionUser(request);
  const { t } = await getTranslator(request, found?.user);
  const title = t("verify.title");
  const page = { title, orgName: getConfig().orgName, maxKb: CREDENTIAL_MAX_KB };
  if (!params.has("code")) return { ...page, errors: null as FieldErrors | null, value: "" };
  const parsed = parseForm(VerifyQuerySchema, params);
  if (!parsed.success) return data({ ...page, errors: parsed.errors, value: (parsed.values.code ?? "").slice(0, 64) }, { status: 400 });
  const code = normalizeCertificateCode(parsed.data.code);
  if (!code) return data({ ...page, errors: { code: "validation.certificateCode" } as FieldErrors, value: parsed.data.code }, { status: 400 });
  throw redirect(`/verify/${code}`);
}

/** Public too: an Open Badges credential file (or its text) checked offline against our key and status list. */
export async function action({ request, context }: ActionFunctionArgs) {
  const found = await getSessionUser(request);
  const translator = await getTranslator(request, found?.user);
  const { status, view } = await checkSubmittedCredential(request, context.clientIp ?? "unknown", translator);
  return data(view, { status, headers: view.kind === "throttled" ? { "Retry-After": String(view.retryAfter) } : undefined });
}

export default function VerifyIndexPage() {
  const { errors, value, orgName, maxKb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("verify.title")}</h1>
      <p className="lead">{t("verify.intro")}</p>
      <VerifyForm errors={errors} value={value} />
      <CredentialCheckForm orgName={orgName} maxKb={maxKb} result={result} />
    </div>
  );
}
