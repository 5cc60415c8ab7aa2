import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ace } from '../helpers/epub.ts';

describe('the EPUB of the Derby sample, checked by Ace by DAISY', () => {
  // Ace loads every one of the EPUB's ~180 documents in Chromium: 2 to 3 minutes here.
  it('has no accessibility violation of any impact', { timeout: 600_000 }, () => {
    const work = mkdtempSync(path.join(tmpdir(), 'manual-ace-'));
    try {
      const violations = ace(path.join(inject('sampleOut'), 'derby-childrens-social-care-2025-02.epub'), work);
      const byRule = new Map<string, typeof violations>();
      for (const v of violations)
        byRule.set(`${v.rule} (${v.impact})`, [...(byRule.get(`${v.rule} (${v.impact})`) ?? []), v]);
      expect(
        [...byRule].map(([rule, found]) => `${rule}: ${found.length}, e.g. ${found[0].file}: ${found[0].html}`),
      ).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
