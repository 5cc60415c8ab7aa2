import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { AmendmentView, Book, Chapter, ContentsNode, Edition } from '../../model/types.ts';
import { dataUri, rehypeInlineImages } from '../rehype-inline-images.ts';
import { rehypeShiftHeadings } from '../rehype-shift-headings.ts';

/**
 * What the HTML edition's templates see: the book's contents with each entry's heading level and
 * each chapter's body as an HTML string with its images inlined, so the page stands alone.
 */
export function htmlView(book: Book, css: string) {
  const chapters = new Map(book.chapters.map((c) => [c.id, c]));
  const toHtml = (tree: Root, shift = 0): string => {
    const processor = unified().use(rehypeShiftHeadings, shift).use(rehypeInlineImages, book.root).use(rehypeStringify);
    return processor.stringify(processor.runSync(structuredClone(tree)) as Root);
  };
  const entries = (nodes: ContentsNode[], level: number): object[] =>
    nodes.map((node) => {
      if (node.kind === 'group') return { ...node, level, entries: entries(node.entries, level + 1) };
      if (node.kind === 'chapter') return { ...node, level, html: toHtml(bodyOf(chapters, node.id), level - 1) };
      return { ...node, level };
    });
  const edition = (e: Edition, current: boolean) => {
    const item = (a: AmendmentView) => ({ ...a, number: current ? a.number : undefined, detailsHtml: a.details ? toHtml(a.details) : '' });
    return { ...e, updated: e.updated.map(item), new: e.new.map(item), removed: e.removed.map(item) };
  };
  return {
    meta: book.meta,
    css,
    logo: book.meta.logo && dataUri(book.root, book.meta.logo),
    edition: edition(book.edition, true),
    editionDate: longDate(book.edition.date, book.meta.language),
    history: book.history.map((y) => ({ year: y.year, editions: y.editions.map((e) => edition(e, false)) })),
    sections: book.sections.map((s) => ({ ...s, entries: entries(s.entries, 3) })),
  };
}

function bodyOf(chapters: Map<string, Chapter>, id: string): Root {
  return chapters.get(id)?.body ?? { type: 'root', children: [] };
}

/** "3 February 2025", in the manual's language. */
export function longDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
