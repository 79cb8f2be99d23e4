import { useState } from "react";
import { useT } from "./use-t";

/** A link shown in a read-only field; the copy button is an enhancement when JavaScript runs. */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-link">
      <label htmlFor="copy-link-url">{label}</label>
      <div className="copy-link__row">
        <input id="copy-link-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {t("common.copy")}
        </button>
      </div>
      <p role="status" className="muted">
        {copied ? t("common.copied") : ""}
      </p>
    </div>
  );
}
