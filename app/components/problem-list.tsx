// Content problems as trainers read them: each says in words and with an icon whether it is an
// error (the module is hidden from staff) or a warning, so colour is never the only cue (WCAG 1.4.1).
import { problemAt, type ContentProblem } from "~/content/model";
import { useT } from "./use-t";

export function SeverityTag({ severity, count }: { severity: ContentProblem["severity"]; count?: number }) {
  const t = useT();
  return (
    <span className={`problem-tag problem-tag--${severity}`} data-severity={severity}>
      <span aria-hidden="true">{severity === "error" ? "✖" : "⚠"}</span>{" "}
      {count === undefined ? t(`authoring.severity.${severity}`) : t(`authoring.count.${severity}.${count === 1 ? "one" : "other"}`, { count })}
    </span>
  );
}

export function ProblemList({ problems }: { problems: Pick<ContentProblem, "file" | "line" | "column" | "message" | "severity">[] }) {
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i} className={`problem problem--${p.severity}`}>
          <SeverityTag severity={p.severity} /> <code>{problemAt(p)}</code> {p.message}
        </li>
      ))}
    </ul>
  );
}
