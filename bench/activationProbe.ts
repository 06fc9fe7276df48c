/**
 * Runs in a fresh Node process (bundled to plain JS first, so no TypeScript loader is on the clock):
 * times loading one bundle and starting it, then prints one JSON line.
 *   node probe.cjs extension <repoRoot> <dist/extension.js>   require + activate() against the stub
 *   node probe.cjs sdk <repoRoot> <sdk-only bundle>           require + new Client() (the baseline)
 */
import Module from "node:module";
import { performance } from "node:perf_hooks";
import { createVscodeStub } from "./vscodeStub";

const [mode, root, bundle] = process.argv.slice(2);
const { vscode, context, record } = createVscodeStub(root);
const moduleWithLoad = Module as unknown as { _load: (this: unknown, request: string, parent: unknown, isMain: boolean) => unknown };
const load = moduleWithLoad._load;
moduleWithLoad._load = function (request, parent, isMain) {
  if (request === "vscode") return vscode;
  return load.call(this, request, parent, isMain);
};

/** What each kind of bundle exports, as far as the probe uses it. */
interface ExtensionModule {
  activate: (context: unknown) => unknown;
}
interface SdkModule {
  Client: new (config: { apiUrl: string; apiKey: string | null }) => unknown;
}

const heapBefore = process.memoryUsage().heapUsed;
let t0 = 0;
let t1 = 0;
let t2 = 0;
try {
  t0 = performance.now();
  // A synchronous CommonJS load of a bundle named at run time is what is being timed; import() would not be.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: unknown = require(bundle);
  t1 = performance.now();
  if (mode === "extension") (loaded as ExtensionModule).activate(context);
  else new (loaded as SdkModule).Client({ apiUrl: "http://127.0.0.1:1", apiKey: null });
  t2 = performance.now();
} catch (error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.log(JSON.stringify({ error: message.slice(0, 500) }));
  process.exit(1);
}
const heapAfter = process.memoryUsage().heapUsed;

const errors = record.outputChannels.flatMap((c) => c.lines.filter((l) => l.startsWith("[error]")));
console.log(
  JSON.stringify({
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    totalMs: t2 - t0,
    heapDeltaBytes: heapAfter - heapBefore,
    commands: record.commands.length,
    treeViews: record.treeViews.length,
    missing: [...record.missing],
    errors,
  }),
);
// activate() may leave timers or handles behind; the measurement is done.
process.exit(0);
