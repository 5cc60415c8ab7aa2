import { createHash } from 'node:crypto';
import type { Root as HastRoot } from 'hast';
import type { AmendmentItem, BaseSource, ChapterSource, EditionSpec, ManualSource } from '../load/types.ts';
import { blockIdsOf, rehypeBlockIds } from '../markdown/rehype-block-ids.ts';
import { regionalUpdates, type RegionalUpdate } from '../load/regional-updates.ts';
import { amendmentPrefix, regionalPrefix, type ResolvedManual } from '../markdown/resolve-manual.ts';
import { toHtmlTree, type HtmlTreeOptions } from '../markdown/to-html-tree.ts';
import { amendmentView } from './amendment-view.ts';
import type { NumberedManual } from '../number/number-manual.ts';
import type { Book, BookBase, Chapter, ChapterNode, Edition } from '../core/book.ts';
import { bookArchive } from './archive.ts';
import { chapterInformation, withInformation, type ChapterInformation } from './local-information.ts';
import { manualAssets } from './assets.ts';
import { manualDocuments } from './documents.ts';

/** A chapter's body as HTML with its blocks' ids, the ids, and the hash of what it prints. */
export interface ChapterHtml {
  html: HastRoot;
  blocks: string[];
  contentSha256: string;
}

/**
 * Converts a chapter's markdown to HTML under its number and title, with the local information
 * placed in it; it must not change the trees it is given.
 */
export type ConvertChapter = (
  chapter: ChapterSource,
  node: ChapterNode,
  options: HtmlTreeOptions,
  information?: ChapterInformation,
) => ChapterHtml;

export const convertChapter: ConvertChapter = (chapter, node, options, information) =>
  hashed(node, withInformation(toHtmlTree(chapter.tree(), options), information, options));

// Hashed before blocks get ids (ids print nothing, and releases already record these hashes),
// and after local information is placed, so that a change to it changes what the chapter prints.
const hashed = (node: ChapterNode, html: HastRoot): ChapterHtml => {
  const body = rehypeBlockIds(node.anchor)(html);
  return { html: body, blocks: blockIdsOf(body), contentSha256: contentHash(node.number, node.title, html) };
};

/**
 * Puts the numbered, resolved manual together as the book every renderer reads. Every chapter's
 * pages are issued by the current edition until change detection compares them with a release.
 * `convert` may keep the trees of chapters whose source and options have not changed (the preview).
 */
export function assembleBook(
  source: ManualSource,
  numbered: NumberedManual,
  resolved: ResolvedManual,
  convert: ConvertChapter = convertChapter,
): Book {
  const label = source.editions[0].label;
  const chapters = [...numbered.contents.chapters.values()].flatMap((node): Chapter[] => {
    const chapter = source.chapters.get(node.id);
    if (!chapter) return [];
    const headings = numbered.headings.get(node.id) ?? [];
    const converted = resolved.converted.chapters.get(node.id);
    const information = chapterInformation(source, resolved, node.id);
    const options: HtmlTreeOptions = {
      headings,
      resolved: resolved.chapters.get(node.id) ?? new Map(),
      idPrefix: node.anchor,
      root: source.root,
      baseRoot: source.base?.root,
    };
    const { html, blocks, contentSha256 } = converted
      ? hashed(node, withInformation(converted, information, options))
      : convert(chapter, node, options, information);
    return [
      {
        ...node,
        file: chapter.file,
        meta: chapter.meta,
        review: { owner: chapter.review.owner, by: chapter.review.by },
        sourceSha256: chapter.sha256,
        contentSha256,
        bodySha256: contentSha256,
        issue: label,
        headings,
        body: html,
        blocks,
      },
    ];
  });
  const [current, ...earlier] = source.editions.map((e) => editionView(e, source, numbered, resolved));
  const { title, shortTitle, publisher, language, logo, slug, siteUrl } = source.manifest.meta;
  return {
    meta: { title, shortTitle, publisher, language, logo, slug, ...(siteUrl ? { siteUrl } : {}) },
    assets: manualAssets(source.root),
    documents: manualDocuments(numbered, resolved, chapters, label),
    sections: numbered.contents.sections,
    chapters,
    edition: current,
    history: groupByYear(earlier),
    archive: bookArchive(source.archive, current),
    ...(source.base && { base: bookBase(source.base, source.manifest.base?.path ?? source.base.prefix) }),
  };
}

function bookBase(base: BaseSource, written: string): BookBase {
  const { id, label, date } = base.editions[0];
  return {
    folder: base.prefix,
    title: base.title,
    publisher: base.publisher,
    edition: { id, label, date },
    credit: base.credit,
    path: written,
    chapterSha256: Object.fromEntries([...base.chapterSha256].sort(([a], [b]) => a.localeCompare(b))),
    substituted: [...base.substituted.keys()].sort(),
    leftOut: base.leftOut.map(({ target, reason }) => ({ target, reason })),
  };
}

/** A hash of what a chapter prints; source positions are left out, since they move nothing on the page. */
function contentHash(number: string | undefined, title: string, body: HastRoot): string {
  const json = JSON.stringify({ number, title, body }, (key, value: unknown) =>
    key === 'position' ? undefined : value,
  );
  return createHash('sha256').update(json).digest('hex');
}

function editionView(
  edition: EditionSpec,
  source: ManualSource,
  numbered: NumberedManual,
  resolved: ResolvedManual,
): Edition {
  const view = amendmentView(numbered, resolved, source.root);
  const local = (item: AmendmentItem) => view(item, { idPrefix: amendmentPrefix(edition.id) });
  const updates = regionalUpdates(source, edition.id);
  // The base's items follow the local edition's own in each list.
  const carried = (list: RegionalUpdate['list']) =>
    updates
      .filter((update) => update.list === list)
      .map(({ item, edition: { id, label }, substituted }) =>
        view(item, {
          idPrefix: regionalPrefix(id),
          baseRoot: source.base?.root,
          regional: { edition: { id, label }, substituted },
        }),
      );
  const { id, date, label, nextUpdate, changeMarks } = edition;
  return {
    id,
    date,
    label,
    nextUpdate,
    changeMarks,
    updated: [...edition.updated.map(local), ...carried('updated')],
    new: [...edition.new.map(local), ...carried('new')],
    removed: [...edition.removed.map(local), ...carried('removed')],
  };
}

function groupByYear(editions: Edition[]): Book['history'] {
  const years: Book['history'] = [];
  for (const edition of editions) {
    const year = edition.date.slice(0, 4);
    if (years.at(-1)?.year === year) years.at(-1)!.editions.push(edition);
    else years.push({ year, editions: [edition] });
  }
  return years;
}
