/**
 * An HTTP proxy in front of the real server that answers the next requests (or every request, until
 * healed) with a 5xx, or corrupts the next run stream's bytes, so tests meet real malformed responses
 * rather than mocked ones. It records every request it receives, so a test can count what was sent
 * and read what the extension put in each request's body.
 */
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { Transform } from "node:stream";

export interface HttpFaultProxy {
  url: string;
  /** The next `count` requests (matching `path`, if given) get `status` without reaching the server. */
  failNext(count: number, status?: number, path?: RegExp): void;
  /** Every request (matching `path`, if given) gets `status` until `heal()`: a burst with no end in sight. */
  failAll(status?: number, path?: RegExp): void;
  /**
   * The next `count` requests (matching `path`, if given) have their connection closed without an answer,
   * as a server or proxy that drops a kept-alive connection just as a request goes out on it.
   */
  dropNext(count: number, path?: RegExp): void;
  /** Ends any injected failures: requests reach the server again. */
  heal(): void;
  /** The next run stream has one message's JSON broken (same length, so framing stays valid). */
  corruptNextStream(): void;
  /** Requests that reached the server, as "METHOD path". */
  forwarded: string[];
  /** Every request the proxy received, failed or forwarded, as "METHOD path". */
  received: string[];
  /** Every forwarded request with its body as sent (empty for a GET). */
  bodies: { method: string; path: string; body: string }[];
  /** How many streams were actually corrupted. */
  corrupted(): number;
  close(): Promise<void>;
}

export async function startHttpFaultProxy(targetUrl: string): Promise<HttpFaultProxy> {
  const target = new URL(targetUrl);
  let failures = 0;
  let failStatus = 503;
  let failPath: RegExp | undefined;
  let drops = 0;
  let dropPath: RegExp | undefined;
  let corrupt = false;
  let corruptedCount = 0;
  const forwarded: string[] = [];
  const received: string[] = [];
  const bodies: { method: string; path: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    if (drops > 0 && (!dropPath || dropPath.test(req.url ?? ""))) {
      drops--;
      req.socket.destroy();
      return;
    }
    if (failures > 0 && (!failPath || failPath.test(req.url ?? ""))) {
      failures--;
      res.writeHead(failStatus, { "content-type": "application/json" });
      res.end(JSON.stringify({ detail: "Service Unavailable (injected)" }));
      req.resume();
      return;
    }
    forwarded.push(`${req.method} ${req.url}`);
    const recorded = { method: req.method ?? "", path: req.url ?? "", body: "" };
    bodies.push(recorded);
    req.on("data", (chunk: Buffer) => {
      recorded.body += chunk.toString("utf8");
    });
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (response: IncomingMessage) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        const isStream = /\/runs\/stream$|\/stream$/.test(req.url ?? "") && /event-stream/.test(String(response.headers["content-type"]));
        if (isStream && corrupt) {
          corrupt = false;
          response.pipe(breakFirstMessage(() => corruptedCount++)).pipe(res);
        } else {
          response.pipe(res);
        }
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    failNext: (count, status = 503, path) => {
      failures = count;
      failStatus = status;
      failPath = path;
    },
    failAll: (status = 503, path) => {
      failures = Infinity;
      failStatus = status;
      failPath = path;
    },
    dropNext: (count, path) => {
      drops = count;
      dropPath = path;
    },
    heal: () => {
      failures = 0;
      drops = 0;
    },
    corruptNextStream: () => {
      corrupt = true;
    },
    forwarded,
    received,
    bodies,
    corrupted: () => corruptedCount,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Breaks the JSON of the third `messages` event: `"content":"` becomes `"content":{`. langgraph-api 1.x
 * sends each event's JSON on one `data:` line, 2.x pretty-prints it over several, so the pattern allows
 * a line break (and indentation) between the tokens.
 */
function breakFirstMessage(onBroken: () => void): Transform {
  let seen = 0;
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback(null, chunk);
      let text = chunk.toString("latin1");
      text = text.replace(/event: messages\r?\ndata: \[(?:\r?\ndata:)? *\{(?:\r?\ndata:)? *"content": ?"/g, (match) => {
        seen++;
        if (seen !== 3 || done) return match;
        done = true;
        onBroken();
        return match.slice(0, -1) + "{";
      });
      callback(null, Buffer.from(text, "latin1"));
    },
  });
}
