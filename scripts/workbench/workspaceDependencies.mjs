/**
 * A copy of the example agents as a project that installed its dependencies has it: a `node_modules`
 * (a link to this repository's) and a `tsconfig.json` with the options the repository checks them with.
 * VS Code's TypeScript then resolves the graphs' imports, so the Problems panel of the end-to-end
 * workbench and of the screenshots shows no false errors.
 */
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.mjs";

/** The compiler options of the repository's tsconfig.json that the example graphs need. */
const WORKSPACE_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023"],
    module: "Node16",
    moduleResolution: "Node16",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  },
};

/** Adds what the workspace lacks; a `node_modules` or `tsconfig.json` it has already is kept. */
export function linkDependencies(workspace) {
  const modules = join(workspace, "node_modules");
  if (!existsSync(modules)) symlinkSync(join(repoRoot, "node_modules"), modules, "dir");
  const tsconfig = join(workspace, "tsconfig.json");
  if (!existsSync(tsconfig)) writeFileSync(tsconfig, `${JSON.stringify(WORKSPACE_TSCONFIG, null, 2)}\n`);
}
