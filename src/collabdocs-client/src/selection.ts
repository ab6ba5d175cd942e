import type { SelectionRange } from './protocol.js';
import type { TextOperation } from './text-operation.js';

/** Moves every range through `operation` (ot.js's `Selection.transform`). */
export function transformRanges(ranges: readonly SelectionRange[], operation: TextOperation): SelectionRange[] {
  return ranges.map((range) => {
    const anchor = operation.transformIndex(range.anchor);
    return {
      anchor,
      head: range.anchor === range.head ? anchor : operation.transformIndex(range.head),
    };
  });
}

/** Clamps every end into a text of `length` characters. */
export function clampRanges(ranges: readonly SelectionRange[], length: number): SelectionRange[] {
  const clamp = (n: number): number => Math.max(0, Math.min(length, Math.trunc(n)));
  return ranges.map((r) => ({ anchor: clamp(r.anchor), head: clamp(r.head) }));
}

/** True when both lists hold the same ranges in the same order. */
export function rangesEqual(a: readonly SelectionRange[], b: readonly SelectionRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.anchor === b[i]?.anchor && r.head === b[i]?.head);
}
