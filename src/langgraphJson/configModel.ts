/** The parts of a parsed langgraph.json that name graphs or point at files. */
import type { ASTNode, JSONDocument, PropertyASTNode, StringASTNode } from "vscode-json-languageservice";

/**
 * - `import`: "./file.ts:export" or "./module.py:attribute" (a JS reference may omit the export: default)
 * - `file`: a plain path to a file
 * - `dependency`: an entry of `dependencies` that is a local path
 */
export type ReferenceKind = "import" | "file" | "dependency";

export interface ConfigReference {
  kind: ReferenceKind;
  /** Where it sits in the config, for messages: `graphs.echo`, `auth.path`. */
  label: string;
  node: StringASTNode;
}

export interface GraphEntry {
  graphId: string;
  keyNode: StringASTNode;
  /** The reference string, when the entry has one. */
  spec?: StringASTNode;
}

export interface ConfigModel {
  graphs: GraphEntry[];
  references: ConfigReference[];
}

const IMPORT_PATHS: [section: string, key: string][] = [
  ["auth", "path"],
  ["http", "app"],
  ["checkpointer", "path"],
  ["store", "path"],
  ["encryption", "path"],
];

export function readConfig(doc: JSONDocument): ConfigModel {
  const model: ConfigModel = { graphs: [], references: [] };
  const root = doc.root;
  if (root?.type !== "object") return model;
  const add = (kind: ReferenceKind, label: string, node: ASTNode | undefined) => {
    if (node?.type === "string") model.references.push({ kind, label, node });
  };

  for (const graph of properties(child(root, "graphs"))) {
    const graphId = graph.keyNode.value;
    const value = graph.valueNode;
    const spec = value?.type === "object" ? child(value, "path") : value;
    const label = value?.type === "object" ? `graphs.${graphId}.path` : `graphs.${graphId}`;
    model.graphs.push({ graphId, keyNode: graph.keyNode, spec: spec?.type === "string" ? spec : undefined });
    add("import", label, spec);
  }

  for (const [section, key] of IMPORT_PATHS) add("import", `${section}.${key}`, child(child(root, section), key));

  // `embed` is usually "provider:model"; only a relative path is a reference to a file.
  const embed = child(child(child(root, "store"), "index"), "embed");
  if (embed?.type === "string" && isLocalPath(embed.value)) add("import", "store.index.embed", embed);

  for (const ui of properties(child(root, "ui"))) add("file", `ui.${ui.keyNode.value}`, ui.valueNode);
  add("file", "env", child(root, "env"));
  add("file", "pip_config_file", child(root, "pip_config_file"));

  const dependencies = child(root, "dependencies");
  if (dependencies?.type === "array") {
    dependencies.items.forEach((item, index) => {
      if (item.type === "string" && isLocalPath(item.value)) add("dependency", `dependencies[${index}]`, item);
    });
  }
  return model;
}

/** A path the CLI resolves against the config directory, as opposed to a package or model name. */
function isLocalPath(value: string): boolean {
  return value === "." || value === ".." || /^\.{1,2}[\\/]/.test(value) || value.startsWith("/");
}

function child(node: ASTNode | undefined, key: string): ASTNode | undefined {
  return properties(node).find((p) => p.keyNode.value === key)?.valueNode;
}

function properties(node: ASTNode | undefined): PropertyASTNode[] {
  return node?.type === "object" ? node.properties : [];
}
