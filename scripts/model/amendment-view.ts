import type { AmendmentView, RegionalMark } from '../core/editions.ts';
import type { AmendmentItem } from '../load/types.ts';
import type { ResolvedManual } from '../markdown/resolve-manual.ts';
import { toHtmlTree } from '../markdown/to-html-tree.ts';
import type { NumberedManual } from '../number/number-manual.ts';

/** How an item's details are converted, and whose item it is. */
interface ViewOptions {
  /** Keeps the ids of its details apart from the chapters' and other editions'. */
  idPrefix: string;
  /** The base's folder, for an item of the base's: its details' images are the base's. */
  baseRoot?: string;
  regional?: RegionalMark;
}

/**
 * An amendment item as the book shows it: the chapter it names by its number and title in this
 * manual (the base's items too), its details as HTML.
 */
export function amendmentView(numbered: NumberedManual, resolved: ResolvedManual, root: string) {
  return (item: AmendmentItem, { idPrefix, baseRoot, regional }: ViewOptions): AmendmentView => {
    const node = item.chapter === undefined ? undefined : numbered.contents.chapters.get(item.chapter);
    const details =
      item.details &&
      (resolved.converted.amendments.get(item) ??
        toHtmlTree(item.details, {
          headings: [],
          resolved: resolved.amendments.get(item) ?? new Map(),
          idPrefix,
          root,
          baseRoot,
        }));
    const mark = regional && { regional };
    if (item.document !== undefined)
      return {
        // Checking requires a title where the document is no longer published.
        title: item.title ?? resolved.documentTitles.get(item.document) ?? item.document,
        document: item.document,
        details,
        editorial: item.editorial,
        ...mark,
      };
    return {
      number: node?.number,
      title: item.title ?? node?.title ?? item.chapter ?? '',
      href: node && `#${node.anchor}`,
      chapter: item.chapter,
      details,
      editorial: item.editorial,
      ...mark,
    };
  };
}
