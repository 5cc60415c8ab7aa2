import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * The units two editions of a chapter are compared by: paragraphs, headings, figures and other
 * blocks, each item of a list and each row of a table. A unit is known by what a reader sees of
 * it: its words (heading numbers and page-break markers left out, images by their text
 * alternative), so the same unit read from the book model and from an archived EPUB is the same.
 */

export type UnitKind = 'heading' | 'item' | 'row' | 'block';

export interface UnitRecord {
  kind: UnitKind;
  /** 16 hex digits of the SHA-256 of the unit's words. */
  hash: string;
  /** For headings: the number and words, to name a removed section. */
  heading?: { number?: string; title: string };
}

export interface BlockUnit extends UnitRecord {
  /** Indexes from the chapter body's root down to the unit's element. */
  path: number[];
}

/** Elements whose children are the units: lists, tables and their row groups, the footnotes. */
const CONTAINERS = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tfoot']);
const HEADING = /^h[1-6]$/;
/** What a reader does not see as words of the unit: numbers the book adds, markers, change marks and banners. */
const NOT_WORDS = ['heading-number', 'change-text', 'change-removed', 'change-banner', 'page-finder'];

/** The units of `children` (a chapter's body, or the content of a chapter document), in reading order. */
export function blockUnits(children: (RootContent | ElementContent)[], path: number[] = []): BlockUnit[] {
  return children.flatMap((node, i): BlockUnit[] => {
    if (node.type !== 'element' || isMarker(node)) return [];
    const at = [...path, i];
    if (CONTAINERS.has(node.tagName) || isFootnotes(node)) return blockUnits(node.children, at);
    const words = wordsOf(node);
    const kind: UnitKind = HEADING.test(node.tagName)
      ? 'heading'
      : node.tagName === 'li'
        ? 'item'
        : node.tagName === 'tr'
          ? 'row'
          : 'block';
    if (kind === 'block' && words === '') return [];
    const unit: BlockUnit = { kind, hash: hashOf(kind, words), path: at };
    if (kind === 'heading') unit.heading = { number: headingNumber(node), title: words };
    return [unit];
  });
}

/** The units of a whole body. */
export const unitsOf = (tree: Root): BlockUnit[] => blockUnits(tree.children);

/** A unit as a release records it: `kind hash`, and for headings the number and title. */
export function recordOfUnit({ kind, hash, heading }: UnitRecord): string[] {
  return heading ? [kind, hash, heading.number ?? '', heading.title] : [kind, hash];
}

export function unitOfRecord(record: unknown): UnitRecord | undefined {
  if (!Array.isArray(record) || typeof record[0] !== 'string' || typeof record[1] !== 'string') return undefined;
  const unit: UnitRecord = { kind: record[0] as UnitKind, hash: record[1] };
  if (record.length >= 4) unit.heading = { number: record[2] || undefined, title: String(record[3]) };
  return unit;
}

function hashOf(kind: UnitKind, words: string): string {
  return createHash('sha256').update(`${kind}\n${words}`).digest('hex').slice(0, 16);
}

function isMarker(node: Element): boolean {
  const classes = node.properties.className;
  return (
    node.properties['epub:type'] === 'pagebreak' ||
    node.properties.role === 'doc-pagebreak' ||
    (Array.isArray(classes) && classes.some((c) => NOT_WORDS.includes(String(c))))
  );
}

function isFootnotes(node: Element): boolean {
  const classes = node.properties.className;
  return node.tagName === 'section' && Array.isArray(classes) && classes.includes('footnotes');
}

/** The number a heading prints, also inside its change mark. */
function headingNumber(node: Element): string | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const classes = child.properties.className;
    if (Array.isArray(classes) && classes.includes('heading-number')) return wordsOf({ ...child, properties: {} });
    if (child.tagName === 'ins') return headingNumber(child);
  }
  return undefined;
}

/** The unit's words, whitespace collapsed; images count by their text alternative. */
export function wordsOf(node: Element): string {
  const parts: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type === 'text') parts.push(n.value);
    else if (n.type === 'element' && !isMarker(n)) {
      if (n.tagName === 'img') parts.push(` [${String(n.properties.alt ?? '')}] `);
      n.children.forEach(walk);
    }
  };
  node.children.forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
