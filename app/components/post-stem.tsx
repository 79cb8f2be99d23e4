import { useT } from "./use-t";

/** The social media post or patron message a scenario question asks about. */
export function PostStem({ post }: { post: { platform: string; account: string; kind: "post" | "comment" | "message"; text: string } }) {
  const t = useT();
  const kindLabel = t(post.kind === "comment" ? "mdx.comment" : post.kind === "message" ? "mdx.message" : "mdx.post");
  return (
    <figure
      className={`social-post social-post--${post.kind}`}
      aria-label={t("mdx.postBy", { kind: kindLabel, account: post.account, platform: post.platform })}
    >
      <figcaption className="social-post__head">
        <span className="social-post__avatar" aria-hidden="true">
          {post.account.replace(/^@/, "").slice(0, 1).toUpperCase()}
        </span>
        <span>
          <strong>{post.account}</strong>
          <span className="social-post__meta">
            {kindLabel} · {post.platform}
          </span>
        </span>
      </figcaption>
      <div className="social-post__text">
        {post.text.split(/\n{2,}/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </figure>
  );
}
