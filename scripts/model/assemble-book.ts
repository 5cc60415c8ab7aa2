import { createHash } from 'node:crypto';
import type { Root as HastRoot } from 'hast';
import type { AmendmentItem, BaseSource, ChapterSource, EditionSpec, ManualSource } from '../load/types.ts';
import { blockIdsOf, rehypeBlockIds } from '../markdown/rehype-block-ids.ts';
import { amendmentPrefix, type ResolvedManual } from '../markdown/resolve-manual.ts';
import { toHtmlTree, type HtmlTreeOptions } from '../markdown/to-html-tree.ts';
import type { NumberedManual } from '../number/number-manual.ts';
import type { AmendmentView, Book, BookBase, Chapter, ChapterNode, Edition } from '../core/book.ts';
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
  const [current, ...earlier] = source.editions.map((e) => editionView(e, numbered, resolved, source.root));
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
    ...(source.base && { base: bookBase(source.base) }),
  };
}

function bookBase(base: BaseSource): BookBase {
  const { id, label, date } = base.editions[0];
  return {
    folder: base.prefix,
    title: base.title,
    publisher: base.publisher,
    edition: { id, label, date },
    credit: base.credit,
  };
}

/** A hash of what a chapter prints; source positions are left out, since they move nothing on the page. */
function contentHash(number: string | undefined, title: string, body: HastRoot): string {
  const json = JSON.stringify({ number, title, body }, (key, value: unknown) =>
    key === 'position' ? undefined : value,
  );
  return createHash('sha256').update(json).digest('hex');
}

function editionView(edition: EditionSpec, numbered: NumberedManual, resolved: ResolvedManual, root: string): Edition {
  const view = (item: AmendmentItem): AmendmentView => {
    const node = item.chapter === undefined ? undefined : numbered.contents.chapters.get(item.chapter);
    const details =
      item.details &&
      (resolved.converted.amendments.get(item) ??
        toHtmlTree(item.details, {
          headings: [],
          resolved: resolved.amendments.get(item) ?? new Map(),
          idPrefix: amendmentPrefix(edition.id),
          root,
        }));
    if (item.document !== undefined)
      return {
        // Checking requires a title where the document is no longer published.
        title: item.title ?? resolved.documentTitles.get(item.document) ?? item.document,
        document: item.document,
        details,
        editorial: item.editorial,
      };
    return {
      number: node?.number,
      title: item.title ?? node?.title ?? item.chapter ?? '',
      href: node && `#${node.anchor}`,
      chapter: item.chapter,
      details,
      editorial: item.editorial,
    };
  };
  const { id, date, label, nextUpdate, changeMarks } = edition;
  return {
    id,
    date,
    label,
    nextUpdate,
    changeMarks,
    updated: edition.updated.map(view),
    new: edition.new.map(view),
    removed: edition.removed.map(view),
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
