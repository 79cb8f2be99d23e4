import { Form } from "@remix-run/react";
import { Fragment } from "react";
import { ErrorText } from "~/components/form";
import { useT } from "~/components/use-t";

export type CredentialCheckResult =
  | { kind: "throttled"; message: string }
  | { kind: "error"; message: string; pasted: string }
  | { kind: "checked"; tone: "passed" | "failed"; heading: string; facts: { label: string; value: string }[]; criteria: string; lang: string | null };

/** The verify page's second form: an Open Badges credential file, or its text pasted. Works without JavaScript. */
export function CredentialCheckForm({ orgName, maxKb, result }: { orgName: string; maxKb: number; result?: CredentialCheckResult }) {
  const t = useT();
  const error = result && result.kind !== "checked" ? result.message : null;
  return (
    <section aria-labelledby="credential-check-heading" className="stack">
      <h2 id="credential-check-heading">{t("badges.verifyCredentialTitle")}</h2>
      {result?.kind === "checked" ? (
        <div className="stack" role="status">
          <div className={`result result--${result.tone}`}>
            <p>
              <strong>
                <span aria-hidden="true">{result.tone === "passed" ? "✓ " : "✗ "}</span>
                {result.heading}
              </strong>
            </p>
          </div>
          <dl className="facts">
            {result.facts.map((f) => (
              <Fragment key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </Fragment>
            ))}
            {result.criteria ? (
              <>
                <dt>{t("badges.criteria")}</dt>
                <dd lang={result.lang ?? undefined}>{result.criteria}</dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}
      <p>{t("badges.verifyCredentialIntro", { org: orgName })}</p>
      {error ? (
        <div role="alert">
          <ErrorText id="credential-error">{error}</ErrorText>
        </div>
      ) : null}
      <Form method="post" action="/verify?index" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="field-credential">{t("badges.verifyFile", { kb: maxKb })}</label>
          <input
            id="field-credential"
            name="credential"
            type="file"
            accept=".json,application/json,application/ld+json"
            aria-describedby={error ? "credential-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="field-json">{t("badges.verifyPaste")}</label>
          <textarea id="field-json" name="json" rows={6} spellCheck={false} defaultValue={result?.kind === "error" ? result.pasted : ""} />
        </div>
        <p>
          <button type="submit" className="button">
            {t("badges.verifySubmit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
