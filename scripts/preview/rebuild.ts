import { createHash } from 'node:crypto';
import { diffChapters } from '../changes/diff.ts';
import { checkAmendmentsAgainstChanges } from '../changes/gate.ts';
import { changedBook } from '../changes/changed-book.ts';
import type { Book } from '../core/book.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import { loadManual } from '../load/load-manual.ts';
import { readReleasedUnits, type ReleasedUnits } from '../load/released-units.ts';
import type { Baseline } from '../load/types.ts';
import { cachedParser, uncachedParser, type ParseMarkdown, type ParsedChapter } from '../load/markdown-cache.ts';
import { resolveManual } from '../markdown/resolve-manual.ts';
import { assembleBook, convertChapter, type ChapterHtml, type ConvertChapter } from '../model/assemble-book.ts';
import { numberManual } from '../number/number-manual.ts';

export interface SourceSettings {
  root: string;
  archive: string;
  /** The parse cache on disk, read once at start so that a warm preview starts fast. */
  cacheDir?: string;
}

/** One check of the sources: what `manual check` reports, and the book when there are no errors. */
export interface Checked {
  diagnostics: Diagnostics;
  book?: Book;
}

/**
 * The check-and-model half of the preview, kept between rebuilds. Parsed chapters are held in
 * memory by the hash of their text, so a save re-parses only the chapter saved; numbering, link
 * resolution and the model run again on the whole manual, since a retitled chapter changes the
 * text of every link to it.
 */
export function sourceBuilder(settings: SourceSettings): () => Promise<Checked> {
  const parser = settings.cacheDir ? cachedParser(settings.cacheDir) : uncachedParser;
  let kept = new Map<string, Promise<ParsedChapter>>();
  const convert = keptConversions();
  const released = keptReleasedUnits();
  return async () => {
    const used = new Map<string, Promise<ParsedChapter>>();
    const parse: ParseMarkdown = (text) => {
      const key = createHash('sha256').update(text).digest('hex');
      const parsed = kept.get(key) ?? used.get(key) ?? parser(text);
      used.set(key, parsed);
      return parsed;
    };
    const diagnostics = new Diagnostics();
    const book = await checkAndAssemble(settings, { parse, convert, released }, diagnostics);
    // Only what this build read stays: a chapter edited a hundred times is kept once.
    kept = used;
    return { diagnostics, book };
  };
}

/** load -> number -> resolve -> the release gate -> the book, as `manual build` runs them. */
async function checkAndAssemble(
  { root, archive }: SourceSettings,
  { parse, convert, released }: { parse: ParseMarkdown; convert: ConvertChapter; released: KeptReleasedUnits },
  diagnostics: Diagnostics,
): Promise<Book | undefined> {
  const source = await loadManual(root, diagnostics, { parse, archiveDir: archive });
  if (!source) return undefined;
  const numbered = numberManual(source, diagnostics);
  const resolved = resolveManual(source, numbered, diagnostics);
  if (source.baseline) {
    const changes = diffChapters(numbered.contents.chapters, source.chapters, source.baseline);
    checkAmendmentsAgainstChanges(source.editions[0], source.baseline, changes, diagnostics, 'warning');
  }
  if (diagnostics.hasErrors()) return undefined;
  const book = assembleBook(source, numbered, resolved, convert);
  return changedBook(book, source.baseline, diagnostics, {
    changeMarks: true,
    released: (b) => released(b, diagnostics),
  });
}

type KeptReleasedUnits = (baseline: Baseline, diagnostics: Diagnostics) => Promise<ReleasedUnits>;

/** The archived release's units, read once per release folder: the archive does not change under the preview. */
function keptReleasedUnits(): KeptReleasedUnits {
  let kept: { folder: string; units: Promise<ReleasedUnits> } | undefined;
  return (baseline, diagnostics) => {
    if (kept?.folder !== baseline.folder)
      kept = { folder: baseline.folder, units: readReleasedUnits(baseline, diagnostics) };
    return kept.units;
  };
}

/**
 * Converts each chapter to HTML (and hashes what it prints) again only when something that reads
 * has changed: its text, number, title or anchor, its numbered headings, or how its links
 * resolved (a retitled target renames the link text). One conversion is kept per chapter.
 */
function keptConversions(): ConvertChapter {
  const kept = new Map<string, { key: string; made: ChapterHtml }>();
  return (chapter, node, options) => {
    const { headings, resolved, idPrefix, root } = options;
    const key = JSON.stringify([chapter.sha256, node.number, node.title, idPrefix, root, headings, [...resolved]]);
    const found = kept.get(chapter.id);
    if (found?.key === key) return found.made;
    const made = convertChapter(chapter, node, options);
    kept.set(chapter.id, { key, made });
    return made;
  };
}
