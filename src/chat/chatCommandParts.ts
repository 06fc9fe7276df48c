/**
 * The chat's commands that work outside a panel (run input documents, attaching Explorer files): a bundle
 * of its own (see esbuild.mjs), loaded by chatRegistrations.ts on first use.
 */
export { attachCommandParts } from "./attachCommand";
export { inputDocumentParts } from "./inputDocuments";
