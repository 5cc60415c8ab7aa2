import type { Diagnostics } from '../core/diagnostics.ts';
import type { AmendmentItem, EditionSpec } from './types.ts';

/**
 * The current edition's "updated" and "new" lists flag chapters in the contents, so they must
 * name chapters that are there; "removed" ones must be gone. Earlier editions may name chapters
 * since renamed or removed, as long as they say what the chapter was called.
 */
export function checkAmendmentChapters(
  editions: EditionSpec[],
  listed: ReadonlySet<string>,
  diagnostics: Diagnostics,
): void {
  const [current, ...earlier] = editions;
  for (const item of [...current.updated, ...current.new]) {
    if (item.chapter !== undefined && !listed.has(item.chapter)) {
      diagnostics.error(
        item.where,
        `the current edition names chapter "${item.chapter}", which is not in the contents`,
        'correct the path, or add the chapter to chapters/contents.yml',
        'amendment-not-in-contents',
      );
    }
  }
  for (const item of current.removed) {
    if (item.chapter !== undefined && listed.has(item.chapter)) {
      diagnostics.error(
        item.where,
        `chapter "${item.chapter}" is listed as removed but is still in the contents`,
        'remove it from chapters/contents.yml, or from the "removed" list',
        'removed-still-listed',
      );
    }
  }
  checkListedOnce(current, diagnostics);
  for (const item of earlier.flatMap((e) => [...e.updated, ...e.new, ...e.removed])) {
    if (item.chapter !== undefined && item.title === undefined && !listed.has(item.chapter)) {
      diagnostics.error(
        item.where,
        `chapter "${item.chapter}" is no longer in the contents, so its name cannot be looked up`,
        'add "title:" with the name the chapter had in that edition',
        'amendment-needs-title',
      );
    }
  }
}

function checkListedOnce(edition: EditionSpec, diagnostics: Diagnostics): void {
  const seen = new Map<string, string>();
  const lists: [string, AmendmentItem[]][] = [
    ['updated', edition.updated],
    ['new', edition.new],
    ['removed', edition.removed],
  ];
  for (const [list, items] of lists) {
    for (const item of items) {
      // A chapter and a document never share a name: chapter ids have no ending, document files start with chapters/.
      const named = item.chapter ?? item.document;
      if (named === undefined) continue;
      const first = seen.get(named);
      if (first) {
        const what = item.chapter
          ? `chapter "${item.chapter}"`
          : `document "${item.document!.slice('chapters/'.length)}"`;
        diagnostics.error(
          item.where,
          `${what} is listed twice in edition ${edition.id} (in "${first}" and "${list}")`,
          `list each ${item.chapter ? 'chapter' : 'document'} once per edition`,
          'amendment-listed-twice',
        );
      }
      seen.set(named, list);
    }
  }
}
