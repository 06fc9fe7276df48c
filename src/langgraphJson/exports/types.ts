/** Where a name is defined in a source file (0-based, like LSP positions). */
export interface NamePosition {
  line: number;
  character: number;
  length: number;
}

/** What a light scan of a source file can say about the names it exports. */
export interface ExportScan {
  names: Map<string, NamePosition>;
  /** Constructs that may export names the scan cannot see (`export * from`, `from x import *`). */
  opaque: string[];
}

/** Maps offsets in a text to line/character positions. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }
}
