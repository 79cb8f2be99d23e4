import { useI18n, useT } from "~/components/use-t";
import { formatHours } from "~/i18n/format";

/** My learning: this year's lesson hours (JP) against the yearly target. */
export function YearHoursSummary({ year, hours, target, sessionHours = 0 }: { year: number; hours: number; target: number; sessionHours?: number }) {
  const t = useT();
  const { locale } = useI18n();
  const f = (n: number) => formatHours(locale, n);
  const percent = Math.min(100, Math.round((hours / target) * 100));
  const progress = t("hours.yearProgress", { hours: f(hours), target: f(target) });
  return (
    <section aria-labelledby="year-hours-heading" className="year-hours">
      <h2 id="year-hours-heading">{t("hours.yearTitle", { year: String(year) })}</h2>
      <div className="progress">
        <div
          className="progress__bar"
          role="progressbar"
          aria-label={t("hours.yearBarLabel", { year: String(year) })}
          aria-valuemin={0}
          aria-valuemax={target}
          aria-valuenow={Math.min(hours, target)}
          aria-valuetext={progress}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
        <span className="progress__text" data-testid="year-hours">
          {progress}
        </span>
      </div>
      {sessionHours > 0 ? <p data-testid="session-hours">{t("attendance.yearSessionHours", { hours: f(sessionHours) })}</p> : null}
      <p className="muted">{hours >= target ? t("hours.yearMet") : t("hours.yearLeft", { left: f(target - hours) })}</p>
    </section>
  );
}
