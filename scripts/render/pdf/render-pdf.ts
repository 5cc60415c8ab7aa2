import type { Book, ContentsNode } from '../../model/types.ts';
import { loadTemplates } from '../templates.ts';
import type { PdfBrowser, PrintOptions } from './browser.ts';
import { contentsStart, landedAsPlanned, planLayout, printUnits, type Layout, type Variant } from './layout.ts';
import { readPrintedPdf, type OutlineNode } from './pdf-file.ts';
import { printedChapters, printView } from './print-view.ts';
import { numberedTitle } from '../../model/numbered-title.ts';

/** A layout that has not settled by then never will: something moves text between passes. */
const MAX_PASSES = 3;

/**
 * Prints one PDF edition in two passes of Chromium's own print: the first learns on which page
 * every chapter and section starts; the second prints with those page numbers written into the
 * contents, per-chapter footers and, in the binder edition, blank pages so that every unit starts
 * on a right-hand page. A pass is checked against the plan it was printed from.
 */
export interface PrintedEdition {
  bytes: Uint8Array;
  /** Where each unit starts and how many pages it has. */
  layout: Layout;
}

export async function renderPdf(book: Book, variant: Variant, browser: PdfBrowser, templatesDir: string, options: PrintOptions): Promise<PrintedEdition> {
  const templates = await loadTemplates(templatesDir, 'pdf');
  const css = await templates.styles('manual.css', 'print.css', `${variant}.css`);
  const units = printUnits(book);
  const chapters = printedChapters(book);
  let layout: Layout | undefined;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const started = performance.now();
    const pdf = await browser.print(templates.render('edition', printView(book, variant, units, chapters, layout, css)), options);
    options.timing?.(`${variant} PDF, pass ${pass}`, performance.now() - started);
    const printed = await readPrintedPdf(pdf);
    if (layout && landedAsPlanned(layout, printed.pageOf, printed.pageCount)) {
      return { bytes: await printed.finish(documentInfo(book), outlineOf(book, variant)), layout };
    }
    layout = planLayout(variant, units, printed.pageOf, printed.pageCount, layout?.blankBefore ?? new Set());
  }
  throw new Error(`the ${variant} PDF's pages moved on every one of ${MAX_PASSES} passes; a template's page numbers are probably not in fixed-width boxes`);
}

export function documentInfo(book: Book, title = book.meta.title) {
  const edition = `${book.edition.label} edition`;
  return {
    title,
    author: book.meta.publisher,
    subject: edition,
    keywords: [book.meta.shortTitle, book.meta.publisher, edition, 'procedures'],
    language: book.meta.language,
    date: book.edition.date,
  };
}

/** Bookmarks mirror the numbered contents: sections > sub-sections > chapters. */
function outlineOf(book: Book, variant: Variant): OutlineNode[] {
  const entries = (nodes: ContentsNode[]): OutlineNode[] =>
    nodes.flatMap((node): OutlineNode[] => {
      if (node.kind === 'group') return [{ title: numberedTitle(node), target: node.anchor, children: entries(node.entries) }];
      if (node.kind === 'chapter' || node.kind === 'amendments') return [{ title: numberedTitle(node), target: node.anchor, children: [] }];
      return [];
    });
  return [
    { title: 'Contents', target: contentsStart(variant), children: [] },
    ...book.sections.map((s) => ({ title: numberedTitle(s), target: s.anchor, children: entries(s.entries) })),
  ];
}
