import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import JSZip from 'jszip';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { blockUnits, unitOfRecord, type UnitRecord } from '../core/block-units.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { Baseline } from './types.ts';

/** The units of each chapter as the baseline release printed them, by chapter id and anchor. */
export type ReleasedUnits = (chapter: { id: string; anchor: string }) => UnitRecord[] | undefined;

/**
 * What the baseline release printed of each chapter, unit by unit: from its record, or, for a
 * release recorded before units were, from the chapter documents of its EPUB. Nothing in the
 * archive is written.
 */
export async function readReleasedUnits(baseline: Baseline, diagnostics: Diagnostics): Promise<ReleasedUnits> {
  const recorded = new Map<string, UnitRecord[]>();
  for (const [id, chapter] of Object.entries(baseline.chapters))
    if (Array.isArray(chapter.units))
      recorded.set(
        id,
        chapter.units.flatMap((u) => unitOfRecord(u) ?? []),
      );
  const fromEpub =
    recorded.size < Object.keys(baseline.chapters).length && baseline.epub
      ? await epubUnits(baseline, baseline.epub, diagnostics)
      : new Map<string, UnitRecord[]>();
  return ({ id, anchor }) => recorded.get(id) ?? fromEpub.get(anchor);
}

/** Each chapter's units in an EPUB, by the id of its chapter element. */
async function epubUnits(
  baseline: Baseline,
  epub: string,
  diagnostics: Diagnostics,
): Promise<Map<string, UnitRecord[]>> {
  const units = new Map<string, UnitRecord[]>();
  try {
    const zip = await JSZip.loadAsync(await readFile(path.join(baseline.folder, epub)));
    for (const entry of Object.values(zip.files)) {
      if (entry.dir || !/\.x?html$/.test(entry.name)) continue;
      const tree = parseXhtml(await entry.async('string'));
      for (const chapter of chapterElements(tree))
        units.set(String(chapter.properties.id), blockUnits(chapter.children.filter((n) => !isChapterFrame(n))));
    }
  } catch (e) {
    diagnostics.warning(
      { file: path.join(baseline.shownFolder, epub) },
      `the archived EPUB cannot be read (${(e as Error).message}): changed chapters get no change marks`,
      'restore it from version control; `manual verify` checks every archived file',
      'released-units',
    );
  }
  return units;
}

/** Elements HTML knows to be empty: written `<br/>`, they need no end tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** An element written empty in XML (`<span id="page-6"/>`), its attributes' quoted values allowed to hold `/` and `>`. */
const SELF_CLOSED = /<([A-Za-z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*\/>/g;

/**
 * An EPUB's XHTML document as a tree. The HTML parser reads `<span/>` as a start tag, so the
 * empty elements the EPUB writes in XML's way (its page-break markers) get their end tag first,
 * else each would swallow the rest of its chapter.
 */
export function parseXhtml(text: string): Root {
  const closed = text.replace(SELF_CLOSED, (whole, tag: string, attributes: string) =>
    VOID.has(tag.toLowerCase()) ? whole : `<${tag}${attributes}></${tag}>`,
  );
  return unified().use(rehypeParse).parse(closed) as Root;
}

/** The chapter elements of an edition's document, wherever they are nested. */
export function chapterElements(node: Root | Element): Element[] {
  return node.children.flatMap((child): Element[] => {
    if (child.type !== 'element') return [];
    const classes = child.properties.className;
    if (Array.isArray(classes) && classes.includes('chapter') && typeof child.properties.id === 'string')
      return [child];
    return chapterElements(child);
  });
}

/** The chapter's title, remark and banner: printed by the edition, not written in the chapter. */
export function isChapterFrame(node: Root['children'][number] | Element['children'][number]): boolean {
  const classes = node.type === 'element' ? node.properties.className : undefined;
  return Array.isArray(classes) && classes.some((c) => ['chapter-title', 'chapter-remark'].includes(String(c)));
}
