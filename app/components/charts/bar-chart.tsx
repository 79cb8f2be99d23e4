// Server-rendered SVG charts. Each is one image to assistive technology (role="img" with a
// title and a description); the figures themselves are in the table that goes with each chart.
// Positions are percentages of the chart's width, so text keeps its size on a phone.

export type BarItem = {
  label: string;
  /** 0–1 of the bar's full length. */
  share: number;
  /** The figure printed at the end of the bar. */
  valueText: string;
  /** Indent (for a tree of units). */
  depth?: number;
};

const ROW = 46;
const VALUE_ROOM = 14; // % kept free at the end of the longest bar for the printed figure
const INDENT = 3; // % per tree level

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Horizontal bars, one per item: the label on its own line (so a long name never runs into
 * its bar on a narrow screen), the bar below it and the figure after the bar.
 */
export function BarChart({ id, title, desc, items }: { id: string; title: string; desc: string; items: BarItem[] }) {
  const height = Math.max(1, items.length) * ROW + 4;
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={height}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {items.map((item, i) => {
        const y = i * ROW;
        const indent = (item.depth ?? 0) * INDENT;
        const share = Math.max(0, Math.min(1, item.share));
        const width = share * (100 - VALUE_ROOM - indent);
        return (
          <g key={`${item.label}-${i}`}>
            <text x={`${indent}%`} y={y + 15} fontSize="14" style={{ fill: "var(--text)" }}>
              {truncate(item.label, 48)}
            </text>
            <rect
              x={`${indent}%`}
              y={y + 22}
              width={`${100 - VALUE_ROOM - indent}%`}
              height={16}
              rx={3}
              style={{ fill: "var(--surface-2)", stroke: "var(--muted)" }}
              strokeWidth={1}
            />
            {width > 0 ? <rect x={`${indent}%`} y={y + 22} width={`${width}%`} height={16} rx={3} style={{ fill: "var(--accent)" }} /> : null}
            <text x={`${100 - VALUE_ROOM + 1}%`} y={y + 35} fontSize="14" fontWeight="600" style={{ fill: "var(--text)" }}>
              {item.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
