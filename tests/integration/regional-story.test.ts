import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { removeCopies } from '../helpers/fixture.ts';
import { sharedRegionStory } from '../helpers/regional.ts';

afterAll(removeCopies);

test('the region story releases the base twice and each local manual once on it', async () => {
  const region = await sharedRegionStory();
  for (const edition of ['2026-02', '2026-08'])
    expect(existsSync(path.join(region.base, 'archive', edition, 'release.json'))).toBe(true);
  for (const root of [region.torbay, region.plymouth]) {
    const record = JSON.parse(readFileSync(path.join(root, 'archive/2026-03/release.json'), 'utf8'));
    expect(record.chapters['referrals/making-a-referral'].number).toBe('1.1');
  }
}, 240_000);
