// A real OpenID Connect provider (the oidc-provider package) on loopback for the tests, with
// its development login and consent pages: a test types an account id and any password. The
// accounts' claims live in a map the test can change (an email change at the provider, say).
import type { Server } from "node:http";
import net from "node:net";
import Provider from "oidc-provider";

export type TestAccount = { email: string; email_verified?: boolean; name?: string; groups?: string[]; unit?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Starts listening; the port was reserved when the provider was created. */
  start: (appUrl: string) => Promise<void>;
  stop: () => Promise<void>;
};

export async function reservePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Reserves a port for the provider, so the app under test can be configured with the issuer
 * before the provider (which needs the app's callback URL) is built and started.
 */
export async function createTestProvider(): Promise<TestProvider> {
  const port = await reservePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "pustaka-academy";
  const clientSecret = "test-client-secret-0123456789";
  const accounts = new Map<string, TestAccount>();
  let server: Server | undefined;
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    async start(appUrl: string) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [`${appUrl}/auth/sso/callback`],
            post_logout_redirect_uris: [`${appUrl}/login`],
            response_types: ["code"],
            grant_types: ["authorization_code"],
          },
        ],
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups", "unit"] },
        scopes: ["openid", "email", "profile", "groups"],
        findAccount: async (_ctx, id) => {
          const account = accounts.get(id);
          if (!account) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) };
        },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ["test-provider-cookie-key"] },
      });
      await new Promise<void>((resolve, reject) => {
        const listening = provider.listen(port, "127.0.0.1", () => resolve());
        listening.once("error", reject);
        server = listening;
      });
    },
    async stop() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
}

/**
 * Walks the provider's development login and consent pages without a browser: follows its
 * redirects with its cookies, types `accountId` and a password, consents, and returns the URL
 * the provider sends the person back to (the app's callback with a code and the state).
 */
export async function signInAtProvider(authorizationUrl: string, accountId: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  };
  const issuerOrigin = new URL(authorizationUrl).origin;
  let next: { url: URL; body?: URLSearchParams } = { url: new URL(authorizationUrl) };
  for (let step = 0; step < 20; step++) {
    if (next.url.origin !== issuerOrigin) return next.url;
    const res = await fetch(next.url, {
      method: next.body ? "POST" : "GET",
      headers: { cookie: cookieHeader(), ...(next.body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: next.body,
      redirect: "manual",
    });
    remember(res);
    const location = res.headers.get("location");
    if (location) {
      await res.arrayBuffer();
      next = { url: new URL(location, next.url) };
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 300)}`);
    const body = new URLSearchParams({ prompt });
    if (prompt === "login") {
      body.set("login", accountId);
      body.set("password", "any-password");
    }
    next = { url: new URL(action, next.url), body };
  }
  throw new Error("the provider never sent the person back");
}
