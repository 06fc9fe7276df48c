/**
 * Node breakpoints as the graph view shows and toggles them: VS Code's function breakpoints named after
 * nodes (`tools`, `after:tools`), read from and written to the editor's own breakpoint list, so the
 * Breakpoints view, the graph view and the adapter always agree.
 */
import * as vscode from "vscode";
import { parseBreakpointName, type NodeStop } from "./nodeBreakpoints";

export interface NodeMarker {
  node: string;
  stop: NodeStop;
}

/** The enabled node breakpoints, as markers. */
export function nodeMarkers(): NodeMarker[] {
  return vscode.debug.breakpoints.flatMap((breakpoint) => {
    if (!(breakpoint instanceof vscode.FunctionBreakpoint) || !breakpoint.enabled) return [];
    const { node, stop } = parseBreakpointName(breakpoint.functionName);
    return node ? [{ node, stop }] : [];
  });
}

/** Adds the breakpoint, or removes every function breakpoint that stops there. */
export function toggleNodeBreakpoint(node: string, stop: NodeStop): void {
  const existing = vscode.debug.breakpoints.filter((breakpoint) => {
    if (!(breakpoint instanceof vscode.FunctionBreakpoint)) return false;
    const parsed = parseBreakpointName(breakpoint.functionName);
    return parsed.node === node && parsed.stop === stop;
  });
  if (existing.length > 0) vscode.debug.removeBreakpoints(existing);
  else vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint(stop === "after" ? `after:${node}` : node)]);
}

export function onDidChangeNodeMarkers(listener: (markers: NodeMarker[]) => void): vscode.Disposable {
  return vscode.debug.onDidChangeBreakpoints(() => listener(nodeMarkers()));
}
