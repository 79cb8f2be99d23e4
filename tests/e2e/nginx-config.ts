// The README's nginx configuration, made runnable for a test: the TLS lines become a loopback
// port, the upstream points at the test servers, and nginx connects from a chosen address. Each
// replacement must match exactly once, so a test fails when the README changes shape.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";

export function findNginx() {
  return ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].find((p) => fs.existsSync(p));
}

type Options = {
  appPorts: number[];
  proxyPort: number;
  dir: string;
  serverName: string;
  /** nginx connects to the app from this address (the app must see it as the proxy's). */
  bindAddress?: string;
  /** Log which upstream answered each request (`<host:port> <status> <request>`) to dir/access.log. */
  logUpstream?: boolean;
};

export function nginxConfigFromReadme({ appPorts, proxyPort, dir, serverName, bindAddress, logUpstream = false }: Options) {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /## Behind a reverse proxy[\s\S]*?```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no nginx block under 'Behind a reverse proxy'");
  let conf = block;
  const swap = (pattern: RegExp, replacement: string) => {
    const matches = conf.match(new RegExp(pattern.source, "g"))?.length ?? 0;
    if (matches !== 1) throw new Error(`README nginx block: expected one match of ${pattern}, found ${matches}`);
    conf = conf.replace(pattern, replacement);
  };
  swap(/server 127\.0\.0\.1:3000;/, appPorts.map((port) => `server 127.0.0.1:${port};`).join("\n    "));
  swap(/listen 443 ssl;\n\s*http2 on;/, `listen 127.0.0.1:${proxyPort};`);
  swap(/\n\s*ssl_certificate\s[^\n]*/, "");
  swap(/\n\s*ssl_certificate_key\s[^\n]*/, "");
  swap(/server_name academy\.example\.org;\n(\s*)#/, `server_name ${serverName};\n$1#`);
  if (bindAddress) swap(/proxy_pass http:\/\/pustaka_academy;/, `proxy_pass http://pustaka_academy;\n        proxy_bind ${bindAddress};`);
  // The plain-http redirect server is for port 80; not needed here.
  swap(/\nserver \{\n\s*listen 80;[\s\S]*?\n\}\n/, "\n");
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  const log = path.join(dir, "access.log");
  return `${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 128; }
http {
  ${logUpstream ? `log_format upstream '$upstream_addr $status $request';\n  access_log ${log} upstream;` : `access_log ${log};`}
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}
${conf}
}
`;
}
