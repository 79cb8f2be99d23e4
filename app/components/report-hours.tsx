import { useI18n, useT } from "~/components/use-t";
import { formatHours } from "~/i18n/format";

/** The training record's lesson-hours filters: the year, and only people under the target. */
export function HoursFilterFields({ year, underTarget }: { year: number; underTarget: boolean }) {
  const t = useT();
  return (
    <>
      <div className="field">
        <label htmlFor="f-year">{t("hours.year")}</label>
        <input id="f-year" name="year" type="number" min={2000} max={2100} step={1} inputMode="numeric" defaultValue={year} />
      </div>
      <label className="option">
        <input type="checkbox" name="underTarget" value="1" defaultChecked={underTarget} />
        {t("hours.onlyUnder")}
      </label>
    </>
  );
}

/** A person's lesson hours in the report's year, flagged when under the target. */
export function HoursCell({ hours, underTarget, sessionHours = 0 }: { hours: number; underTarget: boolean; sessionHours?: number }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <td>
      {formatHours(locale, hours)}
      {sessionHours > 0 ? (
        <>
          <br />
          <span className="muted">{t("attendance.hoursFromSessions", { hours: formatHours(locale, sessionHours) })}</span>
        </>
      ) : null}
      {underTarget ? (
        <>
          <br />
          <strong className="due--overdue">{t("hours.underTarget")}</strong>
        </>
      ) : null}
    </td>
  );
}
