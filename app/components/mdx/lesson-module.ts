import * as React from "react";
import type { ComponentType } from "react";
import * as jsxRuntime from "react/jsx-runtime";

// A compiled lesson is an ES module at a content-hashed URL (/lesson-code/<hash>.js, ADR 0029).
// It imports nothing: its default export takes the page's React and JSX runtime and returns
// the MDX exports, so the browser loads it like any other module (no `new Function`, no
// 'unsafe-eval') and the server imports the same file once per process.

export type MdxComponent = ComponentType<{ components?: Record<string, unknown> }>;
/** What a page hands the lesson component: the module's address (its name is its content hash). */
export type LessonModuleRef = { url: string };
export type LessonFactory = (scope: { React: typeof React; _jsx_runtime: typeof jsxRuntime }) => { default: MdxComponent };

export const LESSON_CODE_PREFIX = "/lesson-code/";

export function lessonModuleUrl(hash: string) {
  return `${LESSON_CODE_PREFIX}${hash}.js`;
}

const onServer = typeof document === "undefined";
// The server's components outlive a development rebuild of the app (the content state does
// too, on globalThis); the browser keeps a bounded number across navigations.
const components: Map<string, MdxComponent> = onServer
  ? ((globalThis as { __academyLessonComponents?: Map<string, MdxComponent> }).__academyLessonComponents ??= new Map())
  : new Map();
const loading = new Map<string, Promise<MdxComponent>>();
const failed = new Map<string, Error>();

/** Runs a lesson module's factory with this page's React, and keeps the component under its URL. */
export function registerLessonModule(url: string, mod: { default: LessonFactory }): MdxComponent {
  const component = mod.default({ React, _jsx_runtime: jsxRuntime }).default;
  if (!onServer && components.size > 200) components.clear();
  components.set(url, component);
  return component;
}

export function loadedLesson(url: string): MdxComponent | undefined {
  return components.get(url);
}

export function lessonLoadError(url: string): Error | undefined {
  return failed.get(url);
}

/**
 * Browser only: imports the lesson module (the browser's module cache and the HTTP cache make a
 * second call free). Never rejects: a failure is kept for lessonLoadError, so a component that
 * suspended on this promise renders again and can throw it to the error boundary.
 */
export function loadLesson(url: string): Promise<MdxComponent | undefined> {
  const known = components.get(url);
  if (known) return Promise.resolve(known);
  let pending = loading.get(url);
  if (!pending) {
    pending = import(/* @vite-ignore */ url).then((mod: { default: LessonFactory }) => registerLessonModule(url, mod));
    loading.set(url, pending);
    pending.catch((error: unknown) => failed.set(url, error instanceof Error ? error : new Error(String(error)))).finally(() => loading.delete(url));
  }
  return pending.catch(() => undefined);
}
