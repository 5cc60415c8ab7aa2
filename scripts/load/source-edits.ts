import type { Nodes, Root } from 'mdast';

/** A part of the rewritten text: a copy of the source's `[from, to)`, or `text` written in its place. */
interface Segment {
  /** Where the part starts in the rewritten text. */
  at: number;
  length: number;
  from: number;
  to: number;
  copied: boolean;
}

/**
 * A source text rewritten piece by piece, and the map back: each part of the new text is a copy
 * of the source or a text written in place of a piece of it. Every piece of the source is
 * copied or replaced once, in order, so any offset of the new text has one place in the source.
 */
export class SourceEdits {
  private readonly parts: string[] = [];
  private readonly segments: Segment[] = [];
  private length = 0;
  private next = 0;

  constructor(readonly source: string) {}

  /** Copies the source up to `to`. */
  copyTo(to: number): void {
    if (to > this.next) this.push(this.source.slice(this.next, to), this.next, to, true);
  }

  /** Writes `text` in place of the source's `[from, to)`, copying what comes before it. */
  replace(from: number, to: number, text: string): void {
    this.copyTo(from);
    this.push(text, from, to, false);
  }

  /** Writes `text` at `at` in the source, in place of nothing. */
  insert(at: number, text: string): void {
    if (text) this.replace(at, at, text);
  }

  get changed(): boolean {
    return this.segments.some((segment) => !segment.copied);
  }

  /** The rewritten text, the rest of the source copied. */
  text(): string {
    this.copyTo(this.source.length);
    return this.parts.join('');
  }

  private push(text: string, from: number, to: number, copied: boolean): void {
    this.parts.push(text);
    this.segments.push({ at: this.length, length: text.length, from, to, copied });
    this.length += text.length;
    this.next = to;
  }

  /** The source offset of an offset of the rewritten text: a written text maps to the start of what it replaced, its end to the end. */
  sourceOffset(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.segments[middle].at <= offset) low = middle;
      else high = middle - 1;
    }
    const segment = this.segments[low];
    if (!segment) return offset;
    if (offset >= segment.at + segment.length) return segment.to;
    return segment.copied ? segment.from + (offset - segment.at) : segment.from;
  }

  /** Moves every node's position from the rewritten text to the source it came from. */
  mapPositions(tree: Root): void {
    const lines = lineStarts(this.source);
    const point = (offset: number) => {
      const at = this.sourceOffset(offset);
      const line = lineOf(lines, at);
      return { line: line + 1, column: at - lines[line] + 1, offset: at };
    };
    const walk = (node: Nodes): void => {
      const { position } = node;
      if (position?.start.offset !== undefined && position.end.offset !== undefined) {
        node.position = { start: point(position.start.offset), end: point(position.end.offset) };
      }
      if ('children' in node) for (const child of node.children) walk(child);
    };
    walk(tree);
  }
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The index of the line an offset is on. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
