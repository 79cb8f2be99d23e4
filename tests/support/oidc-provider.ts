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
