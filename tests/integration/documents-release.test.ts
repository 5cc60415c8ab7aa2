import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, copyManual, edit, manual, removeCopies, REPO, write } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';

/**
 * One story, on a copy of the small manual with two documents and a `site-url`: release February
 * 2025; save a new version of one form, link a new letter and drop the visit log; then the gate,
 * `diff`, the release listing them, the contents flags, the amendment pack's steps and `verify`.
 */
const SLOW = 300_000;
const SITE = 'https://procedures.example.gov.uk/small/';
let root: string;
const archive = (...parts: string[]) => path.join(root, 'archive', ...parts);
const release = () => manual(['release', '--root', root]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const record = (edition: string) => JSON.parse(readFileSync(archive(edition, 'release.json'), 'utf8'));
/** A real Word document (an NHS Digital checklist), as the Pet Assessment Form. */
const checklist = readFileSync(path.join(REPO, 'tests/fixtures/import/checklist.docx'));
const FORM = 'chapters/forms/pet-assessment.docx';

/** The form saved again with one more paragraph: other bytes, still a Word document. */
async function revisedForm(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(checklist);
  const body = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', body.replace('</w:body>', '<w:p><w:r><w:t>Vaccinations</w:t></w:r></w:p></w:body>'));
  return Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
}

beforeAll(() => {
  root = copyManual();
  mkdirSync(path.join(root, 'chapters/forms'));
  write(root, FORM, checklist);
  write(root, 'chapters/forms/visit-log.csv', 'date,visitor,child\n2025-01-06,A. Worker,C1\n');
  edit(root, 'chapters/contents.yml', 'language: en-GB\n', `language: en-GB\nsite-url: ${SITE}\n`);
  edit(
    root,
    'chapters/contents.yml',
    '          - chapter: care/visits\n',
    '          - chapter: care/visits\n          - document: forms/pet-assessment.docx\n            title: Pet Assessment Form\n',
  );
  edit(
    root,
    'chapters/care/visits.md',
    'Visit every six weeks.',
    'Visit every six weeks. Fill in the [visit log](../forms/visit-log.csv).',
  );
});
afterAll(removeCopies);

describe('documents in the release', () => {
  it('records every document with its checksum, and archives it in the web edition', { timeout: SLOW }, () => {
    const result = release();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const { documents, files } = record('2025-02');
    expect(documents).toEqual([
      {
        path: 'forms/pet-assessment.docx',
        title: 'Pet Assessment Form',
        type: 'Word document',
        bytes: checklist.length,
        sha256: sha256(checklist),
        issue: 'February 2025',
      },
      {
        path: 'forms/visit-log.csv',
        title: 'Visit log',
        type: 'CSV file',
        bytes: readFileSync(path.join(root, 'chapters/forms/visit-log.csv')).length,
        sha256: sha256(readFileSync(path.join(root, 'chapters/forms/visit-log.csv'))),
        issue: 'February 2025',
      },
    ]);
    for (const document of documents) {
      const name = `web/documents/${document.path}`;
      expect(sha256(readFileSync(archive('2025-02', name)))).toBe(document.sha256);
      expect(files.find((f: { name: string }) => f.name === name)?.sha256).toBe(document.sha256);
    }
  });

  it('warns in check and refuses to release while a changed, new or removed document is not listed', async () => {
    write(root, FORM, await revisedForm());
    mkdirSync(path.join(root, 'chapters/letters'));
    write(root, 'chapters/letters/home-visit.txt', 'Dear parent,\n\nWe will visit you on DATE.\n');
    edit(
      root,
      'chapters/care/visits.md',
      'Fill in the [visit log](../forms/visit-log.csv).',
      'Send the [home visit letter](../letters/home-visit.txt) first.',
    );
    rmSync(path.join(root, 'chapters/forms/visit-log.csv'));
    edit(
      root,
      'chapters/amendments.yml',
      'editions:\n',
      'editions:\n  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: care/visits\n        details: A letter goes before a visit.\n',
    );
    const since = 'since the February 2025 release, but edition 2025-08 does not list it as';
    expect(await check(root)).toEqual([
      `chapters/amendments.yml:2:5: warning: document forms/pet-assessment.docx ("Pet Assessment Form") has changed ${since} updated\n  fix: add "- document: forms/pet-assessment.docx" and its details under "updated"`,
      `chapters/amendments.yml:2:5: warning: document letters/home-visit.txt ("Home visit letter") is new ${since} new\n  fix: add "- document: letters/home-visit.txt" and its details under "new"`,
      `chapters/amendments.yml:2:5: warning: document forms/visit-log.csv ("Visit log") was removed ${since} removed\n  fix: add "- document: forms/visit-log.csv" with "title: Visit log" and its details under "removed"`,
    ]);
    const result = release();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `error: document forms/pet-assessment.docx ("Pet Assessment Form") has changed ${since} updated`,
    );
    expect(result.stderr).toContain('manual release: nothing was archived');
    expect(readdirSync(archive()).sort()).toEqual(['2025-02', 'index.json', 'index.md']);
  });

  it('lists the changed, new and removed documents in diff, apart from the chapters', () => {
    const diff = manual(['diff', '--root', root]);
    expect(diff.stdout).toBe(
      [
        'compared with the February 2025 release (archive/2025-02):',
        'changed     2.1.2 Visits (care/visits): 1 changed',
        'documents:',
        'changed     Pet Assessment Form (forms/pet-assessment.docx, Word document)',
        'added       Home visit letter (letters/home-visit.txt, text file)',
        'removed     Visit log (forms/visit-log.csv, CSV file)',
        '',
      ].join('\n'),
    );
  });

  it('names the documents an amendment must, and only those', async () => {
    const copy = copyManual(root);
    edit(
      copy,
      'chapters/amendments.yml',
      '        details: A letter goes before a visit.\n',
      [
        '        details: A letter goes before a visit.',
        '      - document: forms/pet-assessment.docx',
        '        chapter: care/visits',
        '      - document: forms/missing.docx',
        '    new:',
        '      - document: letters/home-visit.txt',
        '    removed:',
        '      - document: forms/visit-log.csv',
        '',
      ].join('\n'),
    );
    const found = await check(copy);
    expect(found.map((line) => line.split('\n')[0])).toEqual([
      'chapters/amendments.yml:2:5: warning: document forms/pet-assessment.docx ("Pet Assessment Form") has changed since the February 2025 release, but edition 2025-08 does not list it as updated',
      'chapters/amendments.yml:7:19: error: an amendment names both a chapter and a document',
      'chapters/amendments.yml:9:19: error: the current edition names document forms/missing.docx, which does not exist in chapters/',
      'chapters/amendments.yml:13:19: error: document forms/visit-log.csv is no longer published, so its name cannot be looked up',
    ]);
    expect(found.at(-1)).toContain('fix: add "title: Visit log", the name the last release gave it');
  });

  it(
    'releases the edition that lists them: flags, issues and the amendment pack name each document',
    { timeout: SLOW },
    () => {
      edit(
        root,
        'chapters/amendments.yml',
        '        details: A letter goes before a visit.\n',
        [
          '        details: A letter goes before a visit.',
          '      - document: forms/pet-assessment.docx',
          "        details: A question on the pet's vaccinations.",
          '    new:',
          '      - document: letters/home-visit.txt',
          '        title: Home Visit Letter',
          '        details: Sent before every visit.',
          '    removed:',
          '      - document: forms/visit-log.csv',
          '        title: Visit Log',
          '        details: Visits are logged in the case record.',
          '',
        ].join('\n'),
      );
      const result = release();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const { documents } = record('2025-08');
      expect(documents.map((d: { path: string; issue: string }) => [d.path, d.issue])).toEqual([
        ['forms/pet-assessment.docx', 'August 2025'],
        ['letters/home-visit.txt', 'August 2025'],
      ]);
      expect(documents[0].sha256).toBe(sha256(readFileSync(path.join(root, FORM))));
      // The contents flags the form like a chapter.
      const home = readFileSync(archive('2025-08', 'web/index.html'), 'utf8');
      const entry = home.match(/<li class="contents-document">[\s\S]*?<\/li>/)?.[0] ?? '';
      expect(entry).toContain('Pet Assessment Form');
      expect(entry).toContain('<strong class="flag flag-Updated">Updated</strong>');
      const appendix = readFileSync(archive('2025-08', 'web/amendments.html'), 'utf8').replace(/\s+/g, ' ');
      expect(appendix).toContain(
        '<caption>Updated Documents</caption> <thead><tr><th scope="col">Document</th><th scope="col">Details</th></tr></thead> <tbody><tr><th scope="row"><a href="documents/forms/pet-assessment.docx">Pet Assessment Form</a>',
      );
      expect(appendix).toContain('<caption>Removed Documents</caption>');
      const pack = pdfPages(archive('2025-08', 'small-test-manual-2025-08-amendment-pack.pdf'))[0].replace(/\s+/g, ' ');
      expect(pack).toContain(
        `6 Replace the Pet Assessment Form (Word document): print it from ${SITE}documents/forms/pet-assessment.docx`,
      );
      expect(pack).toContain(
        `7 Add the Home Visit Letter (text file): print it from ${SITE}documents/letters/home-visit.txt`,
      );
      expect(pack).toContain('8 Take out the Visit Log (CSV file)');
    },
  );

  it('fails verify when an archived document changes, naming it', () => {
    expect(manual(['verify', '--root', root]).status).toBe(0);
    const file = archive('2025-08', 'web/documents/forms/pet-assessment.docx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(file, bytes);
    const result = manual(['verify', '--root', root]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^2025-08: FAILED\n {2}web\/documents\/forms\/pet-assessment\.docx \(the document "Pet Assessment Form"\) has changed: its SHA-256 is [0-9a-f]{64}, the release recorded [0-9a-f]{64}\n2025-02: ok, \d+ files match release\.json\n$/,
    );
  });
});
