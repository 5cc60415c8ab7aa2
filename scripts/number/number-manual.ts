import type { Diagnostics } from '../core/diagnostics.ts';
import type { EditionSpec, ManualSource } from '../load/types.ts';
import type { Flag, HeadingInfo } from '../core/book.ts';
import { chapterAnchor } from './anchors.ts';
import { numberContents, type NumberedContents } from './number-contents.ts';
import { numberHeadings } from './number-headings.ts';

export interface NumberedManual {
  contents: NumberedContents;
  /** Each chapter's headings, numbered, by chapter id. */
  headings: Map<string, HeadingInfo[]>;
}

/** The number stage: numbers the contents and the headings inside every chapter. */
export function numberManual(source: ManualSource, diagnostics: Diagnostics): NumberedManual {
  const titles = new Map([...source.chapters.values()].map((c) => [c.id, c.title]));
  const contents = numberContents(source.manifest, titles, currentFlags(source.editions[0]), diagnostics);
  const headings = new Map(
    [...source.chapters.values()].map((c) => [c.id, numberHeadings(c.nodes.headings, chapterAnchor(c.id))]),
  );
  return { contents, headings };
}

/** The contents flags the current edition's updated and new chapters. */
function currentFlags(current: EditionSpec): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const item of current.updated) if (item.chapter) flags.set(item.chapter, 'Updated');
  for (const item of current.new) if (item.chapter) flags.set(item.chapter, 'New');
  return flags;
}
