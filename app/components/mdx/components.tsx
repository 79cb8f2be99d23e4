import { Link } from "@remix-run/react";
import { useState, type AnchorHTMLAttributes, type ReactNode } from "react";
import { useT } from "../use-t";
import { assetUrl, lessonHref, useLessonLinks } from "./lesson-context";
import {
  CALLOUT_TYPES,
  type ComponentName,
  POST_KINDS,
  VIDEO_PROVIDERS,
  choiceOr,
  type CalloutType,
  type PostKind,
  type VideoProvider,
} from "./props";

// Prop types and defaults come from props.ts, the declaration content:check also reads.
export function Callout({ type: rawType, title, children }: { type?: CalloutType; title?: string; children: ReactNode }) {
  const t = useT();
  const type = choiceOr(CALLOUT_TYPES, rawType, "note");
  const label = t(type === "tip" ? "mdx.tip" : type === "warning" ? "mdx.warning" : "mdx.note");
  return (
    <aside className={`callout callout--${type}`} aria-label={title ? `${label}: ${title}` : label}>
      <p className="callout__title">
        <span className="callout__kind">{label}</span>
        {title ? <span>{title}</span> : null}
      </p>
      <div className="callout__body">{children}</div>
    </aside>
  );
}

function Count({ value, label }: { value?: number; label: string }) {
  if (value === undefined) return null;
  return (
    <li>
      <span aria-hidden="true">{value.toLocaleString()}</span>
      <span className="visually-hidden">{value}</span> {label}
    </li>
  );
}

export function SocialPost({
  platform,
  account,
  likes,
  comments,
  shares,
  time,
  image,
  imageAlt,
  kind: rawKind,
  children,
}: {
  platform: string;
  account: string;
  likes?: number;
  comments?: number;
  shares?: number;
  time?: string;
  image?: string;
  imageAlt?: string;
  kind?: PostKind;
  children: ReactNode;
}) {
  const t = useT();
  const kind = choiceOr(POST_KINDS, rawKind, "post");
  const { assetBase } = useLessonLinks();
  const kindLabel = t(kind === "comment" ? "mdx.comment" : kind === "message" ? "mdx.message" : "mdx.post");
  return (
    <figure className={`social-post social-post--${kind}`} aria-label={t("mdx.postBy", { kind: kindLabel, account, platform })}>
      <figcaption className="social-post__head">
        <span className="social-post__avatar" aria-hidden="true">
          {String(account ?? "")
            .replace(/^@/, "")
            .slice(0, 1)
            .toUpperCase()}
        </span>
        <span>
          <strong>{account}</strong>
          <span className="social-post__meta">
            {kindLabel} · {platform}
            {time ? ` · ${time}` : ""}
          </span>
        </span>
      </figcaption>
      <div className="social-post__text">{children}</div>
      {image ? <img className="social-post__image" src={assetUrl(image, assetBase)} alt={imageAlt ?? ""} loading="lazy" /> : null}
      {likes !== undefined || comments !== undefined || shares !== undefined ? (
        <ul className="social-post__counts">
          <Count value={likes} label={t("mdx.likes")} />
          <Count value={comments} label={t("mdx.comments")} />
          <Count value={shares} label={t("mdx.shares")} />
        </ul>
      ) : null}
    </figure>
  );
}

export function DoDont({ children }: { children: ReactNode }) {
  return <div className="do-dont">{children}</div>;
}

export function Do({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <section className="do-dont__col do-dont__col--do" aria-label={t("mdx.do")}>
      <p className="do-dont__title">
        <span aria-hidden="true">✓ </span>
        {t("mdx.do")}
      </p>
      {children}
    </section>
  );
}

export function Dont({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <section className="do-dont__col do-dont__col--dont" aria-label={t("mdx.dont")}>
      <p className="do-dont__title">
        <span aria-hidden="true">✗ </span>
        {t("mdx.dont")}
      </p>
      {children}
    </section>
  );
}

export function Checklist({ title, children }: { title?: string; children: ReactNode }) {
  const t = useT();
  return (
    <section className="checklist" aria-label={title ?? t("mdx.checklist")}>
      <p className="checklist__title">{title ?? t("mdx.checklist")}</p>
      {children}
    </section>
  );
}

export function KeyTakeaways({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <section className="takeaways" aria-labelledby="key-takeaways">
      <h2 id="key-takeaways">{t("mdx.keyTakeaways")}</h2>
      {children}
    </section>
  );
}

export function Reflection({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <aside className="reflection" aria-label={t("mdx.reflection")}>
      <p className="reflection__title">{t("mdx.reflection")}</p>
      {children}
    </aside>
  );
}

export function Figure({ src, alt, caption }: { src: string; alt: string; caption: string }) {
  const { assetBase } = useLessonLinks();
  return (
    <figure className="figure">
      <img src={assetUrl(String(src ?? ""), assetBase)} alt={alt ?? ""} loading="lazy" />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** Nothing is loaded from the video site until the learner asks for it. */
export function Video({ provider: rawProvider, id, title, children }: { provider: VideoProvider; id: string; title: string; children: ReactNode }) {
  const t = useT();
  const provider = choiceOr(VIDEO_PROVIDERS, rawProvider, "youtube");
  const [playing, setPlaying] = useState(false);
  if (!VIDEO_ID.test(String(id))) return null;
  const embed =
    provider === "vimeo" ? `https://player.vimeo.com/video/${id}?dnt=1&autoplay=1` : `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`;
  const external = provider === "vimeo" ? `https://vimeo.com/${id}` : `https://www.youtube.com/watch?v=${id}`;
  return (
    <figure className="video">
      <div className="video__frame">
        {playing ? (
          <iframe src={embed} title={title} allow="autoplay; fullscreen; picture-in-picture" allowFullScreen loading="lazy" />
        ) : (
          <button type="button" className="video__play" onClick={() => setPlaying(true)}>
            <span aria-hidden="true">▶</span> {t("mdx.playVideo", { title })}
          </button>
        )}
      </div>
      <figcaption>
        <a href={external} rel="noopener noreferrer" target="_blank">
          {t("mdx.openVideo", { title })}
        </a>
        <details>
          <summary>{t("mdx.transcript")}</summary>
          {children}
        </details>
      </figcaption>
    </figure>
  );
}

/** `lesson:` links become links inside the app; other links open as usual. */
export function MdxLink({ href = "", children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { moduleSlug } = useLessonLinks();
  if (href.startsWith("lesson:")) {
    return (
      <Link to={lessonHref(href, moduleSlug)} prefetch="intent">
        {children}
      </Link>
    );
  }
  const externalLink = /^https?:\/\//.test(href);
  return (
    <a href={href} {...rest} {...(externalLink ? { rel: "noopener noreferrer" } : {})}>
      {children}
    </a>
  );
}

// Headings shift down one level: the lesson title is the page's only h1.
function H1({ children }: { children: ReactNode }) {
  return <h2>{children}</h2>;
}

export const mdxComponents: Record<ComponentName, unknown> & Record<"a" | "h1", unknown> = {
  Callout,
  SocialPost,
  DoDont,
  Do,
  Dont,
  Checklist,
  KeyTakeaways,
  Reflection,
  Figure,
  Video,
  a: MdxLink,
  h1: H1,
};
