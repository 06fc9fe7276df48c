/** The light export scans behind the "export not found" diagnostics and go-to-definition. */
import * as assert from "node:assert/strict";
import { scanJsExports } from "../../../src/langgraphJson/exports/jsExports";
import { scanPythonNames } from "../../../src/langgraphJson/exports/pythonNames";

const namesOf = (scan: { names: Map<string, unknown> }) => [...scan.names.keys()].sort();

describe("langgraph.json export scans", () => {
  describe("JavaScript and TypeScript", () => {
    it("finds declarations, export lists, defaults and CommonJS exports", () => {
      const scan = scanJsExports(
        [
          "export const graph = build();",
          "export async function makeGraph() {}",
          "export class Agent {}",
          "const local = 1;",
          "export { local as renamed, other };",
          "export default graph;",
          "export * as tools from './tools';",
          "exports.legacy = graph;",
        ].join("\n"),
      );
      assert.deepEqual(namesOf(scan), ["Agent", "default", "graph", "legacy", "makeGraph", "other", "renamed", "tools"]);
      assert.deepEqual(scan.opaque, []);
      assert.deepEqual(scan.names.get("renamed"), { line: 3, character: 6, length: 5 }, "points at the local declaration");
      assert.deepEqual(scan.names.get("graph"), { line: 0, character: 13, length: 5 });
    });

    it("ignores exports inside comments, strings, templates, regexes and nested blocks", () => {
      const scan = scanJsExports(
        [
          "// export const a = 1;",
          "/* export const b = 1; */",
          "const s = 'export const c = 1';",
          "const t = `export const d = ${ { x: `export const e` }.x }`;",
          "const r = /export const f/;",
          "declare module 'x' { export const g: number; }",
          "function inner() { const h = 1; return h; }",
          "export const real = [s, t, r];",
        ].join("\n"),
      );
      assert.deepEqual(namesOf(scan), ["real"]);
      assert.equal(scan.names.get("real")?.line, 7);
    });

    it("admits what it cannot see", () => {
      assert.deepEqual(scanJsExports("export * from './graphs';").opaque, ["`export * from` on line 1"]);
      assert.deepEqual(scanJsExports("module.exports = { graph };").opaque, ["`module.exports =` on line 1"]);
      assert.equal(scanJsExports("export const { graph } = factory();").opaque.length, 1);
    });
  });

  describe("Python", () => {
    it("finds module-level names, including inside top-level if/try blocks", () => {
      const scan = scanPythonNames(
        [
          '"""Docstring mentioning hidden = 1."""',
          "import os",
          "import langgraph.graph as lg",
          "from typing import (",
          "    Any,",
          "    Dict as D,",
          ")",
          "",
          "@decorator",
          "async def make_graph(config: Any) -> D:",
          "    nested = 1",
          "    return nested",
          "",
          "class State:",
          "    field: int = 0",
          "",
          "graph: D = make_graph({})",
          "a = b = 1",
          "c, d = 1, 2",
          "try:",
          "    from fast import agent",
          "except ImportError:",
          "    fallback = None",
          "# commented = 1",
          "x == 1",
        ].join("\n"),
      );
      assert.deepEqual(namesOf(scan), ["Any", "D", "State", "a", "agent", "b", "c", "d", "fallback", "graph", "lg", "make_graph", "os"]);
      assert.deepEqual(scan.names.get("graph"), { line: 16, character: 0, length: 5 });
      assert.deepEqual(scan.names.get("make_graph"), { line: 9, character: 10, length: 10 });
    });

    it("admits star imports", () => {
      assert.deepEqual(scanPythonNames("from graphs import *\n").opaque, ["`from … import *` on line 1"]);
    });
  });
});
