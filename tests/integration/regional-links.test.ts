import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { check, edit, removeCopies } from '../helpers/fixture.ts';
import { copyRegion, run, type Region } from '../helpers/regional.ts';

/**
 * Links between a local manual and its base resolve in one book: a local chapter to a base
 * chapter's heading, a base chapter to the chapter a local one substitutes, and a base chapter to
 * one the local manual leaves out (its words kept, a warning at the base's line).
 */
let region: Region;
const html = (root: string, name: string) => readFileSync(path.join(root, 'dist', name), 'utf8');
/** Every link of a page as [address, text]. */
const links = (page: string) =>
  [...page.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gs)].map(([, href, text]) => [
    href,
    text.replace(/<[^>]+>/g, ''),
  ]);

beforeAll(() => {
  region = copyRegion();
  edit(
    region.base,
    'chapters/child-protection/strategy-discussions.md',
    'with timescales.',
    'with timescales. A [](conferences.md#timescales) follows a section 47 enquiry that confirms the concern.',
  );
  edit(
    region.base,
    'chapters/referrals/making-a-referral.md',
    'needed.',
    'needed. A child at risk of harming themselves may need [secure accommodation](../child-protection/secure-accommodation.md).',
  );
  run(['build'], region.torbay);
  run(['build'], region.plymouth);
}, 120_000);

afterAll(removeCopies);

it("leads a local chapter's link to a base chapter's heading, with the base's number and title", () => {
  const page = html(region.torbay, 'web/chapters/local/front-door.html');
  const [href] = links(page).find(([, text]) => text.includes('Information to Include'))!;
  expect(links(page)).toContainEqual([
    href,
    "1.1 Making a Referral to Children's Social Care, Section 2 Information to Include",
  ]);
  expect(href).toMatch(/^\.\.\/referrals\/making-a-referral\.html#/);
  const target = html(region.torbay, 'web/chapters/referrals/making-a-referral.html');
  expect(target).toMatch(new RegExp(`<h\\d[^>]*id="${href.split('#')[1]}"[^>]*>.*Information to Include`));
});

it("leads a base chapter's link to the chapter a local one substitutes, with its local number and title", () => {
  const page = html(region.torbay, 'web/chapters/child-protection/strategy-discussions.html');
  const [href, text] = links(page).find(([, t]) => t.includes('Conferences'))!;
  expect(text).toBe('2.2 Child Protection Conferences in Torbay, Section 1 Timescales');
  expect(href).toMatch(/^conferences\.html#/);
  const target = html(region.torbay, 'web/chapters/child-protection/conferences.html');
  expect(target).toContain(`id="${href.split('#')[1]}"`);
  expect(target).toContain('Torbay holds initial child protection conferences');
});

it('keeps the words of a base link to a chapter the local manual leaves out, and says so at the base line', async () => {
  const page = html(region.plymouth, 'web/chapters/referrals/making-a-referral.html');
  expect(page).toContain('may need secure accommodation.');
  expect(links(page).some(([href]) => href.includes('secure-accommodation'))).toBe(false);
  const problems = await check(region.plymouth);
  expect(problems.find((p) => p.includes('link-to-left-out') || p.includes('leaves out'))).toMatch(
    /^\.\.\/base\/chapters\/referrals\/making-a-referral\.md:\d+:\d+: warning: link to "Secure Accommodation"/,
  );
  const torbay = html(region.torbay, 'web/chapters/referrals/making-a-referral.html');
  expect(links(torbay).some(([href]) => href.includes('secure-accommodation.html'))).toBe(true);
});
