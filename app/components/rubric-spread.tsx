// Trainer insight: how review decisions spread over each rubric criterion's levels. Labels come
// translated from the loader (the practice messages are not in the insight page's catalog area).
type Spread = {
  slug: string;
  title: string;
  tasks: { slug: string; title: string; decisions: number; criteria: { id: string; title: string; counts: number[] }[] }[];
}[];

export function RubricSpread({
  spread,
  labels,
}: {
  spread: Spread;
  labels: { title: string; intro: string; criterion: string; level: string; decisions: Record<string, string> };
}) {
  if (spread.length === 0) return null;
  const maxLevels = Math.max(...spread.flatMap((m) => m.tasks.flatMap((t) => t.criteria.map((c) => c.counts.length))));
  return (
    <section aria-labelledby="rubric-spread">
      <h2 id="rubric-spread">{labels.title}</h2>
      <p className="muted">{labels.intro}</p>
      {spread.flatMap((m) =>
        m.tasks.map((task) => (
          <div key={`${m.slug}/${task.slug}`} className="table-wrap" tabIndex={0} role="region" aria-label={`${m.title}: ${task.title}`}>
            <table>
              <caption>
                {m.title}: {task.title} · {labels.decisions[`${m.slug}/${task.slug}`]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{labels.criterion}</th>
                  {Array.from({ length: maxLevels }, (_, i) => (
                    <th key={i} scope="col">
                      {labels.level.replace("{level}", String(i + 1))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {task.criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    {Array.from({ length: maxLevels }, (_, i) => (
                      <td key={i}>{i < c.counts.length ? c.counts[i] : "—"}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )),
      )}
    </section>
  );
}
