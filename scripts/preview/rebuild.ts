import { statSync } from 'node:fs';
import type { Book } from '../core/book.ts';
import { Diagnostics } from '../core/diagnostics.ts';
import { keptChecks } from '../core/kept.ts';
import { readReleasedUnits, type ReleasedUnits } from '../load/released-units.ts';
import type { Baseline } from '../load/types.ts';
import { cachedParser, uncachedParser } from '../load/markdown-cache.ts';
import { reparsingParser } from '../load/reparse.ts';
import { readDocument, type DocumentFile, type ReadDocument } from '../markdown/check-document.ts';
import { convertChapter, type ChapterHtml, type ConvertChapter } from '../model/assemble-book.ts';
import { bookOf, checkManual, type PipelineOptions } from '../pipeline/pipeline.ts';

/** One check of the sources: what `manual check` reports, and the book when there are no errors. */
export interface Checked {
  diagnostics: Diagnostics;
  book?: Book;
}

/**
 * The check-and-model half of the preview: the pipeline `build` runs, kept between rebuilds.
 * What loading read of each unchanged file (a chapter parsed, with its front matter; the contents;
 * the amendments) is kept with its problems, so a save parses only the chapter saved, and of it
 * only the paragraph the edit fell in when that gives the same tree (`reparse.ts`). Numbering, link resolution and the model
 * run again on the whole manual, since a retitled chapter changes the text of every link to it.
 */
export function sourceBuilder(root: string, options: PipelineOptions): () => Promise<Checked> {
  let base = options.cacheDir ? cachedParser(options.cacheDir) : uncachedParser;
  // Only a chapter whose bytes changed is parsed: the keep holds every other as it was read.
  const parse = reparsingParser((text) => base(text));
  const keep = keptChecks();
  const convert = keptConversions();
  const released = keptReleasedUnits();
  const readDocument = keptDocumentReads();
  return async () => {
    const diagnostics = new Diagnostics();
    const hooks = { ...options, parse, keep, convert, released, readDocument };
    const checked = await checkManual(root, diagnostics, hooks);
    const book = checked && (await bookOf(checked, diagnostics, hooks));
    // The texts of later saves are drafts: writing each to the parse cache costs the save its
    // tree's JSON and two files, and no later run reads them.
    base = uncachedParser;
    return { diagnostics, book };
  };
}

/**
 * What was read of each linked document, kept while its size and time of change are the same: a
 * manual's forms can run to hundreds of megabytes, which a save must not read again.
 */
function keptDocumentReads(): ReadDocument {
  const kept = new Map<string, { key: string; read: DocumentFile }>();
  return (full, file, limit) => {
    const { size, mtimeMs } = statSync(full);
    const key = `${size} ${Math.floor(mtimeMs)} ${limit}`;
    const found = kept.get(full);
    if (found?.key === key) return found.read;
    const read = readDocument(full, file, limit);
    kept.set(full, { key, read });
    return read;
  };
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
 * has changed: its text, number, title or anchor, its numbered headings, how its links
 * resolved (a retitled target renames the link text), or the local information placed in it.
 * One conversion is kept per chapter.
 */
function keptConversions(): ConvertChapter {
  const kept = new Map<string, { key: string; made: ChapterHtml }>();
  return (chapter, node, options, information) => {
    const { headings, resolved, idPrefix, root } = options;
    // Local information placed in a base chapter is read from its own file.
    const local = information && [
      information.publisher,
      information.files.map((file) => [file.information.source.sha256, [...file.resolved]]),
    ];
    const key = JSON.stringify([
      chapter.sha256,
      node.number,
      node.title,
      idPrefix,
      root,
      headings,
      [...resolved],
      local,
    ]);
    const found = kept.get(chapter.id);
    if (found?.key === key) return found.made;
    const made = convertChapter(chapter, node, options, information);
    kept.set(chapter.id, { key, made });
    return made;
  };
}
