import { unitsWithWords, type EditionWords } from '../changes/edition-words.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import type { Settings } from '../core/settings.ts';
import { bookOf, checkManual, pipelineOptions } from '../pipeline/pipeline.ts';
import { report } from './report.ts';

/** The edition `current` compares: the chapters as the sources print them now, or undefined when the manual has errors (reported). */
export async function currentWords(settings: Settings): Promise<EditionWords | undefined> {
  const diagnostics = new Diagnostics();
  // Change marks add no words a unit is known by; without them the book is made sooner.
  const options = pipelineOptions(settings, { changeMarks: false });
  const checked = await checkManual(settings.root, diagnostics, options);
  const book = checked && (await bookOf(checked, diagnostics, options));
  report(diagnostics);
  if (!book) return undefined;
  const chapters = book.chapters.map((c) => ({
    id: c.id,
    number: c.number,
    title: c.title,
    units: unitsWithWords(c.body.children),
  }));
  const { label, date } = book.edition;
  return { edition: { id: 'current', label, date }, chapters: new Map(chapters.map((c) => [c.id, c])) };
}
