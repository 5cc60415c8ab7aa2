import { availableParallelism } from 'node:os';
import { ManualError } from '../../core/diagnostics.ts';
import { DOCUMENTS_ANCHOR, DOCUMENTS_TITLE, type Book, type ContentsNode } from '../../core/book.ts';
import { mapEntries } from '../../core/contents.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { houseStyles, loadTemplates, type Templates } from '../templates.ts';
import type { PdfBrowser, PrintOptions } from './browser.ts';
import { blockOffsets, type BlockOffsets } from './block-pages.ts';
import {
  binderLayout,
  contentsAnchors,
  contentsStart,
  landedAsPlanned,
  planLayout,
  printParts,
  partCounts,
  type Layout,
  type Measure,
  type Part,
  type Variant,
} from './layout.ts';
import { atMostAtOnce } from './at-most-at-once.ts';
import { joinMeasures, type BatchPrint } from './joined-measure.ts';
import { readPrintedPdf, type OutlineNode } from './pdf-file.ts';
import { printedChapters, printView, type PassKind } from './print-view.ts';

/**
 * A print HTML is laid out twice: for the screen as it loads, then in pages as it prints. The
 * first is wasted work (about 1 to 2.5 s of each print of 1,000 pages), so the screen shows
 * nothing; the print's media is print, and its pages are the same.
 */
export const NOTHING_ON_SCREEN = '\n@media screen { body { display: none !important; } }\n';

/** A layout that has not settled by then never will: something moves text between passes. */
const MAX_PASSES = 3;

/**
 * Both PDFs are printed by Chromium's own print: a pass learns on which page every
 * chapter and section starts, the next prints with those page numbers written into the contents,
 * per-chapter footers and, in the binder PDF, blank pages so that every part starts on a
 * right-hand page. A pass is checked against the plan it was printed from.
 */
export interface PdfJob {
  book: Book;
  browser: PdfBrowser;
  templates: Templates;
  css: Record<Variant, string>;
  parts: Part[];
  /** The anchors whose pages each PDF prints: a pass that moved none of them is final. */
  anchors: Record<Variant, string[]>;
  /** Each chapter's print HTML, made once for every pass of both PDFs. */
  chapters: Map<string, string>;
  options: PrintOptions;
}

export interface PrintedPdf {
  bytes: Uint8Array;
  /** Where each part starts and how many pages it has. */
  layout: Layout;
  /** The page of every link target of the print that landed, and how many pages. */
  printed: Measure;
}

export async function pdfJob(
  book: Book,
  browser: PdfBrowser,
  templatesDir: string,
  options: PrintOptions,
): Promise<PdfJob> {
  const templates = await loadTemplates(templatesDir, 'pdf');
  const css = {
    partner: (await templates.styles(...houseStyles(book), 'print.css', 'partner.css')) + NOTHING_ON_SCREEN,
    binder: (await templates.styles(...houseStyles(book), 'print.css', 'binder.css')) + NOTHING_ON_SCREEN,
  };
  const parts = printParts(book);
  const anchors = { partner: contentsAnchors(book), binder: parts.map((u) => u.anchor) };
  return { book, browser, templates, css, parts, anchors, chapters: printedChapters(book), options };
}

function printPass(
  job: PdfJob,
  variant: Variant,
  layout: Layout | undefined,
  pass: PassKind = {},
): Promise<Uint8Array> {
  const html = job.templates.render(
    'edition',
    printView(job.book, variant, job.parts, job.chapters, layout, job.css[variant], pass),
  );
  return job.browser.print(html, job.options, !pass.measuring);
}

/**
 * Measuring prints of chapters, a batch at a time: each carries the page finder, and Chromium's
 * cost of link targets grows faster than the pages, so batches of at most about this much print
 * HTML are printed. Smaller and larger batches both measured slower (bench/README.md).
 */
const BATCH_BYTES = 1_200_000;

/** Measuring prints at once: each is a renderer process of its own, about one core's work. */
const PRINTS_AT_ONCE = Math.max(2, Math.min(4, availableParallelism()));

/**
 * Plans both PDFs from cheap prints that draw nothing: the chapters in batches, and the frame
 * of each PDF (title, contents, section pages, appendix). A chapter takes as many pages in the
 * binder as in the partner PDF, since both have the same text block; the print that follows
 * checks it. The chapter prints also say where every block starts.
 */
export async function measurePdfs(job: PdfJob): Promise<{ layouts: Record<Variant, Layout>; blocks: BlockOffsets }> {
  const frameParts = job.parts.filter((u) => u.kind !== 'chapter');
  const prints = [
    () => measureBatch(job, 'partner', frameParts, { frame: true }),
    () => measureBatch(job, 'binder', frameParts, { frame: true }),
    ...chapterBatches(job).map(
      (parts) => () => measureBatch(job, 'partner', parts, { finder: true, only: idsOf(parts) }),
    ),
  ];
  let done = 0;
  const counted = prints.map((print) => async () => {
    const batch = await print();
    job.options.count?.('measuring passes', ++done, prints.length);
    return batch;
  });
  const [partnerFrame, binderFrame, ...chapters] = await atMostAtOnce(PRINTS_AT_ONCE, counted);
  const measure = joinMeasures('partner', job.parts, [partnerFrame, ...chapters]);
  const partner = planLayout('partner', job.parts, measure, new Set(), job.anchors.partner);
  const frame = partCounts('binder', frameParts, binderFrame.measure, new Set());
  return {
    layouts: { partner, binder: binderLayout(job.parts, new Map([...partner.counts, ...frame])) },
    blocks: blockOffsets(job.book, measure),
  };
}

/** Where the blocks of some chapters start (those changed since the last build): measuring prints of those chapters alone. */
export async function measureBlocks(job: PdfJob, ids: ReadonlySet<string>): Promise<BlockOffsets> {
  const batches = await atMostAtOnce(
    PRINTS_AT_ONCE,
    chapterBatches(job, ids).map(
      (parts) => () => measureBatch(job, 'partner', parts, { finder: true, only: idsOf(parts) }),
    ),
  );
  return new Map(batches.flatMap((batch) => [...blockOffsets(job.book, batch.measure, ids)]));
}

async function measureBatch(job: PdfJob, variant: Variant, parts: Part[], pass: PassKind): Promise<BatchPrint> {
  return {
    parts,
    measure: await readPrintedPdf(await printPass(job, variant, undefined, { measuring: true, ...pass })),
  };
}

/**
 * The chapters (of `ids`, or all) in print order, in batches of at most about BATCH_BYTES of print
 * HTML, and in at least as many batches as print at once, so that a small manual keeps every
 * renderer measuring too.
 */
function chapterBatches(job: PdfJob, ids?: ReadonlySet<string>): Part[][] {
  const chapters = job.parts.filter((part) => part.kind === 'chapter' && (!ids || ids.has(part.id!)));
  const sizes = chapters.map((part) => job.chapters.get(part.id!)?.length ?? 0);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const limit = total / Math.max(PRINTS_AT_ONCE, Math.ceil(total / BATCH_BYTES));
  const batches: Part[][] = [];
  let bytes = Infinity;
  chapters.forEach((part, i) => {
    if (bytes + sizes[i] > limit) {
      batches.push([]);
      bytes = 0;
    }
    batches.at(-1)!.push(part);
    bytes += sizes[i];
  });
  return batches;
}

const idsOf = (parts: Part[]) => new Set(parts.map((u) => u.id!));

/** Prints a PDF from a plan, again from what it printed until it lands as planned, and finishes the file. */
export async function printPdf(job: PdfJob, variant: Variant, plan: Layout | undefined): Promise<PrintedPdf> {
  let layout = plan;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const started = performance.now();
    const printed = await readPrintedPdf(await printPass(job, variant, layout));
    job.options.timing?.(`${variant} PDF, pass ${pass}`, performance.now() - started);
    if (layout && landedAsPlanned(layout, job.anchors[variant], printed)) {
      const bytes = await printed.finish(documentInfo(job.book), outlineOf(job.book, variant));
      return { bytes, layout, printed: { pageOf: printed.pageOf, pageCount: printed.pageCount } };
    }
    layout = planLayout(variant, job.parts, printed, layout?.blankBefore ?? new Set(), job.anchors[variant]);
  }
  throw new ManualError([
    {
      severity: 'error',
      file: 'templates/pdf',
      message: `the ${variant} PDF's pages moved on every one of ${MAX_PASSES} passes: writing its page numbers in moved the text`,
      hint: 'print page numbers and counts only in boxes of fixed width (the .page-ref and .page-count rules of templates/styles/print.css), and let nothing else in a template depend on them',
      ruleId: 'page-numbers-move',
    },
  ]);
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

/** Bookmarks mirror the numbered contents: sections > subsections > chapters, then the list of documents. */
function outlineOf(book: Book, variant: Variant): OutlineNode[] {
  const entries = (nodes: ContentsNode[]) =>
    mapEntries<OutlineNode>(nodes, (node, children) => {
      if (node.kind === 'subsection') return { title: numberedTitle(node), target: node.anchor, children };
      if (node.kind === 'chapter' || node.kind === 'amendments')
        return { title: numberedTitle(node), target: node.anchor, children: [] };
      return [];
    });
  return [
    { title: 'Contents', target: contentsStart(variant), children: [] },
    ...book.sections.map((s) => ({ title: numberedTitle(s), target: s.anchor, children: entries(s.entries) })),
    ...(book.documents.length > 0 ? [{ title: DOCUMENTS_TITLE, target: DOCUMENTS_ANCHOR, children: [] }] : []),
  ];
}
