// Pieces the live-session pages share: a session's facts, the list of cards, and the trainer's
// scheduling form (also used to change a session). Plain data in, no server imports.
import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "~/schemas/form";
import type { SessionCard, SessionFormValues } from "~/sessions/session-types";
import { formatHours, formatSessionTime } from "~/i18n/format";
import { ErrorText, Field, FormAlert, SelectField } from "./form";
import { useI18n, useT } from "./use-t";

/** When, where, the link, the host, the modules and the JP of a session. */
export function SessionFacts({ session }: { session: SessionCard }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <dl className="facts">
      <dt>{t("sessions.when")}</dt>
      <dd>
        {formatSessionTime(locale, session.startsAt, session.endsAt, timeZone)} <span className="muted">({timeZone})</span>
      </dd>
      {session.place ? (
        <>
          <dt>{t("sessions.place")}</dt>
          <dd>{session.place}</dd>
        </>
      ) : null}
      {session.meetingUrl ? (
        <>
          <dt>{t("sessions.meetingLink")}</dt>
          <dd>
            <a href={session.meetingUrl} rel="noopener noreferrer" target="_blank">
              {session.meetingUrl}
            </a>
          </dd>
        </>
      ) : null}
      <dt>{t("sessions.host")}</dt>
      <dd>{session.hostName}</dd>
      <dt>{t("sessions.modules")}</dt>
      <dd>{session.modules.join(", ")}</dd>
      <dt>{t("sessions.hours")}</dt>
      <dd>{formatHours(locale, session.hours)}</dd>
    </dl>
  );
}

/** The cards of upcoming sessions, each opening the session's page; the first is the page's main action. */
export function SessionCards({ sessions, empty, mainAction = false }: { sessions: SessionCard[]; empty: string; mainAction?: boolean }) {
  const t = useT();
  if (sessions.length === 0) return <p>{empty}</p>;
  return (
    <ul className="module-grid">
      {sessions.map((s, i) => {
        const left = Math.max(0, s.capacity - s.registered);
        return (
          <li key={s.id} className="module-card">
            <div className="module-card__head">
              <h3>
                <Link to={`/sessions/${s.id}`} data-main-action={mainAction && i === 0 ? true : undefined}>
                  {s.title}
                </Link>
              </h3>
              {s.mine ? (
                <span className="badge badge--passed">{t(s.mine === "registered" ? "sessions.badge.registered" : "sessions.badge.waitlisted")}</span>
              ) : null}
            </div>
            <SessionFacts session={s} />
            <p className="muted">{left > 0 ? t("sessions.placesLeft", { left, capacity: s.capacity }) : t("sessions.full")}</p>
          </li>
        );
      })}
    </ul>
  );
}

export type HostChoice = { id: string; label: string };
export type ModuleChoice = { slug: string; title: string };

function TextArea({ name, label, value, errors }: { name: string; label: string; value?: string; errors?: FieldErrors }) {
  const t = useT();
  const error = errors?.[name];
  const id = `field-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <ErrorText id={`${id}-error`}>{error ? t(error) : null}</ErrorText>
    </div>
  );
}

/** Scheduling or changing a session: times in TIME_ZONE, works without JavaScript. */
export function SessionForm({
  values,
  errors,
  hosts,
  modules,
  submitLabel,
  intent,
}: {
  values: Partial<SessionFormValues>;
  errors?: FieldErrors;
  hosts: HostChoice[];
  modules: ModuleChoice[];
  submitLabel: string;
  intent?: string;
}) {
  const t = useT();
  const { timeZone } = useI18n();
  const chosen = new Set(values.modules ?? []);
  const v = (k: keyof SessionFormValues) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return (
    <Form method="post" noValidate className="stack">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormAlert message={errors?.form ? t(errors.form) : null} />
      <Field name="titleEn" label={t("sessions.field.titleEn")} defaultValue={v("titleEn")} errors={errors} required maxLength={200} lang="en" />
      <Field name="titleId" label={t("sessions.field.titleId")} defaultValue={v("titleId")} errors={errors} required maxLength={200} lang="id" />
      <TextArea name="descriptionEn" label={t("sessions.field.descriptionEn")} value={v("descriptionEn")} errors={errors} />
      <TextArea name="descriptionId" label={t("sessions.field.descriptionId")} value={v("descriptionId")} errors={errors} />
      <SelectField
        name="hostId"
        label={t("sessions.field.host")}
        errors={errors}
        defaultValue={v("hostId")}
        required
        options={[{ value: "", label: t("sessions.field.chooseHost") }, ...hosts.map((h) => ({ value: h.id, label: h.label }))]}
      />
      <Field name="day" type="date" label={t("sessions.field.day")} defaultValue={v("day")} errors={errors} required />
      <Field
        name="startTime"
        type="time"
        label={t("sessions.field.startTime")}
        hint={t("sessions.field.timeHint", { zone: timeZone })}
        defaultValue={v("startTime")}
        errors={errors}
        required
      />
      <Field name="endTime" type="time" label={t("sessions.field.endTime")} defaultValue={v("endTime")} errors={errors} required />
      <Field
        name="place"
        label={t("sessions.field.place")}
        hint={t("sessions.field.placeHint")}
        defaultValue={v("place")}
        errors={errors}
        maxLength={300}
      />
      <Field
        name="meetingUrl"
        type="url"
        label={t("sessions.field.meetingUrl")}
        hint={t("sessions.field.meetingUrlHint")}
        defaultValue={v("meetingUrl")}
        errors={errors}
        inputMode="url"
      />
      <Field name="capacity" label={t("sessions.field.capacity")} defaultValue={v("capacity")} errors={errors} inputMode="numeric" required />
      <Field name="hours" label={t("sessions.field.hours")} defaultValue={v("hours")} errors={errors} inputMode="decimal" required />
      <fieldset aria-describedby={errors?.modules ? "field-modules-error" : undefined} aria-invalid={errors?.modules ? true : undefined}>
        <legend>{t("sessions.field.modules")}</legend>
        {modules.map((m) => (
          <label className="checkbox" key={m.slug}>
            <input type="checkbox" name="modules" value={m.slug} defaultChecked={chosen.has(m.slug)} /> {m.title}
          </label>
        ))}
        <ErrorText id="field-modules-error">{errors?.modules ? t(errors.modules) : null}</ErrorText>
      </fieldset>
      <button type="submit" className="button button--primary">
        {submitLabel}
      </button>
    </Form>
  );
}
