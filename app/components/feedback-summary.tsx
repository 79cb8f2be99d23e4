import { useI18n, useT } from "~/components/use-t";
import { formatNumber } from "~/i18n/format";

type Summary = {
  count: number;
  mean: number | null;
  distribution: number[];
  comments: { text: string; rating: number; author: string | null }[];
};

/** A subject's feedback: count, mean, how many gave each rating, and the comments (names only when not anonymous). */
export function FeedbackSummaryView({ summary, id }: { summary: Summary | null; id: string }) {
  const t = useT();
  const { locale } = useI18n();
  if (!summary || summary.count === 0) return <p>{t("attendance.feedback.noneYet")}</p>;
  return (
    <div>
      <p data-testid={`feedback-${id}`}>
        {t("attendance.feedback.countMean", {
          count: summary.count,
          mean: formatNumber(locale, summary.mean ?? 0, { maximumFractionDigits: 1 }),
        })}
      </p>
      <ul className="feedback-bars" aria-label={t("attendance.feedback.distribution")}>
        {[5, 4, 3, 2, 1].map((rating) => (
          <li key={rating}>{t("attendance.feedback.ratingCount", { rating, count: summary.distribution[rating - 1] ?? 0 })}</li>
        ))}
      </ul>
      {summary.comments.length > 0 ? (
        <>
          <h3 id={`${id}-comments`}>{t("attendance.feedback.comments")}</h3>
          <ul aria-labelledby={`${id}-comments`}>
            {summary.comments.map((c, i) => (
              <li key={i}>
                <q>{c.text}</q> <span className="muted">({t("attendance.feedback.ratingShort", { rating: c.rating })})</span>
                {c.author ? <span> — {c.author}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
