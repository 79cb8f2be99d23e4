import { Form, Link } from "@remix-run/react";
import { firstErrorField, FormAlert } from "~/components/form";
import { useT } from "~/components/use-t";
import type { FieldErrors } from "~/schemas/form";
import type { MessageKey } from "~/i18n/translate";

type PageData = {
  subject: { type: "session" | "module"; title: string; backTo: string };
  eligible: boolean;
  reason: string | null;
  own: { rating: number; comment: string } | null;
  anonymous: boolean;
  max: number;
};

type Result = { ok: boolean; errors: FieldErrors; values: Record<string, string> } | undefined;

const REASONS: Record<string, MessageKey> = {
  "not-ended": "attendance.feedback.notEnded",
  "not-attended": "attendance.feedback.notAttended",
  "not-certified": "attendance.feedback.notCertified",
};

/** The feedback page of a session or a module: a rating from 1 to 5 and a comment, one per person. */
export function FeedbackPage({ page, result }: { page: PageData; result: Result }) {
  const t = useT();
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const rating = values.rating ?? (page.own ? String(page.own.rating) : "");
  const comment = values.comment ?? page.own?.comment ?? "";
  const first = firstErrorField(errors);
  return (
    <div className="narrow">
      <p>
        <Link to={page.subject.backTo}>← {t("attendance.feedback.back")}</Link>
      </p>
      <h1>{t("attendance.feedback.title", { title: page.subject.title })}</h1>
      {!page.eligible ? (
        <p className="notice">{t(REASONS[page.reason ?? ""] ?? "attendance.feedback.notEligible")}</p>
      ) : (
        <>
          <p className="lead">{t(page.anonymous ? "attendance.feedback.introAnonymous" : "attendance.feedback.introNamed")}</p>
          {page.own && !result ? <p className="muted">{t("attendance.feedback.replaces")}</p> : null}
          <FormAlert
            message={result?.ok ? t("attendance.feedback.saved") : errors.form ? t(errors.form) : null}
            tone={result?.ok ? "success" : "error"}
          />
          <Form method="post" noValidate className="stack">
            <fieldset className={`field${errors.rating ? " field--invalid" : ""}`} aria-describedby={errors.rating ? "rating-error" : undefined}>
              <legend>{t("attendance.feedback.rating")}</legend>
              <div className="rating-choices">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n}>
                    <input type="radio" name="rating" value={n} defaultChecked={rating === String(n)} autoFocus={first === "rating" && n === 1} />
                    {t(`attendance.feedback.rating${n as 1 | 2 | 3 | 4 | 5}`)}
                  </label>
                ))}
              </div>
              {errors.rating ? (
                <p className="field__error" id="rating-error">
                  <span aria-hidden="true">⚠ </span>
                  {t(errors.rating)}
                </p>
              ) : null}
            </fieldset>
            <div className={`field${errors.comment ? " field--invalid" : ""}`}>
              <label htmlFor="field-comment">{t("attendance.feedback.comment")}</label>
              <p className="field__hint" id="field-comment-hint">
                {t("attendance.feedback.commentHint", { max: page.max })}
              </p>
              <textarea
                id="field-comment"
                name="comment"
                rows={5}
                maxLength={page.max}
                defaultValue={comment}
                aria-invalid={errors.comment ? true : undefined}
                aria-describedby={errors.comment ? "field-comment-hint field-comment-error" : "field-comment-hint"}
                autoFocus={first === "comment"}
              />
              {errors.comment ? (
                <p className="field__error" id="field-comment-error">
                  <span aria-hidden="true">⚠ </span>
                  {t(errors.comment)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--primary">
              {t("attendance.feedback.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
