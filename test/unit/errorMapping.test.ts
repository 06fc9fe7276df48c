import assert from "node:assert/strict";
import { isMissingEndpoint, mapError, toErrorView, UnsupportedByServerError, validateDeploymentUrl } from "../../src/deployment/errorMapping";

function httpError(status: number, text = "") {
  return Object.assign(new Error(`HTTP ${status}: ${text}`), { status, text });
}

describe("error mapping", () => {
  it("maps each HTTP status to a message with its action", () => {
    const cases: [number, string, string][] = [
      [401, "unauthorized", "setApiKey"],
      [403, "forbidden", "setApiKey"],
      [404, "notFound", "retry"],
      [500, "server", "retry"],
      [503, "server", "retry"],
      [504, "timeout", "retry"],
    ];
    for (const [status, kind, action] of cases) {
      const mapped = mapError(httpError(status), { url: "http://x" });
      assert.equal(mapped.kind, kind, `status ${status}`);
      assert.ok(mapped.actions.includes(action as never), `status ${status} offers ${action}`);
      assert.match(mapped.message, new RegExp(String(status)));
    }
  });

  it("tells a busy thread from another 422", () => {
    assert.equal(mapError(httpError(422, '{"detail":"Thread is busy with a run"}')).kind, "busy");
    assert.equal(mapError(httpError(422, '{"detail":"Invalid input"}')).kind, "badRequest");
  });

  it("names the operation and the server's own detail", () => {
    const mapped = mapError(httpError(400, '{"detail":"bad checkpoint"}'), { operation: "load history" });
    assert.equal(mapped.message, "Could not load history: The deployment rejected the request (400). bad checkpoint");
  });

  it("recognises a dropped stream and an unreachable server", () => {
    assert.equal(mapError(new TypeError("terminated")).kind, "streamDropped");
    const refused = Object.assign(new Error("Unable to connect to LangGraph server."), { name: "ConnectionError" });
    assert.equal(mapError(refused, { url: "http://127.0.0.1:1" }).kind, "unreachable");
  });

  it("tells a missing endpoint from a missing thread, in the JS and the Python server's words", () => {
    assert.equal(isMissingEndpoint(httpError(404, "404 Not Found")), true, "JS server (Hono) router");
    assert.equal(isMissingEndpoint(httpError(404, '{"detail":"Not Found"}')), true, "Python server (Starlette) router");
    assert.equal(isMissingEndpoint(httpError(500, "Not implemented")), true, "the local server's crons");
    assert.equal(isMissingEndpoint(httpError(405, "Method Not Allowed")), true);
    assert.equal(isMissingEndpoint(httpError(404, "Thread with ID 1234 not found")), false);
    assert.equal(isMissingEndpoint(httpError(404, '{"detail":"Thread 1234 not found"}')), false);
    assert.equal(isMissingEndpoint(httpError(500, "Internal Server Error")), false);
  });

  it("names the server version and the capability when the server lacks an endpoint", () => {
    const lacking = new UnsupportedByServerError("scheduled runs (crons)", "1.5.1", 500, httpError(500, "Not implemented"));
    const mapped = mapError(lacking, { url: "http://x" });
    assert.equal(mapped.kind, "unsupported");
    assert.match(mapped.message, /^http:\/\/x runs langgraph-api 1\.5\.1, which does not support scheduled runs \(crons\) \(500\)/);
    const unknown = mapError(new UnsupportedByServerError("scheduled runs (crons)", undefined, 404, undefined), { url: "http://x" });
    assert.match(unknown.message, /^The server at http:\/\/x does not support scheduled runs/);
  });

  it("turns actions into labelled buttons", () => {
    const view = toErrorView(mapError(httpError(401)));
    assert.deepEqual(view.actions.map((a) => a.label), ["Set API Key", "Retry"]);
  });

  it("validates deployment URLs before any request", () => {
    assert.equal(validateDeploymentUrl("")?.kind, "noUrl");
    assert.equal(validateDeploymentUrl("localhost:2024")?.kind, "invalidUrl");
    assert.equal(validateDeploymentUrl("ftp://host")?.kind, "invalidUrl");
    assert.equal(validateDeploymentUrl("https://my-deployment.example.com"), undefined);
  });
});
