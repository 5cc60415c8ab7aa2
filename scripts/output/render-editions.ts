import { freemem } from 'node:os';
import path from 'node:path';
import type { Book } from '../model/types.ts';
import { samePagePlaces } from '../render/epub/page-list.ts';
import { renderEpub } from '../render/epub/render-epub.ts';
import { renderHtml } from '../render/html/render-html.ts';
import { renderAmendmentPack } from '../render/pdf/amendment-pack.ts';
import { launchBrowser, type PdfBrowser } from '../render/pdf/browser.ts';
import type { Layout } from '../render/pdf/layout.ts';
import { reusableOffsets, withBlockPages, type BlockOffsets } from '../render/pdf/block-pages.ts';
import { layoutCacheFile, readCachedLayouts, writeCachedLayouts } from '../render/pdf/layout-cache.ts';
import { measureBlocks, measureEditions, pdfJob, printEdition, type PdfJob, type PrintedEdition } from '../render/pdf/render-pdf.ts';
import { templatesDir } from '../render/templates.ts';
import { writeFileAtomic } from './write-atomic.ts';

export interface RenderOptions {
  /** Milliseconds one Chromium print may take. */
  printTimeout: number;
  /** Where the last build's page layouts are kept as the next build's first plan; none measures every time. */
  cacheDir?: string;
  /** A Chromium the caller started early (while it checked the manual); it is closed here. */
  browser?: Promise<PdfBrowser>;
  timing?: (step: string, milliseconds: number) => void;
}

/** Every output of an edition, by file name, and what a release records of how they were made. */
export interface Editions {
  files: Map<string, Uint8Array | string>;
  /** The binder edition's units: where each starts and how many pages it has. */
  binder: Layout;
  /** The version of the Chromium that printed the PDFs. */
  chromium: string;
}

/**
 * The memory of a build that prints both editions at once, one renderer process each holding its
 * whole laid-out edition: measured peaks were 0.99, 2.07 and 3.65 GB at 300, 1,000 and 2,000
 * pages, about 0.5 GB and 1.6 MB a page. With Chromium in low-memory mode they were 1.82 GB at
 * 1,000 pages and 2.78-2.87 GB at 2,000: about 0.75 GB and 1.1 MB a page.
 */
const GIGABYTE = 2 ** 30;
const AT_ONCE = { base: 0.5 * GIGABYTE, perPage: 1.6e6 };
const AT_ONCE_LOW_MEMORY = { base: 0.75 * GIGABYTE, perPage: 1.1e6 };

/**
 * The memory a build may take: MANUAL_MEMORY_GB, by default the 3 GB a 2,000-page build is held
 * to.
 */
export function memoryBudget(): number {
  const gigabytes = Number(process.env.MANUAL_MEMORY_GB);
  return (Number.isFinite(gigabytes) && gigabytes > 0 ? gigabytes : 3) * GIGABYTE;
}

/** How the final prints of an edition of `pages` pages share the machine. */
export interface PrintPlan {
  /** Chromium in low-memory mode: when printing both at once in its usual mode would not fit. */
  lowMemory: boolean;
  /** One edition after the other: when MANUAL_PRINT_ONE_AT_A_TIME says so (1 or 0), else when both at once would not fit even in low-memory mode. */
  oneAtATime: boolean;
}

/** What fits is the lesser of the memory budget and the memory free. */
export function printPlan(pages: number): PrintPlan {
  const fits = (cost: typeof AT_ONCE) => cost.base + pages * cost.perPage <= Math.min(memoryBudget(), freemem());
  const lowMemory = !fits(AT_ONCE);
  const setting = process.env.MANUAL_PRINT_ONE_AT_A_TIME;
  if (setting === '1' || setting === '0') return { lowMemory, oneAtATime: setting === '1' };
  return { lowMemory, oneAtATime: lowMemory && !fits(AT_ONCE_LOW_MEMORY) };
}

/**
 * Renders every output of the book's current edition: the HTML page, the partner and binder PDFs,
 * the EPUB, and, when the edition follows an archived release, the amendment pack. One Chromium
 * serves every PDF, both editions printing at once when the memory budget allows it; for an
 * edition too large for that, one in low-memory mode takes over once the pages are measured.
 */
export async function renderEditions(book: Book, options: RenderOptions): Promise<Editions> {
  const templates = templatesDir(book.root);
  const name = `${book.meta.slug}-${book.edition.id}`;
  const time = stepTimer(options.timing);
  let browser = await time('start Chromium', () => options.browser ?? launchBrowser());
  try {
    const cacheFile = options.cacheDir && layoutCacheFile(options.cacheDir, book);
    const kept = cacheFile ? await readCachedLayouts(cacheFile) : undefined;
    const measuring = await pdfJob(book, browser, templates, { timeout: options.printTimeout, timing: options.timing });
    const measured = kept ? undefined : await time('measuring passes', () => measureEditions(measuring));
    const layouts = kept?.layouts ?? measured!.layouts;
    const plan = printPlan(layouts.partner.totalPages);
    if (plan.lowMemory) {
      // The Chromium that measured would sit beside the prints holding some 0.35 GB: it makes way.
      await browser.close();
      browser = await time('start Chromium in low-memory mode', () => launchBrowser({ lowMemory: true }));
    }
    const job = { ...measuring, browser };
    const blocks = measured ? Promise.resolve(measured.blocks) : keptBlocks(job, kept!.blocks);
    const printingPartner = time('partner PDF', () => printEdition(job, 'partner', layouts.partner));
    const partnerFirst = plan.oneAtATime ? printingPartner.then(() => undefined, () => undefined) : undefined;
    const printingBinder = Promise.resolve(partnerFirst).then(() => time('binder PDF', () => printEdition(job, 'binder', layouts.binder)));
    // The HTML and the EPUB are made while Chromium prints: they need only the node process.
    const html = time('HTML edition', () => renderHtml(book, templates));
    const epub = epubWhilePrinting(book, templates, layouts.partner, blocks, printingPartner, time);
    for (const made of [html, epub]) made.catch(() => undefined); // a failure is reported where it is awaited, below, not as an unhandled rejection
    const [partner, binder] = await Promise.all([printingPartner, printingBinder]);
    if (cacheFile) await writeCachedLayouts(cacheFile, { layouts: { partner: partner.layout, binder: binder.layout }, blocks: await blocks });
    const files = new Map<string, Uint8Array | string>([[`${name}.html`, await html]]);
    files.set(`${name}.pdf`, partner.bytes);
    files.set(`${name}-print.pdf`, binder.bytes);
    if (book.baseline && !book.baseline.sameEdition) {
      files.set(`${name}-amendment-pack.pdf`, await time('amendment pack', () => renderAmendmentPack(book, binder, browser, templates, job.options)));
    }
    files.set(`${name}.epub`, await epub);
    return { files, binder: binder.layout, chromium: browser.version };
  } finally {
    await browser.close();
  }
}

type StepTimer = <T>(step: string, work: () => Promise<T>) => Promise<T>;

/** Runs a step of the build and tells `timing` how long it took. */
function stepTimer(timing: RenderOptions['timing']): StepTimer {
  return async (step, work) => {
    const started = performance.now();
    const result = await work();
    timing?.(step, performance.now() - started);
    return result;
  };
}

/**
 * The EPUB's page list gives the partner PDF's page numbers. It is made from the plan while the
 * PDFs print, and made again from the printed pages only if the partner PDF did not land where
 * the plan said; at 1,000 pages that takes 1.5 s off the end of a build.
 */
async function epubWhilePrinting(
  book: Book,
  templates: string,
  plan: Layout,
  blocks: Promise<BlockOffsets>,
  printingPartner: Promise<PrintedEdition>,
  time: StepTimer,
): Promise<Uint8Array> {
  const offsets = await blocks;
  const planned = withBlockPages(book, { pageOf: plan.pageOf, pageCount: plan.totalPages }, offsets);
  const early = await time('EPUB', () => renderEpub(book, templates, planned));
  const printed = withBlockPages(book, (await printingPartner).printed, offsets);
  return samePagePlaces(book, planned, printed) ? early : time('EPUB again, from the printed pages', () => renderEpub(book, templates, printed));
}

/** Block offsets kept from the last build, with the chapters changed since measured again (beside the final prints). */
async function keptBlocks(job: PdfJob, kept: BlockOffsets): Promise<BlockOffsets> {
  const { offsets, stale } = reusableOffsets(job.book, kept);
  return stale.size === 0 ? offsets : new Map([...offsets, ...(await measureBlocks(job, stale))]);
}

/** Writes the outputs only once all of them are rendered, each through a temporary file. */
export async function writeEditions(files: Editions['files'], outDir: string): Promise<string[]> {
  const paths = [...files.keys()].map((name) => path.join(outDir, name));
  await Promise.all([...files.values()].map((data, i) => writeFileAtomic(paths[i], data)));
  return paths;
}
