/**
 * The platform extension.ts wires: this file (the Node host) in the desktop bundle. The browser bundle
 * resolves this module to ./web instead (see esbuild.mjs), so the Node-only features never reach it.
 */
export { platform } from "./node";
