import type { ModuleStatusName } from "~/learning/status-types";
import { useT } from "./use-t";
import { STATUS_LABELS as KEYS } from "~/learning/status-labels";

export function StatusBadge({ status }: { status: ModuleStatusName }) {
  const t = useT();
  return <span className={`badge badge--${status}`}>{t(KEYS[status])}</span>;
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="progress">
      <div
        className="progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} / ${total}`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <span className="progress__text">
        {done} / {total}
      </span>
    </div>
  );
}
