import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { KEEP_NO_CHECKS, keptChecks } from '../../scripts/core/kept.ts';

describe('keptChecks', () => {
  const make = (made: string[]) => (text: string) => (found: Diagnostics) => {
    made.push(text);
    found.warning({ file: 'chapters/a.md', line: 1 }, `about ${text}`, 'fix it', 'chapter-no-title');
    return { text };
  };

  it('makes a value once per key and reports its problems again on every run', () => {
    const keep = keptChecks();
    const made: string[] = [];
    const runs = ['one', 'one', 'two', 'two'].map((key) => {
      const diagnostics = new Diagnostics();
      return { value: keep('slot', key, diagnostics, make(made)(key)), problems: diagnostics.items };
    });
    expect(made).toEqual(['one', 'two']);
    expect(runs[1].value).toBe(runs[0].value);
    expect(runs[2].value).not.toBe(runs[1].value);
    expect(runs.map((run) => run.problems.map((p) => p.message))).toEqual([
      ['about one'],
      ['about one'],
      ['about two'],
      ['about two'],
    ]);
  });

  it('reports the problems of a kept promise once it settles, and keeps no failed one', async () => {
    const keep = keptChecks();
    let calls = 0;
    const failing = () => keep('slot', 'k', new Diagnostics(), async () => (calls++, Promise.reject(new Error('no'))));
    await expect(failing()).rejects.toThrow('no');
    await expect(failing()).rejects.toThrow('no');
    expect(calls).toBe(2);
    const diagnostics = new Diagnostics();
    const value = await keep('other', 'k', diagnostics, async (found) => {
      found.error({ file: 'chapters/b.md' }, 'broken', undefined, 'chapter-missing');
      return 1;
    });
    expect(value).toBe(1);
    expect(diagnostics.hasErrors()).toBe(true);
  });

  it('keeps nothing when asked to keep nothing', () => {
    const made: string[] = [];
    const diagnostics = new Diagnostics();
    KEEP_NO_CHECKS('slot', 'one', diagnostics, make(made)('one'));
    KEEP_NO_CHECKS('slot', 'one', diagnostics, make(made)('one'));
    expect(made).toEqual(['one', 'one']);
    expect(diagnostics.items).toHaveLength(2);
  });
});
