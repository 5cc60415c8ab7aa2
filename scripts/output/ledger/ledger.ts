import JSZip from 'jszip';
import type { Element, Root, Text } from 'hast';
import { DOCUMENTS_ANCHOR, type Book } from '../../core/book.ts';
import { entriesInOrder } from '../../core/contents.ts';
import type { Diagnostics } from '../../core/diagnostics.ts';
import { templateSyntaxIn } from '../../core/template-syntax.ts';
import type { ReadBack } from '../../render/contract.ts';
import type { Outputs } from '../render-outputs.ts';
import { lostInHtml, lostInPdf, type Loss, type OutputReading } from './compare.ts';
import { inventory, type ChapterInventory } from './inventory.ts';
import { pdfPageTexts } from './pdf-text.ts';
import { readHtml, type FoundInHtml } from './read-html.ts';
import { readPdf } from './read-pdf.ts';

/** What the ledger counted in the model, and in how many outputs it found every one. */
export interface LedgerCount {
  images: number;
  links: number;
  tables: number;
  codeBlocks: number;
  footnotes: number;
  outputs: string[];
}

/** The outputs as rendered: their files, and how each file that is read back is read. */
type Files = Pick<Outputs, 'files' | 'readBack'>;

/**
 * The fidelity ledger: reads every output back (the HTML pages and EPUB documents by their tags,
 * the PDFs by their text, figures and link annotations) and holds it against the book model.
 * Each image, link, table, code line or table cell an output lost, and each piece of template
 * syntax an output shows that `check` did not report at that place (`reported`: "file:line"), is
 * an error at the chapter's file and line.
 */
export async function checkOutputs(
  book: Book,
  outputs: Files,
  reported: ReadonlySet<string>,
  diagnostics: Diagnostics,
): Promise<LedgerCount> {
  const chapters = inventory(book);
  const { boundaries, partAnchors } = anchorsOf(book);
  const readings = await readOutputs(outputs, boundaries);
  const losses = new Map<string, { loss: Loss; outputs: string[] }>();
  for (const reading of readings) {
    const lost = reading.html ? lostInHtml(chapters, reading.html) : lostInPdf(chapters, reading.pdf!, partAnchors);
    for (const loss of lost) {
      const key = JSON.stringify([loss.chapter, chapters[loss.chapter].items.indexOf(loss.item), loss.part]);
      const entry = losses.get(key) ?? { loss, outputs: [] };
      if (!entry.outputs.includes(reading.output)) entry.outputs.push(reading.output);
      losses.set(key, entry);
    }
  }
  const every = readings.length;
  for (const { loss, outputs } of losses.values())
    reportLoss(chapters[loss.chapter], loss, join(outputs, every), diagnostics);
  reportSyntax(book, chapters, readings, reported, diagnostics);
  const items = chapters.flatMap((c) => c.items);
  const count = (kind: string) => items.filter((item) => item.kind === kind).length;
  return {
    images: count('image'),
    links: count('link'),
    tables: count('table'),
    codeBlocks: count('code'),
    footnotes: chapters.reduce((sum, c) => sum + c.footnotes, 0),
    outputs: readings.map((r) => r.output),
  };
}

/** Chapter anchors to their index, the anchors of every other part of the book (sections, the appendix ...) to -1. */
function anchorsOf(book: Book): { boundaries: Map<string, number>; partAnchors: string[] } {
  const boundaries = new Map<string, number>();
  for (const section of book.sections) {
    boundaries.set(section.anchor, -1);
    for (const [node] of entriesInOrder(section.entries)) if ('anchor' in node) boundaries.set(node.anchor, -1);
  }
  if (book.documents.length > 0) boundaries.set(DOCUMENTS_ANCHOR, -1);
  book.chapters.forEach((chapter, i) => boundaries.set(chapter.anchor, i));
  return { boundaries, partAnchors: [...boundaries.keys()] };
}

/** Reads every output back, each file as it says; the PDFs' text, read by other processes, first, so that the rest is read meanwhile. */
async function readOutputs({ files, readBack }: Files, boundaries: Map<string, number>): Promise<OutputReading[]> {
  const byOutput = new Map<string, { format: ReadBack['format']; names: string[] }>();
  for (const [name, { output, format }] of readBack) {
    if (!byOutput.has(output)) byOutput.set(output, { format, names: [] });
    byOutput.get(output)!.names.push(name);
  }
  const read = async (output: string, { format, names }: { format: ReadBack['format']; names: string[] }) => {
    if (format === 'pdf') return readPdfOutput(output, files.get(names[0])!, names[0]);
    const pages = format === 'epub' ? await epubDocuments(files.get(names[0])!) : names.map((n) => text(files.get(n)!));
    const found = new Map<number, FoundInHtml>();
    for (const page of pages) readHtml(page, boundaries, found);
    return { output, html: found };
  };
  const pdfs = [...byOutput].filter(([, o]) => o.format === 'pdf').map(([output, o]) => read(output, o));
  const others: OutputReading[] = [];
  for (const [output, o] of byOutput) if (o.format !== 'pdf') others.push(await read(output, o));
  return [...others, ...(await Promise.all(pdfs))];
}

const text = (data: Uint8Array | string) => (typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));

async function readPdfOutput(output: string, data: Uint8Array | string, name: string): Promise<OutputReading> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const pages = await pdfPageTexts(bytes, name);
  return { output, pdf: { contents: readPdf(bytes), pages } };
}

async function epubDocuments(bytes: Uint8Array | string): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const documents = Object.values(zip.files).filter((file) => /\.x?html$/i.test(file.name) && !file.dir);
  return Promise.all(documents.map((file) => file.async('string')));
}

const KIND_NAMES = { image: 'image', link: 'link', table: 'table', code: 'code block' } as const;

function reportLoss(
  inventory: ChapterInventory,
  { item, part }: Loss,
  outputs: string,
  diagnostics: Diagnostics,
): void {
  const where = {
    file: inventory.chapter.file,
    line: item.line,
    column: item.line === undefined ? undefined : item.column,
  };
  const named = item.key ? ` "${shorten(item.key)}"` : '';
  const what =
    part !== undefined
      ? `the end of ${item.kind === 'code' ? 'a line of this code block' : 'a cell of this table'}, "${shorten(part.trim(), true)}"`
      : `the ${KIND_NAMES[item.kind]}${item.kind === 'code' || item.kind === 'table' ? '' : named}`;
  const hint =
    part !== undefined
      ? 'text too wide for the page is cut off: the stylesheets (templates/styles/print.css) must let code wrap and tables fit the page'
      : "the build stopped so that no edition goes out without it; if templates/ were changed, keep each chapter's {{{html}}} whole, else report this chapter as a bug";
  diagnostics.error(where, `${outputs} lost ${what}`, hint, 'lost-in-output');
}

/** Template syntax an HTML output shows, at the model's text that holds it, unless `check` reported it there. */
function reportSyntax(
  book: Book,
  chapters: ChapterInventory[],
  readings: OutputReading[],
  reported: ReadonlySet<string>,
  diagnostics: Diagnostics,
): void {
  const seen = new Map<string, { file: string; line?: number; column?: number; written: string; outputs: string[] }>();
  for (const reading of readings) {
    for (const [index, found] of reading.html ?? []) {
      if (index < 0) continue;
      for (const written of templateSyntaxIn(found.prose.join(''))) {
        const place = textPlace(book.chapters[index].body, written);
        const file = chapters[index].chapter.file;
        if (place && reported.has(`${file}:${place.line}`)) continue;
        const key = `${file}:${place?.line}:${written}`;
        const entry = seen.get(key) ?? { file, ...place, written, outputs: [] };
        entry.outputs.push(reading.output);
        seen.set(key, entry);
      }
    }
  }
  for (const { file, line, column, written, outputs } of seen.values()) {
    diagnostics.error(
      { file, line, column },
      `${join(outputs, readings.length)} ${outputs.length > 1 ? 'show' : 'shows'} "${shorten(written)}", template syntax that check did not report`,
      'write what it should show in markdown; if it is no template syntax, escape its first character with "\\"',
      'template-syntax-in-output',
    );
  }
}

/** Where the model's text that holds `written` is written in the source. */
function textPlace(body: Root, written: string): { line: number; column: number } | undefined {
  let found: { line: number; column: number } | undefined;
  const walk = (node: Root | Element, inCode: boolean): void => {
    for (const child of node.children) {
      if (found) return;
      if (child.type === 'text' && !inCode && (child as Text).value.includes(written.slice(0, 3)) && child.position)
        found = { line: child.position.start.line, column: child.position.start.column };
      if (child.type === 'element') walk(child, inCode || child.tagName === 'code' || child.tagName === 'pre');
    }
  };
  walk(body, false);
  return found;
}

const shorten = (text: string, tail = false) =>
  text.length <= 60 ? text : tail ? `...${text.slice(-57)}` : `${text.slice(0, 57)}...`;

/** "the EPUB and the web edition"; "every output" when all of them. */
function join(outputs: string[], every: number): string {
  if (outputs.length === every && every > 1) return 'every output';
  return outputs.length <= 1 ? outputs.join('') : `${outputs.slice(0, -1).join(', ')} and ${outputs.at(-1)}`;
}

/** The places (`file:line`) where `check` reported template syntax, which the outputs may then show. */
export function reportedTemplateSyntax(diagnostics: Diagnostics): Set<string> {
  return new Set(diagnostics.items.filter((d) => d.ruleId.startsWith('template-')).map((d) => `${d.file}:${d.line}`));
}

/** "1,204 images, 3,911 links, 212 tables, 88 code blocks and 30 footnotes: all in 5 outputs" */
export function ledgerLine(count: LedgerCount, language: string): string {
  const n = (value: number, word: string) => `${value.toLocaleString(language)} ${word}${value === 1 ? '' : 's'}`;
  const parts = [
    n(count.images, 'image'),
    n(count.links, 'link'),
    n(count.tables, 'table'),
    n(count.codeBlocks, 'code block'),
    n(count.footnotes, 'footnote'),
  ];
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}: all in ${n(count.outputs.length, 'output')}`;
}
