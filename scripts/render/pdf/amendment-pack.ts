import { PDFDocument } from 'pdf-lib';
import type { Baseline } from '../../load/types.ts';
import type { Book } from '../../model/types.ts';
import { loadTemplates } from '../templates.ts';
import { editionView } from '../view-parts.ts';
import type { PdfBrowser, PrintOptions } from './browser.ts';
import { printUnits, type Layout, type Unit } from './layout.ts';
import { setDocumentInfo } from './pdf-file.ts';
import { documentInfo, type PrintedEdition } from './render-pdf.ts';
import { numberedTitle } from '../../model/numbered-title.ts';

/** One line of the filing instructions: what to take out of the binder and what to put in. */
export interface FilingStep {
  remove?: string;
  insert?: string;
  /** Pages of the binder edition to insert, 1-based. */
  pages?: { from: number; count: number };
}

const pagesText = (count: number) => `${count} page${count === 1 ? '' : 's'}`;

/**
 * The filing steps, in binder order, from the release the binder holders have to this edition:
 * the title page, the contents and the amendments appendix always; section dividers that are new
 * or changed; chapters new, changed or renumbered (their pages were reissued); chapters removed,
 * where they were.
 */
export function filingSteps(book: Book, baseline: Baseline, layout: Layout): FilingStep[] {
  const current = book.edition.label;
  const old = baseline.edition.label;
  const steps: FilingStep[] = [{ remove: `Title page (${old})`, insert: `Title page (${current})`, pages: { from: 1, count: 1 } }];
  const reissued = new Set(book.chapters.filter((c) => c.issue === current).map((c) => c.id));
  const oldSections = new Map(baseline.sections.map((s) => [s.anchor, s]));
  const removedAfter = removedChaptersByPredecessor(book, baseline);
  for (const unit of printUnits(book)) {
    const pages = { from: layout.pageOf.get(unit.anchor)!, count: layout.counts.get(unit.anchor)! };
    const step = unitStep(unit, pages, { baseline, reissued, oldSections, current });
    if (step) steps.push(step);
    for (const removed of removedAfter.get(unit.id ?? '') ?? []) steps.push({ remove: `${numberedTitle(removed)} (${pagesText(removed.pages)}, ${removed.issue})` });
  }
  return steps;
}

function unitStep(
  unit: Unit,
  pages: { from: number; count: number },
  context: { baseline: Baseline; reissued: Set<string>; oldSections: Map<string, { number: string; title: string }>; current: string },
): FilingStep | undefined {
  const { baseline, current } = context;
  const insert = `${numberedTitle(unit)} (${pagesText(pages.count)}, ${current})`;
  if (unit.kind === 'contents') return { remove: `Contents (${pagesText(baseline.contentsPages)}, ${baseline.edition.label})`, insert, pages };
  if (unit.kind === 'amendments') return { remove: `${numberedTitle(unit)} (${pagesText(baseline.appendixPages)}, ${baseline.edition.label})`, insert, pages };
  if (unit.kind === 'section') {
    const old = context.oldSections.get(unit.anchor);
    if (old && old.number === unit.number && old.title === unit.title) return undefined;
    return { remove: old ? `Section divider ${numberedTitle(old)}` : undefined, insert: `Section divider ${numberedTitle(unit)}`, pages };
  }
  if (!context.reissued.has(unit.id!)) return undefined;
  const old = baseline.chapters[unit.id!];
  return { remove: old ? `${numberedTitle(old)} (${pagesText(old.pages)}, ${old.issue})` : undefined, insert, pages };
}

/** Chapters of the release that are gone now, keyed by the surviving chapter they followed. */
function removedChaptersByPredecessor(book: Book, baseline: Baseline) {
  const now = new Set(book.chapters.map((c) => c.id));
  const after = new Map<string, Baseline['chapters'][string][]>();
  let previous = book.chapters[0]?.id ?? '';
  for (const [id, chapter] of Object.entries(baseline.chapters)) {
    if (now.has(id)) previous = id;
    else after.set(previous, [...(after.get(previous) ?? []), chapter]);
  }
  return after;
}

/**
 * The amendment pack: the filing instructions (printed from `templates/pdf/pack.hbs`), then the
 * replacement pages taken from the binder edition, each unit starting on a new sheet so the pack
 * prints double-sided. Copying pages into a new file keeps their look but not their tags: the pack
 * is for printing.
 */
export async function renderAmendmentPack(book: Book, binder: PrintedEdition, browser: PdfBrowser, templatesDir: string, options: PrintOptions): Promise<Uint8Array> {
  const baseline = book.baseline!;
  const steps = filingSteps(book, baseline, binder.layout);
  const templates = await loadTemplates(templatesDir, 'pdf');
  const css = await templates.styles('manual.css', 'print.css', 'binder.css');
  const html = templates.render('pack', { ...editionView(book), css, baseline: baseline.edition, steps });
  const instructions = await PDFDocument.load(await browser.print(html, options));
  const source = await PDFDocument.load(binder.bytes);
  const pack = await PDFDocument.create();
  const blank = source.getPageCount() > 1 ? 1 : undefined; // the binder's page 2: "intentionally left blank"
  const append = async (from: PDFDocument, indices: number[]) => {
    for (const page of await pack.copyPages(from, indices)) pack.addPage(page);
    if (indices.length % 2 === 1 && blank !== undefined) pack.addPage((await pack.copyPages(source, [blank]))[0]);
  };
  await append(instructions, instructions.getPageIndices());
  for (const step of steps.filter((s) => s.pages && s.pages.count > 0)) {
    await append(source, Array.from({ length: step.pages!.count }, (_, i) => step.pages!.from - 1 + i));
  }
  const subject = `Replacement pages from the ${baseline.edition.label} edition to the ${book.edition.label} edition`;
  setDocumentInfo(pack, { ...documentInfo(book, `${book.meta.title}: amendment pack, ${book.edition.label}`), subject });
  pack.setProducer('manual-editions');
  return pack.save({ useObjectStreams: false });
}
