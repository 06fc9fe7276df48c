/**
 * Which fetch reaches a deployment. A deployment on this machine over plain HTTP goes through the
 * fetch VS Code keeps unpatched (`__vscodeOriginalFetch`, no proxy or certificate set-up); every other
 * deployment, and every host without it, through `fetch`. Counted on the real server's requests.
 */
import assert from "node:assert/strict";
import { createClient, deploymentFetch, isLoopbackHttp } from "../../src/deployment/clientFactory";
import { DeploymentGateway, serverAnswers } from "../../src/deployment/gateway";
import { testServer } from "../harness/rootHooks";

type Global = { __vscodeOriginalFetch?: typeof fetch };

describe("deployment fetch: this machine's plain HTTP skips VS Code's proxy and certificate set-up", () => {
  let serverUrl: string;
  const direct: string[] = [];
  const patched: string[] = [];
  const realFetch = globalThis.fetch;
  const urlOf = (input: Parameters<typeof fetch>[0]) => (typeof input === "string" ? input : input instanceof URL ? input.href : input.url);

  before(async () => {
    serverUrl = (await testServer()).url;
  });
  // What VS Code's extension host does: `fetch` is its patch, the original is kept beside it.
  beforeEach(() => {
    direct.length = 0;
    patched.length = 0;
    (globalThis as Global).__vscodeOriginalFetch = (input, init) => (direct.push(urlOf(input)), realFetch(input, init));
    globalThis.fetch = (input, init) => (patched.push(urlOf(input)), realFetch(input, init));
  });
  afterEach(() => {
    delete (globalThis as Global).__vscodeOriginalFetch;
    globalThis.fetch = realFetch;
  });

  it("tells plain HTTP on this machine from everything else", () => {
    for (const url of ["http://127.0.0.1:2024", "http://localhost:8123/", "http://[::1]:2024", "http://127.1.2.3"]) assert.equal(isLoopbackHttp(url), true, url);
    for (const url of ["https://127.0.0.1:2024", "https://localhost", "http://10.0.0.5:2024", "http://127.0.0.1.example.com", "http://localhost.example.com", "not a url", ""]) assert.equal(isLoopbackHttp(url), false, url);
  });

  it("the client, the server's info and the local server's probe reach a loopback server through the original fetch", async () => {
    const gateway = DeploymentGateway.to({ url: serverUrl });
    const threads = await gateway.searchThreads({ limit: 1 });
    assert.ok(Array.isArray(threads));
    await gateway.serverInfo();
    assert.equal(await serverAnswers(serverUrl), true);
    assert.deepEqual(patched, [], "nothing went through the patched fetch");
    assert.ok(direct.some((url) => url.endsWith("/threads/search")), direct.join(", "));
    assert.ok(direct.some((url) => url.endsWith("/info")), direct.join(", "));
    assert.ok(direct.some((url) => url.endsWith("/ok")), direct.join(", "));
  });

  it("a deployment reached by another name goes through the patched fetch", async () => {
    // The same server by a name that is not a loopback one: the request must use the patched fetch.
    const port = new URL(serverUrl).port;
    const client = createClient({ url: `http://127.0.0.1.nip.invalid:${port}`, retry: { baseDelayMs: 1 }, timeoutMs: 2000 });
    await client.threads.search({ limit: 1 }).catch(() => undefined);
    assert.deepEqual(direct, []);
    assert.equal(patched.length > 0, true, "the request went through fetch");
  });

  it("without VS Code's original fetch (the web worker, tests, scripts), every deployment uses fetch", async () => {
    delete (globalThis as Global).__vscodeOriginalFetch;
    assert.equal(deploymentFetch(serverUrl), globalThis.fetch);
    await DeploymentGateway.to({ url: serverUrl }).searchThreads({ limit: 1 });
    assert.ok(patched.some((url) => url.endsWith("/threads/search")));
  });
});
