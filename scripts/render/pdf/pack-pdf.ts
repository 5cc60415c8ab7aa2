import { PDFDocument } from 'pdf-lib';
import path from 'node:path';
import type { Book, FilingStep } from '../../core/book.ts';
import { documentPath } from '../rehype-document-links.ts';
import { stylesFor } from '../regional-styles.ts';
import { loadTemplates } from '../templates.ts';
import { editionView } from '../view-parts.ts';
import type { PdfBrowser, PrintOptions } from './browser.ts';
import type { PrintedBinder } from '../results.ts';
import { setDocumentInfo } from './pdf-file.ts';
import { documentInfo, NOTHING_ON_SCREEN } from './render-pdf.ts';

/**
 * A filing step as the pack prints it, with the pages of the binder PDF it inserts (1-based); a
 * document's step is one instruction across both columns, since the pack holds no page of it.
 */
interface FilingRow {
  remove?: string;
  insert?: string;
  pages?: { from: number; count: number };
  instruction?: string;
}

const pagesText = (count: number) => `${count} page${count === 1 ? '' : 's'}`;

/** The filing steps with the page numbers and counts of the binder PDF as it printed. */
function filingRows(book: Book, layout: PrintedBinder['layout']): FilingRow[] {
  const current = book.edition.label;
  return book.pack!.steps.map(({ remove, insert, document }) => {
    if (document) return { instruction: documentInstruction(book, document) };
    if (!insert) return { remove };
    const pages =
      insert.anchor === undefined
        ? { from: 1, count: 1 }
        : { from: layout.pageOf.get(insert.anchor)!, count: layout.counts.get(insert.anchor)! };
    return {
      remove,
      insert: insert.counted ? `${insert.label} (${pagesText(pages.count)}, ${current})` : insert.label,
      pages,
    };
  });
}

/**
 * What to do with a document, which binder holders print themselves: "Replace the Pet Assessment
 * Form (Word document): print it from https://…/documents/forms/pet-assessment.docx", or, where
 * the contents gives no `site-url`, from the web edition by its file name.
 */
function documentInstruction(book: Book, step: NonNullable<FilingStep['document']>): string {
  const named = `the ${step.title}${step.type ? ` (${step.type})` : ''}`;
  if (step.change === 'take-out') return `Take out ${named}`;
  const verb = step.change === 'replace' ? 'Replace' : 'Add';
  const address = book.meta.siteUrl && `${book.meta.siteUrl}${documentPath(step)}`;
  const from = address ? `print it from ${address}` : `print ${path.posix.basename(step.path)} from the web edition`;
  return `${verb} ${named}: ${from}`;
}

/**
 * The amendment pack: the filing instructions (printed from `templates/pdf/pack.hbs`), then the
 * replacement pages taken from the binder PDF, each part starting on a new sheet so the pack
 * prints double-sided. Copying pages into a new file keeps their look but not their tags: the pack
 * is for printing.
 */
export async function renderAmendmentPack(
  book: Book,
  binder: PrintedBinder,
  browser: PdfBrowser,
  templatesDir: string,
  options: PrintOptions,
): Promise<Uint8Array> {
  const plan = book.pack!;
  const steps = filingRows(book, binder.layout);
  const templates = await loadTemplates(templatesDir, 'pdf');
  const css = (await templates.styles(...stylesFor(book, 'manual.css', 'print.css', 'binder.css'))) + NOTHING_ON_SCREEN;
  const printsDocuments = steps.some((s) => s.instruction);
  const html = templates.render('pack', { ...editionView(book), css, baseline: plan.since, steps, printsDocuments });
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
    await append(
      source,
      Array.from({ length: step.pages!.count }, (_, i) => step.pages!.from - 1 + i),
    );
  }
  const subject = `Replacement pages from the ${plan.since.label} edition to the ${book.edition.label} edition`;
  setDocumentInfo(pack, {
    ...documentInfo(book, `${book.meta.title}: amendment pack, ${book.edition.label}`),
    subject,
  });
  pack.setProducer('manual-editions');
  return pack.save({ useObjectStreams: false });
}
