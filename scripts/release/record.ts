import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { ReleaseRecord } from '../load/release-record.ts';
import type { ReleasedBase } from '../load/types.ts';
import type { Book } from '../core/book.ts';
import type { Outputs } from '../output/render-outputs.ts';
import { AMENDMENTS_ANCHOR, CONTENTS_ANCHOR, DOCUMENTS_ANCHOR } from '../core/book.ts';
import { recordOfUnit, unitsOf } from '../core/block-units.ts';

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** What a release records: the edition, its sources, every file's checksum, and the numbering. */
export function releaseRecord(
  book: Book,
  root: string,
  outputs: Outputs,
  files: Map<string, Uint8Array | string>,
): ReleaseRecord {
  const pages = (anchor: string) => outputs.binderPages.get(anchor) ?? 0;
  return {
    format: 1,
    edition: { id: book.edition.id, label: book.edition.label, date: book.edition.date },
    sources: gitState(root),
    chromium: outputs.chromium,
    files: [...files].map(([name, data]) => ({ name, bytes: Buffer.byteLength(data), sha256: sha256(data) })),
    contents: { pages: pages(CONTENTS_ANCHOR) },
    appendix: { pages: pages(AMENDMENTS_ANCHOR) },
    ...(book.documents.length > 0 && { documentList: { pages: pages(DOCUMENTS_ANCHOR) } }),
    sections: book.sections.map((s) => ({ number: s.number, title: s.title, anchor: s.anchor })),
    chapters: Object.fromEntries(
      book.chapters.map((c) => [
        c.id,
        {
          number: c.number,
          title: c.title,
          sha256: c.sourceSha256,
          content: c.contentSha256,
          pages: pages(c.anchor),
          issue: c.issue,
          units: unitsOf(c.body).map(recordOfUnit),
        },
      ]),
    ),
    documents: book.documents.map(({ path, title, type, bytes, sha256, issue }) => ({
      path,
      title,
      type,
      bytes,
      sha256,
      issue,
    })),
    ...(book.base && { base: releasedBase(book.base) }),
  };
}

/** Which regional text the edition carried: the base's edition and the SHA-256 of each of its chapters' files. */
function releasedBase(base: NonNullable<Book['base']>): ReleasedBase {
  return {
    path: base.path,
    title: base.title,
    publisher: base.publisher,
    edition: base.edition,
    chapters: base.chapterSha256,
    substituted: base.substituted,
    leftOut: base.leftOut,
  };
}

/** The sources' commit, when the manual is in a git repository, and whether it had uncommitted changes. */
function gitState(root: string): ReleaseRecord['sources'] {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return {
      commit: git('rev-parse', 'HEAD'),
      dirty: git('status', '--porcelain', '--', 'chapters', 'templates') !== '',
    };
  } catch {
    return { commit: null, dirty: false };
  }
}
