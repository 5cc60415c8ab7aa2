import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check, edit, manual, removeCopies } from '../helpers/fixture.ts';
import { copyRegion } from '../helpers/regional.ts';

afterAll(removeCopies);

const init = (dir: string, base: string, cwd?: string) =>
  manual(['init', dir, '--base', base, '--title', 'Exeter: Safeguarding', '--publisher', 'Exeter City Council'], cwd);

describe('manual init --base', () => {
  it("starts a local manual on the base that checks and builds, a local chapter added after the base's first", async () => {
    const region = copyRegion();
    const exeter = path.join(region.dir, 'exeter');
    const started = init(exeter, '../base');
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    const contents = readFileSync(path.join(exeter, 'chapters/contents.yml'), 'utf8');
    expect(parse(contents)).toMatchObject({
      title: 'Exeter: Safeguarding',
      publisher: 'Exeter City Council',
      language: 'en-GB',
      base: { path: '../base' },
      local: [{ add: [{ chapter: 'local/local-arrangements' }], after: 'referrals/making-a-referral' }],
    });
    for (const example of ['# - substitute:', '# - leave-out:', '# - information:'])
      expect(contents).toContain(example);
    expect(parse(readFileSync(path.join(exeter, 'chapters/amendments.yml'), 'utf8')).editions).toHaveLength(1);
    expect(existsSync(path.join(exeter, 'package.json'))).toBe(true);
    expect(existsSync(path.join(exeter, '.gitignore'))).toBe(true);
    expect(await check(exeter)).toEqual([]);

    const built = manual(['build', '--root', exeter, '-q']);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const html = readdirSync(path.join(exeter, 'dist')).find((f) => f.endsWith('.html'))!;
    const text = readFileSync(path.join(exeter, 'dist', html), 'utf8');
    const order = ['Making a Referral to Children', 'Local Arrangements', 'Assessment of Children in Need'];
    const at = order.map((title) => text.indexOf(title));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  }, 120_000);

  it('takes the language from the base', async () => {
    const region = copyRegion();
    edit(region.base, 'chapters/contents.yml', 'language: en-GB', 'language: cy');
    const started = init('wrexham', '../base', region.dir);
    expect(started.status).toBe(0);
    const root = path.join(region.dir, 'wrexham');
    expect(parse(readFileSync(path.join(root, 'chapters/contents.yml'), 'utf8')).language).toBe('cy');
    expect(await check(root)).toEqual([]);
  });

  it('refuses a base path that holds no manual, naming it, and writes nothing', () => {
    const region = copyRegion();
    const exeter = path.join(region.dir, 'exeter');
    const refused = init(exeter, '../base/chapters');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('../base/chapters');
    expect(refused.stderr).toContain('holds no manual: chapters/contents.yml is not there');
    expect(existsSync(exeter)).toBe(false);
  });

  it('refuses a base that is itself on a base', () => {
    const region = copyRegion();
    const refused = init(path.join(region.dir, 'exeter'), '../torbay');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('is itself built on a base');
  });
});
