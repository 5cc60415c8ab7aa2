import type { AmendmentItem, EditionSpec, ManualSource } from '../load/types.ts';
import { toHtmlTree } from '../markdown/to-html-tree.ts';
import type { NumberedManual } from '../number/number-manual.ts';
import type { AmendmentView, Book, Chapter, Edition } from './types.ts';

/** Puts the numbered, resolved manual together as the book every renderer reads. */
export function assembleBook(source: ManualSource, numbered: NumberedManual): Book {
  const chapters = [...numbered.contents.chapters.values()].flatMap((node): Chapter[] => {
    const chapter = source.chapters.get(node.id);
    if (!chapter) return [];
    const headings = numbered.headings.get(node.id) ?? [];
    return [{ ...node, file: chapter.file, meta: chapter.meta, headings, body: toHtmlTree(chapter.tree, headings, node.anchor) }];
  });
  const [current, ...earlier] = source.editions.map((e) => editionView(e, numbered));
  return {
    root: source.root,
    meta: source.manifest.meta,
    sections: numbered.contents.sections,
    chapters,
    edition: current,
    history: groupByYear(earlier),
  };
}

function editionView(edition: EditionSpec, numbered: NumberedManual): Edition {
  const view = (item: AmendmentItem): AmendmentView => {
    const node = item.chapter === undefined ? undefined : numbered.contents.chapters.get(item.chapter);
    const details = item.details && toHtmlTree(item.details, [], `amendment-${edition.id}`);
    return { number: node?.number, title: item.title ?? node?.title ?? item.chapter ?? '', href: node && `#${node.anchor}`, details };
  };
  const { id, date, label, nextUpdate } = edition;
  return { id, date, label, nextUpdate, updated: edition.updated.map(view), new: edition.new.map(view), removed: edition.removed.map(view) };
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
