// The machine's ceiling: the smallest possible node:http server, in its own process, on the
// loopback address. Every throughput figure in the report is also given as a share of this one.
import http from "node:http";

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": "5" });
  res.end("hello");
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  if (process.send) process.send({ ready: true, port });
  else console.log(`hello server on http://127.0.0.1:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
