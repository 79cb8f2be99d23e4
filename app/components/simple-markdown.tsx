// Task instructions are plain Markdown from the content folder: paragraphs, lists, **bold**,
// *italic* and links. Rendered as React elements (never raw HTML), so nothing in a task file
// can inject markup.
import type { ReactNode } from "react";

function inline(text: string, linkBase: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1]) out.push(<strong key={key++}>{m[1]}</strong>);
    else if (m[2]) out.push(<em key={key++}>{m[2]}</em>);
    else {
      const href = m[4]!;
      const safe = /^https:\/\//.test(href) ? href : href.startsWith("files/") ? `${linkBase}/${href}` : null;
      out.push(
        safe ? (
          <a key={key++} href={safe}>
            {m[3]}
          </a>
        ) : (
          m[3]
        ),
      );
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function SimpleMarkdown({ source, linkBase = "" }: { source: string; linkBase?: string }) {
  const blocks = source.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ""), linkBase)}</li>
              ))}
            </ul>
          );
        }
        if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
          return (
            <ol key={i}>
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*\d+[.)]\s+/, ""), linkBase)}</li>
              ))}
            </ol>
          );
        }
        const heading = /^(#{2,4})\s+(.*)$/.exec(block);
        if (heading && lines.length === 1) return <h3 key={i}>{inline(heading[2]!, linkBase)}</h3>;
        return <p key={i}>{inline(lines.join(" "), linkBase)}</p>;
      })}
    </>
  );
}
