import type { ModuleSettings } from "~/content/model";
import { useT } from "./use-t";

function durationParts(ms: number) {
  const minutes = Math.round(ms / 60_000);
  if (ms > 0 && ms < 60_000) return { key: "duration.seconds" as const, n: Math.round(ms / 1000) };
  if (minutes < 120) return { key: "duration.minutes" as const, n: minutes };
  if (minutes < 48 * 60) return { key: "duration.hours" as const, n: Math.round(minutes / 60) };
  return { key: "duration.days" as const, n: Math.round(minutes / 1440) };
}

/** The quiz's rules in plain words. */
export function QuizRules({ settings, questions, attemptsUsed }: { settings: ModuleSettings; questions: number; attemptsUsed: number }) {
  const t = useT();
  const cooldown = durationParts(settings.cooldownMs);
  return (
    <ul className="rules">
      <li>{t("rules.questions", { count: questions })}</li>
      <li>{t("rules.passMark", { percent: settings.passMark })}</li>
      <li>
        {settings.maxAttempts === null
          ? t("rules.attemptsUnlimited", { used: attemptsUsed })
          : t("rules.attemptsLimited", { used: attemptsUsed, max: settings.maxAttempts })}
      </li>
      <li>{settings.cooldownMs > 0 ? t("rules.cooldown", { wait: t(cooldown.key, { n: cooldown.n }) }) : t("rules.noCooldown")}</li>
      <li>
        {settings.revealAnswers === "after-each-attempt"
          ? t("rules.revealEach")
          : settings.revealAnswers === "after-passing"
            ? t("rules.revealPassing")
            : t("rules.revealNever")}
      </li>
      <li>
        {settings.certificateValidityMonths === null
          ? t("rules.certificateNoExpiry")
          : t("rules.certificateMonths", { months: settings.certificateValidityMonths })}
      </li>
    </ul>
  );
}
