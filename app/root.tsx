import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
  type ClientLoaderFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getSessionUser } from "~/auth/session.server";
import { unreadCount } from "~/notifications/in-app.server";
import { getConfig } from "~/config.server";
import { areaOf } from "~/i18n/areas";
import { clientCatalog } from "~/i18n/client-messages.server";
import { catalogAt, loadCatalog } from "~/i18n/catalog-store";
import { resolveLocale } from "~/i18n/locale.server";
import { I18nContext, useT } from "~/components/use-t";
import { navItemsFor } from "~/components/nav";
import { useNonce } from "~/components/nonce";
import stylesheet from "~/styles/app.css";

// A module being updated answers 503 with Retry-After (app/learning/access.server.ts) and the root
// boundary renders the page, so the root passes that header on to the document.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retry = errorHeaders?.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export const meta: MetaFunction = () => [
  { title: "Pustaka Academy" },
  { name: "description", content: "Pustaka Academy: social media training for library staff, in English and Bahasa Indonesia." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  const locale = await resolveLocale(request, found?.user);
  const user = found
    ? {
        id: found.user.id,
        displayName: found.user.displayName,
        role: found.user.role,
        email: found.user.email,
        unread: await unreadCount(found.user.id),
      }
    : null;
  return { user, locale, messagesUrl: clientCatalog(locale, new URL(request.url).pathname).url, timeZone: getConfig().timeZone };
}

// After a revalidation names another catalog (another area or language), the page renders only
// once the browser has it. The first render uses the server's data; entry.client.tsx loads the
// catalog before hydrating.
export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  if (!(await loadCatalog(data.messagesUrl))) {
    // A catalog that will not load (the app was updated, or the network is gone): load the
    // page as a document instead of rendering it without its words.
    window.location.assign(request.url);
    await new Promise(() => undefined);
  }
  return data;
}

// The catalog follows the page's area and language: refetch this loader only when they can
// change (after a form, e.g. the language switcher or logging in) or when the area changes.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, currentUrl, nextUrl, defaultShouldRevalidate }) => {
  if (areaOf(currentUrl.pathname) !== areaOf(nextUrl.pathname)) return true;
  if (!formAction) return false;
  return defaultShouldRevalidate;
};

function LanguageSwitcher({ current }: { current: "en" | "id" }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/set-locale" className="lang-switch" aria-label={t("nav.language")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="lang-switch__label">{t("nav.language")}:</span>
      <button type="submit" name="locale" value="en" lang="en" aria-pressed={current === "en"}>
        English
      </button>
      <button type="submit" name="locale" value="id" lang="id" aria-pressed={current === "id"}>
        Bahasa Indonesia
      </button>
    </Form>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const user = data?.user ?? null;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span aria-hidden="true" className="brand__mark">
              P
            </span>
            <span>Pustaka Academy</span>
          </Link>
          {user ? (
            <nav aria-label={t("nav.main")} className="main-nav">
              <span id="nav-home-note" hidden>
                {t("nav.homeMark")}
              </span>
              {/* Phones get a closed menu (no JavaScript needed), so the page starts on screen;
                  wider screens get the list as it always was. CSS shows one of the two. */}
              <details className="main-nav__menu narrow-only">
                <summary>{t("nav.menu")}</summary>
                <NavList items={navItemsFor(user.role)} t={t} />
              </details>
              <NavList items={navItemsFor(user.role)} t={t} className="wide-only" />
            </nav>
          ) : null}
          {user ? (
            <div className="account-menu">
              <Link to="/notifications" className="account-menu__notices">
                {t("nav.notifications")}
                {user.unread > 0 ? (
                  <>
                    {" "}
                    <span className="count-badge">{user.unread}</span>
                    <span className="visually-hidden"> {t("nav.unread")}</span>
                  </>
                ) : null}
              </Link>
              <Link to="/account" className="account-menu__name">
                {user.displayName}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--quiet">
                  {t("nav.logout")}
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
      <footer className="site-footer">
        <LanguageSwitcher current={data?.locale ?? "en"} />
      </footer>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "en";
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
        {data?.messagesUrl ? <link rel="preload" href={data.messagesUrl} as="fetch" crossOrigin="anonymous" data-catalog="" /> : null}
      </head>
      <body>
        <I18nContext.Provider value={{ locale, messages: catalogAt(data?.messagesUrl), timeZone: data?.timeZone ?? "UTC" }}>
          <Shell>{children}</Shell>
        </I18nContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, body] =
    status === 404
      ? (["errors.notFoundTitle", "errors.notFoundBody"] as const)
      : status === 403
        ? (["errors.forbiddenTitle", "errors.forbiddenBody"] as const)
        : status === 429
          ? (["errors.tooManyTitle", "errors.tooManyBody"] as const)
          : status === 400
            ? (["errors.badRequestTitle", "errors.badRequestBody"] as const)
            : status === 503
              ? (["errors.moduleUpdatingTitle", "errors.moduleUpdatingBody"] as const)
              : (["errors.serverTitle", "errors.serverBody"] as const);
  return (
    <div className="error-page">
      <p className="error-page__code">{status}</p>
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.backHome")}
        </Link>
      </p>
    </div>
  );
}

function NavList({ items, t, className }: { items: ReturnType<typeof navItemsFor>; t: ReturnType<typeof useT>; className?: string }) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item.to}>
          {/* The home's mark is drawn by CSS; its meaning is the description, so the link's name stays the page's name. */}
          <NavLink
            to={item.to}
            prefetch="intent"
            className={item.home ? "main-nav__home" : undefined}
            aria-describedby={item.home ? "nav-home-note" : undefined}
          >
            {t(item.label)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
