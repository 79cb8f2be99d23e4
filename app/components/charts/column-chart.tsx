// Vertical columns over time (e.g. one per month), drawn as SVG on the server. See bar-chart.tsx.

export type ColumnItem = { label: string; value: number; valueText: string };

const HEIGHT = 200;
const TOP = 24; // room for the figure above the tallest column
const BOTTOM = 28; // room for the labels under the axis

export function ColumnChart({ id, title, desc, items }: { id: string; title: string; desc: string; items: ColumnItem[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = 100 / Math.max(1, items.length);
  const plot = HEIGHT - TOP - BOTTOM;
  const axis = HEIGHT - BOTTOM;
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={HEIGHT}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <line x1="0" x2="100%" y1={axis} y2={axis} style={{ stroke: "var(--muted)" }} strokeWidth={1} />
      {items.map((item, i) => {
        const h = (item.value / max) * plot;
        const center = slot * i + slot / 2;
        return (
          <g key={`${item.label}-${i}`}>
            <rect x={`${slot * i + slot * 0.2}%`} y={axis - h} width={`${slot * 0.6}%`} height={h} rx={2} style={{ fill: "var(--accent)" }} />
            <text x={`${center}%`} y={axis - h - 6} textAnchor="middle" fontSize="12" fontWeight="600" style={{ fill: "var(--text)" }}>
              {item.valueText}
            </text>
            <text x={`${center}%`} y={axis + 18} textAnchor="middle" fontSize="12" style={{ fill: "var(--text)" }}>
              {item.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
