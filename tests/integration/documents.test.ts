import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteBrowser } from '../helpers/browser.ts';
import { ace, epubcheck, openEpub } from '../helpers/epub.ts';
import { check, copyManual, edit, manual, REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { brokenLinks } from '../helpers/site-links.ts';

afterAll(removeCopies);

const FIXTURE = path.join(REPO, 'tests/fixtures/documents');
const SITE = 'https://procedures.example.gov.uk/documents-test/';
/** Every document of the fixture, by its path under chapters/, with what readers are told it is. */
const DOCUMENTS: Record<string, string> = {
  'forms/pet-assessment-form.docx': 'Word document',
  'forms/duty-rota.xlsx': 'Excel spreadsheet',
  'forms/letter templates/private fostering letter.odt': 'OpenDocument text',
  'forms/contacts.csv': 'CSV file',
  'forms/guide-for-young-people.pdf': 'PDF document',
};
const address = (file: string) => `${SITE}documents/${file.split('/').map(encodeURIComponent).join('/')}`;

/** A copy of the fixture built into a fresh folder: the copy and the output folder. */
function built(change?: (root: string) => void): { root: string; out: string } {
  const root = copyManual(FIXTURE);
  change?.(root);
  const out = scratchDir('manual-documents-');
  const result = manual(['build', '--root', root, '--out', out, '--quiet']);
  expect(result.status, result.stderr).toBe(0);
  return { root, out };
}

const outputNamed = (out: string, ending: string) =>
  path.join(
    out,
    readdirSync(out).find((name) => name.endsWith(ending))!,
  );

const linkAddresses = (pdf: string) =>
  execFileSync('pdfinfo', ['-url', pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[2])
    .filter(Boolean);

describe('a manual that links to forms, templates and guides', () => {
  let withSite: { root: string; out: string };
  let withoutSite: { root: string; out: string };
  beforeAll(() => {
    withSite = built();
    withoutSite = built((root) => edit(root, 'chapters/contents.yml', `site-url: ${SITE}\n`, ''));
  }, 300_000);

  it('checks without a problem, and says once when the contents does not say where the web edition is', async () => {
    expect(await check(copyManual(FIXTURE))).toEqual([]);
    const problems = await check(withoutSite.root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('the manual links to 5 documents, but the contents does not say where');
  });

  it('publishes each document once in the web edition, at documents/ and its path, byte for byte', () => {
    const published = readdirSync(path.join(withSite.out, 'web/documents'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.\w+$/.test(name))
      .sort();
    expect(published).toEqual(Object.keys(DOCUMENTS).sort());
    for (const file of Object.keys(DOCUMENTS))
      expect(readFileSync(path.join(withSite.out, 'web/documents', file))).toEqual(
        readFileSync(path.join(FIXTURE, 'chapters', file)),
      );
    expect(brokenLinks(path.join(withSite.out, 'web'))).toEqual([]);
  });

  it('says in every link to a document what it is and how large, and leads there from the page', () => {
    const page = readFileSync(path.join(withSite.out, 'web/chapters/care/private-fostering.html'), 'utf8');
    const links = [
      ...page.matchAll(
        /<a (?:title="[^"]*" )?href="([^"]+)" class="document-link">([^<]*)<span class="document-about">\(([^)]*)\)<\/span><\/a>/g,
      ),
    ];
    expect(links.map((m) => [decodeURIComponent(m[1]), m[2].trim(), m[3]])).toEqual([
      // The amendment's details, in the chapter's banner.
      ['../../documents/forms/guide-for-young-people.pdf', 'guide for young people', 'PDF document, 27 KB'],
      [
        '../../documents/forms/letter templates/private fostering letter.odt',
        'notification letter',
        'OpenDocument text, 1 KB',
      ],
      ['../../documents/forms/guide-for-young-people.pdf#page=1', 'guide for young people', 'PDF document, 27 KB'],
      ['../../documents/forms/duty-rota.xlsx', 'duty rota', 'Excel spreadsheet, 2 KB'],
      ['../../documents/forms/contacts.csv', 'contact list', 'CSV file, 239 bytes'],
    ]);
    // A link with no text takes the document's title from the contents.
    const parents = readFileSync(path.join(withSite.out, 'web/chapters/care/placements-with-parents.html'), 'utf8');
    expect(parents).toMatch(/>Pet Assessment Form <span class="document-about">\(Word document, 1 KB\)<\/span><\/a>/);
  });

  it('leads every link to a document in the web edition, opened from file:// in Chromium, to its file', async () => {
    const web = path.join(withSite.out, 'web');
    const browser = await siteBrowser([web, withSite.out]);
    const followed = new Set<string>();
    try {
      for (const file of readdirSync(web, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))) {
        const page = await browser.open(path.join(web, file), { javascript: false });
        // The address Chromium resolves from the page's own, as a click would open it.
        const links = await page.$$eval('a[href*="/documents/"], a[href^="documents/"]', (all) =>
          all.map((a) => (a as HTMLAnchorElement).href),
        );
        for (const href of links) {
          const target = fileURLToPath(href.split('#')[0]);
          expect(existsSync(target), `${file}: ${href}`).toBe(true);
          followed.add(path.relative(path.join(web, 'documents'), target));
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
    expect([...followed].sort()).toEqual(Object.keys(DOCUMENTS).sort());
  }, 300_000);

  it('links the PDFs, the HTML edition and the EPUB to where the web edition publishes each document', async () => {
    for (const pdf of readdirSync(withSite.out).filter((name) => name.endsWith('.pdf'))) {
      const addresses = new Set(linkAddresses(path.join(withSite.out, pdf)).filter((a) => a.startsWith(SITE)));
      for (const file of Object.keys(DOCUMENTS))
        expect(
          [...addresses].some((a) => a.startsWith(address(file))),
          `${pdf}: ${file}`,
        ).toBe(true);
    }
    const html = readFileSync(outputNamed(withSite.out, '.html'), 'utf8');
    for (const file of Object.keys(DOCUMENTS)) expect(html).toContain(`href="${address(file)}`);
    const epub = await openEpub(outputNamed(withSite.out, '.epub'));
    const texts = await Promise.all(epub.names.filter((n) => n.endsWith('.xhtml')).map((n) => epub.text(n)));
    for (const file of Object.keys(DOCUMENTS)) expect(texts.join('')).toContain(`href="${address(file)}`);
  });

  it('without site-url, names each document with its file name and links to none', async () => {
    for (const pdf of readdirSync(withoutSite.out).filter((name) => name.endsWith('.pdf'))) {
      expect(linkAddresses(path.join(withoutSite.out, pdf)).filter((a) => a.includes('documents/'))).toEqual([]);
      const text = execFileSync('pdftotext', [path.join(withoutSite.out, pdf), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('notification letter (OpenDocument text: private fostering letter.odt)');
    }
    const epub = await openEpub(outputNamed(withoutSite.out, '.epub'));
    const texts = (await Promise.all(epub.names.filter((n) => n.endsWith('.xhtml')).map((n) => epub.text(n)))).join('');
    expect(texts).not.toMatch(/href="[^"]*(documents\/|forms\/)/);
    expect(texts).toContain('duty rota <span class="document-about">(Excel spreadsheet: duty-rota.xlsx)</span>');
  });

  it('keeps each EPUB valid and accessible, with and without site-url', () => {
    for (const { out } of [withSite, withoutSite]) {
      const epub = outputNamed(out, '.epub');
      const result = epubcheck(epub);
      expect(result.output).toMatch(/0 fatals \/ 0 errors \/ 0 warnings/);
      expect(ace(epub, scratchDir('manual-ace-'))).toEqual([]);
    }
  }, 300_000);

  it('keeps a document at its address when its bytes change', () => {
    const changed = built((root) =>
      writeFileSync(path.join(root, 'chapters/forms/contacts.csv'), 'Service,Telephone\r\nCareline,01332 786968\r\n'),
    );
    expect(readFileSync(path.join(changed.out, 'web/documents/forms/contacts.csv'), 'utf8')).toContain('Careline');
    const page = readFileSync(path.join(changed.out, 'web/chapters/care/private-fostering.html'), 'utf8');
    expect(page).toContain('href="../../documents/forms/contacts.csv"');
  }, 300_000);
});

describe('checking the documents of a manual', () => {
  it('refuses a listed document that does not exist, and one larger than the manual allows', async () => {
    const root = copyManual(FIXTURE);
    edit(root, 'chapters/contents.yml', 'forms/pet-assessment-form.docx', 'forms/pet-form.docx');
    edit(root, 'chapters/contents.yml', 'language: en-GB\n', 'language: en-GB\nlargest-document: 20 KB\n');
    expect(await check(root)).toEqual([
      ...['chapters/amendments.yml:6:18', 'chapters/care/private-fostering.md:9:15'].map(
        (at) =>
          `${at}: error: link to chapters/forms/guide-for-young-people.pdf, a document of 27 KB; the largest a document may be is 20 KB\n  fix: make it smaller (save images at screen resolution, split a long document), link to it on the web, or raise "largest-document" in chapters/contents.yml`,
      ),
      'chapters/contents.yml:13:23: error: document forms/pet-form.docx does not exist in chapters/\n  fix: put the file under chapters/ and give its path relative to chapters/, or remove the entry',
    ]);
  });

  it('warns of a document nothing links to', async () => {
    const root = copyManual(FIXTURE);
    writeFileSync(
      path.join(root, 'chapters/forms/old-rota.xlsx'),
      readFileSync(path.join(root, 'chapters/forms/duty-rota.xlsx')),
    );
    expect(await check(root)).toEqual([
      'chapters/forms/old-rota.xlsx: warning: no chapter, amendment or contents entry links to this document, so no edition publishes it\n  fix: link to it from the chapter it belongs to, list it in chapters/contents.yml ("- document: forms/old-rota.xlsx" with a "title"), or delete it',
    ]);
  });
});
