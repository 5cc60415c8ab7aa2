import type { Diagnostics } from '../core/diagnostics.ts';
import type { EditionSpec, ManualSource } from '../load/types.ts';
import { regionallyListed, regionalUpdates, type RegionalUpdate } from '../load/regional-updates.ts';
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
  const contents = numberContents(
    source.manifest,
    titles,
    currentFlags(source.editions[0], regionalUpdates(source, source.editions[0].id)),
    diagnostics,
  );
  const headings = new Map(
    [...source.chapters.values()].map((c) => [c.id, numberHeadings(c.nodes.headings, chapterAnchor(c.id))]),
  );
  return { contents, headings };
}

/**
 * The contents flags the current edition's updated and new chapters, and those the base's items it
 * carries list (a substituted chapter's text is local, so the base's change flags nothing).
 */
function currentFlags(current: EditionSpec, regional: RegionalUpdate[]): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const id of regionallyListed(regional, 'updated')) flags.set(id, 'Updated');
  for (const id of regionallyListed(regional, 'new')) flags.set(id, 'New');
  for (const item of current.updated) if (item.chapter) flags.set(item.chapter, 'Updated');
  for (const item of current.new) if (item.chapter) flags.set(item.chapter, 'New');
  return flags;
}
