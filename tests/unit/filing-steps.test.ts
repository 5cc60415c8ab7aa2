import { describe, expect, it } from 'vitest';
import { filingSteps } from '../../scripts/changes/filing-steps.ts';
import type { Book, ManualDocument } from '../../scripts/core/book.ts';
import type { Baseline } from '../../scripts/load/types.ts';

/** A one-chapter book, unchanged since its release, with the amendments appendix and these documents. */
function book(documents: Partial<ManualDocument>[]): Book {
  return {
    edition: { label: 'August 2025', updated: [], new: [], removed: [] },
    chapters: [{ id: 'care/visits', issue: 'February 2025' }],
    sections: [
      {
        kind: 'section',
        number: '1',
        title: 'Care',
        anchor: 'sec-care',
        entries: [
          { kind: 'chapter', id: 'care/visits', number: '1.1', title: 'Visits', anchor: 'ch-care.visits' },
          { kind: 'amendments', number: '1.2', title: 'Amendments', anchor: 'amendments' },
        ],
      },
    ],
    documents,
  } as unknown as Book;
}

function baseline(documentListPages: number): Baseline {
  return {
    edition: { id: '2025-02', label: 'February 2025', date: '2025-02-03' },
    folder: '',
    shownFolder: 'archive/2025-02',
    chapters: {
      'care/visits': { number: '1.1', title: 'Visits', sha256: '', content: '', pages: 1, issue: 'February 2025' },
    },
    sections: [{ number: '1', title: 'Care', anchor: 'sec-care' }],
    contentsPages: 2,
    appendixPages: 1,
    documentListPages,
    sameEdition: false,
  };
}

const FORM = { file: 'chapters/care/form.docx', title: 'Visit Form', linkedFrom: ['care/visits'] };

describe('the filing steps for the list of documents, the binder part that names chapters and documents', () => {
  it('replaces it with every edition, after the amendments appendix, where both editions have one', () => {
    const steps = filingSteps(book([FORM]), baseline(3));
    expect(steps.slice(-2)).toEqual([
      {
        remove: '1.2 Amendments (1 page, February 2025)',
        insert: { anchor: 'amendments', label: '1.2 Amendments', counted: true },
      },
      {
        remove: 'Documents referred to (3 pages, February 2025)',
        insert: { anchor: 'documents-referred-to', label: 'Documents referred to', counted: true },
      },
    ]);
  });

  it('only inserts it when the release had none, and only removes it when the edition has none', () => {
    expect(filingSteps(book([FORM]), baseline(0)).at(-1)).toEqual({
      insert: { anchor: 'documents-referred-to', label: 'Documents referred to', counted: true },
    });
    const without = filingSteps(book([]), baseline(2));
    expect(without.at(-1)).toEqual({ remove: 'Documents referred to (2 pages, February 2025)' });
    expect(without.filter((s) => JSON.stringify(s).includes('Documents'))).toHaveLength(1);
  });
});
