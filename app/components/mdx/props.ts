// The components trainers may use in lessons, and their props: declared once, here. The lesson
// check (app/content/lesson-lint.server.ts) reads this table to report unknown components,
// missing or unknown props and values outside their allowed set; the components take their
// prop types and defaults from it, so the two cannot drift apart.

export type PropSpec =
  | { kind: "text"; required: boolean; description: string }
  | { kind: "number"; required: boolean; description: string }
  | { kind: "choice"; required: boolean; values: readonly string[]; default?: string; description: string };

export type ComponentSpec = { description: string; children: boolean; props: Record<string, PropSpec> };

const text = (required: boolean, description: string) => ({ kind: "text", required, description }) as const;
const number = (description: string) => ({ kind: "number", required: false, description }) as const;
const choice = <V extends readonly string[]>(values: V, def: V[number], description: string) =>
  ({ kind: "choice", required: false, values, default: def, description }) as const;

export const CALLOUT_TYPES = ["tip", "note", "warning"] as const;
export const POST_KINDS = ["post", "comment", "message"] as const;
export const VIDEO_PROVIDERS = ["youtube", "vimeo"] as const;

export const COMPONENT_PROPS = {
  Callout: {
    description: "a highlighted box: a tip, a note or a warning",
    children: true,
    props: { type: choice(CALLOUT_TYPES, "note", "the kind of box"), title: text(false, "a short heading") },
  },
  SocialPost: {
    description: "a social media post, comment or message as it looks on screen",
    children: true,
    props: {
      platform: text(true, "Instagram, Facebook, TikTok, X, WhatsApp…"),
      account: text(true, "the account name, such as @citylibrary"),
      likes: number("number of likes"),
      comments: number("number of comments"),
      shares: number("number of shares"),
      time: text(false, "when it was posted, such as 2h"),
      image: text(false, "a picture in the module's images/ folder"),
      imageAlt: text(false, "what the picture shows, for people who cannot see it"),
      kind: choice(POST_KINDS, "post", "post, comment or message"),
    },
  },
  DoDont: { description: "two columns: a Do and a Dont", children: true, props: {} },
  Do: { description: "the good-practice column inside DoDont", children: true, props: {} },
  Dont: { description: "the bad-practice column inside DoDont", children: true, props: {} },
  Checklist: { description: "a list to tick through", children: true, props: { title: text(false, "a heading; Checklist by default") } },
  KeyTakeaways: { description: "the lesson's main points, at its end", children: true, props: {} },
  Reflection: { description: "a question for the reader to think about", children: true, props: {} },
  Figure: {
    description: "a picture with a caption",
    children: false,
    props: {
      src: text(true, "the picture file, such as images/reading-corner.png"),
      alt: text(true, "what the picture shows, for people who cannot see it"),
      caption: text(true, "the caption under the picture"),
    },
  },
  Video: {
    description: "a video that loads only when the learner asks, with its transcript",
    children: true,
    props: {
      provider: { kind: "choice", required: true, values: VIDEO_PROVIDERS, description: "youtube or vimeo" },
      id: text(true, "the video's id from its address"),
      title: text(true, "the video's title"),
    },
  },
} as const satisfies Record<string, ComponentSpec>;

export type ComponentName = keyof typeof COMPONENT_PROPS;
export const COMPONENT_NAMES = Object.keys(COMPONENT_PROPS) as ComponentName[];

export type CalloutType = (typeof CALLOUT_TYPES)[number];
export type PostKind = (typeof POST_KINDS)[number];
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];

/** A value from the declared set, or the declared default: a bad value never breaks a page. */
export function choiceOr<V extends string>(values: readonly V[], value: unknown, fallback: V): V {
  return values.includes(value as V) ? (value as V) : fallback;
}
