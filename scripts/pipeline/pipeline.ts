import path from 'node:path';
import { baseChangesSince, reportBaseReviews, type BaseChanges } from '../changes/base-review.ts';
import { diffChapters, type Changes } from '../changes/diff.ts';
import { checkedDocuments, diffDocuments, type DocumentChanges } from '../changes/document-diff.ts';
import { checkAmendmentsAgainstChanges } from '../changes/gate.ts';
import { changedBook } from '../changes/changed-book.ts';
import type { Diagnostics, Severity } from '../core/diagnostics.ts';
import type { KeepChecked } from '../core/kept.ts';
import type { Settings } from '../core/settings.ts';
import { loadManual } from '../load/load-manual.ts';
import { regionalUpdates } from '../load/regional-updates.ts';
import { cachedParser, uncachedParser, type ParseMarkdown } from '../load/markdown-cache.ts';
import type { ReleasedUnits } from '../load/released-units.ts';
import type { Baseline, ManualSource } from '../load/types.ts';
import type { ReadDocument } from '../markdown/check-document.ts';
import { resolveManual, type ResolvedManual } from '../markdown/resolve-manual.ts';
import { assembleBook, type ConvertChapter } from '../model/assemble-book.ts';
import type { Book } from '../core/book.ts';
import { numberManual, type NumberedManual } from '../number/number-manual.ts';

export interface CheckedManual {
  source: ManualSource;
  numbered: NumberedManual;
  /** How every link and image is written, as checking resolved it. */
  resolved: ResolvedManual;
  /**
   * The release the edition is compared with: the baseline, or for `compareReleased` the current
   * edition's own release when it is archived.
   */
  compared?: Baseline;
  /** What changed since that release, when there is one. */
  changes?: Changes;
  /** What changed in the documents since that release, when it recorded them. */
  documentChanges?: DocumentChanges;
  /** For a manual on a base: what the base changed since the latest archived release, and the local content over it. */
  baseChanges?: BaseChanges;
}

/**
 * How the pipeline runs, built once from a command's settings (`pipelineOptions`). The hooks let
 * a caller that runs it again and again (the preview) keep what did not change: parsed and read
 * chapters, the contents and amendments as read, converted chapters, documents read, the release's units.
 */
export interface PipelineOptions {
  /** Folder for parsed chapters kept between runs; none disables the cache. */
  cacheDir?: string;
  /** Parses a chapter's text; default: through the parse cache in `cacheDir`. */
  parse?: ParseMarkdown;
  /** Keeps what loading read of a text while the text is the same; default: nothing. */
  keep?: KeepChecked;
  /** Converts a chapter to its HTML tree; default: anew each time. */
  convert?: ConvertChapter;
  /** Reads each document a chapter links to; default: anew each time. */
  readDocument?: ReadDocument;
  /** Reads the units the baseline release recorded; default: anew each time. */
  released?: (baseline: Baseline, diagnostics: Diagnostics) => Promise<ReleasedUnits>;
  /** The archive of releases (default: ROOT/archive). */
  archiveDir?: string;
  /** How the release gate reports unlisted changes: `check` warns, `release` refuses. */
  gate?: Severity;
  /** False for `--no-change-marks`. */
  changeMarks?: boolean;
  /** Compare with the current edition's own release when it is archived (`manual diff`), not the one before it. */
  compareReleased?: boolean;
}

/** The pipeline's options as the command's settings give them. */
export function pipelineOptions(settings: Settings, more: Partial<PipelineOptions> = {}): PipelineOptions {
  return { cacheDir: settings.cacheDir, archiveDir: settings.archive, changeMarks: settings.changeMarks, ...more };
}

/** load -> number -> resolve links: everything `manual check` validates, without rendering. */
export async function checkManual(
  root: string,
  diagnostics: Diagnostics,
  options: PipelineOptions = {},
): Promise<CheckedManual | undefined> {
  const parse = options.parse ?? (options.cacheDir ? cachedParser(options.cacheDir) : uncachedParser);
  const { keep, archiveDir } = options;
  const source = await loadManual(path.resolve(root), diagnostics, { parse, archiveDir, keep });
  if (!source) return undefined;
  const numbered = numberManual(source, diagnostics);
  const resolved = resolveManual(source, numbered, diagnostics, options.readDocument);
  const { baseline, released } = source;
  const compared = (options.compareReleased && released) || baseline;
  const since = (release: Baseline) => ({
    changes: diffChapters(numbered.contents.chapters, source.chapters, release),
    documents: diffDocuments(checkedDocuments(resolved), release),
  });
  const found = compared && since(compared);
  // An edition already released is held to its release; one not yet, to the release before it.
  const gated = released ?? baseline;
  const gate = gated && (gated === compared ? found : since(gated));
  if (gated && gate)
    checkAmendmentsAgainstChanges(
      source.editions[0],
      gated,
      gate.changes,
      gate.documents,
      diagnostics,
      options.gate ?? 'warning',
      regionalUpdates(source, source.editions[0].id),
    );
  // The latest release is the last one whose owner reviewed the base it carried.
  const baseChanges = await baseChangesSince(source, gated);
  if (baseChanges) reportBaseReviews(baseChanges, diagnostics);
  return {
    source,
    numbered,
    resolved,
    compared,
    changes: found?.changes,
    documentChanges: found?.documents,
    baseChanges,
  };
}

/** The book model, or undefined when the manual has errors (they are in `diagnostics`). */
export async function buildBook(
  root: string,
  diagnostics: Diagnostics,
  options: PipelineOptions = {},
): Promise<Book | undefined> {
  const checked = await checkManual(root, diagnostics, options);
  return checked && bookOf(checked, diagnostics, options);
}

/** The book model of a checked manual, with what changed since the baseline shown in it. */
export async function bookOf(
  checked: CheckedManual,
  diagnostics: Diagnostics,
  options: PipelineOptions = {},
): Promise<Book | undefined> {
  if (diagnostics.hasErrors()) return undefined;
  const book = assembleBook(checked.source, checked.numbered, checked.resolved, options.convert);
  const { released } = options;
  return changedBook(book, checked.compared, diagnostics, {
    changeMarks: options.changeMarks ?? true,
    compareReleased: options.compareReleased,
    released: released && ((baseline) => released(baseline, diagnostics)),
  });
}
