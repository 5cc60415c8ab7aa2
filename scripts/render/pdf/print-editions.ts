import { freemem } from 'node:os';
import { editionName, type OutputFile, type RenderContext } from '../contract.ts';
import type { Book } from '../../core/book.ts';
import { reusableOffsets, withBlockPages, type BlockOffsets } from './block-pages.ts';
import { chromiumOf } from './browsers.ts';
import { layoutCacheFile, readCachedLayouts, writeCachedLayouts } from './layout-cache.ts';
import { printPlan } from './print-plan.ts';
import { binderChapters } from './print-view.ts';
import { measureBlocks, measurePdfs, pdfJob, printPdf, type PdfJob } from './render-pdf.ts';

/**
 * Plans both PDFs from the last build's layout, or from measuring passes, then prints both at once
 * where the memory budget allows, in Chromium's low-memory mode where only that fits, else one
 * after the other, publishing where the partner PDF's pages fall (planned, then printed), the
 * printed binder PDF and the Chromium that printed them.
 */
export async function printEditions(book: Book, context: RenderContext): Promise<OutputFile[]> {
  const { settings, time, results } = context;
  const browsers = chromiumOf(context.resources, settings.print);
  let browser = await time('start Chromium', () => browsers.current());
  const cacheFile = settings.cacheDir && layoutCacheFile(settings.cacheDir, book);
  const kept = cacheFile ? await readCachedLayouts(cacheFile) : undefined;
  const measuring = await pdfJob(book, browser, settings.templatesDir, {
    timeout: settings.print.timeout,
    timing: context.timing,
    count: context.count,
  });
  const measured = kept ? undefined : await time('measuring passes', () => measurePdfs(measuring));
  const layouts = kept?.layouts ?? measured!.layouts;
  const plan = printPlan({
    pages: layouts.partner.totalPages,
    budget: settings.print.memoryBudget,
    free: freemem(),
    oneAtATime: settings.print.oneAtATime,
  });
  // The Chromium that measured would sit beside the prints holding memory: it makes way.
  if (plan.lowMemory)
    browser = await time('start Chromium in low-memory mode', () => browsers.restartInLowMemoryMode());
  const job = { ...measuring, browser };
  const blocks = measured ? Promise.resolve(measured.blocks) : keptBlocks(job, kept!.blocks);
  const planned = layouts.partner;
  results.publish(
    'partner-pages-planned',
    blocks.then((offsets) => withBlockPages(book, { pageOf: planned.pageOf, pageCount: planned.totalPages }, offsets)),
  );
  const partner = time('partner PDF', () => printPdf(job, 'partner', layouts.partner));
  const partnerFirst = plan.oneAtATime
    ? partner.then(
        () => undefined,
        () => undefined,
      )
    : undefined;
  // The binder's change bars stand on the outer edge of their pages: it waits for where they fall.
  const binderJob = book.chapters.some((c) => c.changes?.marks.length)
    ? blocks.then((offsets) => ({ ...job, chapters: binderChapters(book, job.chapters, offsets) }))
    : job;
  const binder = Promise.all([partnerFirst, binderJob]).then(([, printing]) =>
    time('binder PDF', () => printPdf(printing, 'binder', layouts.binder)),
  );
  results.publish(
    'partner-pages',
    Promise.all([partner, blocks]).then(([printed, offsets]) => withBlockPages(book, printed.printed, offsets)),
  );
  results.publish('binder-pdf', binder);
  const [partnerPdf, binderPdf] = await Promise.all([partner, binder]);
  if (cacheFile)
    await writeCachedLayouts(cacheFile, {
      layouts: { partner: partnerPdf.layout, binder: binderPdf.layout },
      blocks: await blocks,
    });
  results.publish('printed-with', browsers.version);
  const name = editionName(book);
  return [
    { name: `${name}.pdf`, data: partnerPdf.bytes, readBack: { output: 'the partner PDF', format: 'pdf' } },
    { name: `${name}-print.pdf`, data: binderPdf.bytes, readBack: { output: 'the binder PDF', format: 'pdf' } },
  ];
}

/** Block offsets kept from the last build, with the chapters changed since measured again (beside the final prints). */
async function keptBlocks(job: PdfJob, kept: BlockOffsets): Promise<BlockOffsets> {
  const { offsets, stale } = reusableOffsets(job.book, kept);
  return stale.size === 0 ? offsets : new Map([...offsets, ...(await measureBlocks(job, stale))]);
}
