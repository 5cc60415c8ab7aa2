import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeCopies } from '../helpers/fixture.ts';
import { startPreview } from '../helpers/processes.ts';
import { copyRegion, type Region } from '../helpers/regional.ts';

/** `manual preview` of a local manual follows saves in its base's chapters as in its own. */
let region: Region;
let child: ChildProcess;
let address: string;

beforeAll(async () => {
  region = copyRegion();
  ({ child, address } = await startPreview(region.torbay));
}, 120_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  removeCopies();
});

async function pageOnceItHolds(name: string, text: string): Promise<string> {
  let body = '';
  for (let waited = 0; waited < 30_000; waited += 200) {
    body = await (await fetch(new URL(name, address))).text();
    if (body.includes(text)) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} never held "${text}":\n${body.slice(0, 2000)}`);
}

it('serves the base chapters, and a save of a base chapter rebuilds them', { timeout: 90_000 }, async () => {
  await pageOnceItHolds('chapters/referrals/assessment.html', 'no longer than 45 working days');
  const file = path.join(region.base, 'chapters/referrals/assessment.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('45 working days', '40 working days'));
  const page = await pageOnceItHolds('chapters/referrals/assessment.html', 'no longer than 40 working days');
  expect(page).not.toContain('no longer than 45 working days');
  const local = path.join(region.torbay, 'chapters/local/front-door.md');
  writeFileSync(local, readFileSync(local, 'utf8').replace('01803 208100', '01803 208101'));
  await pageOnceItHolds('chapters/local/front-door.html', '01803 208101');
});
