import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containedDocument, containedImage, sitePath } from '../../scripts/preview/contain.ts';

describe('the site path of a request', () => {
  it('is the path decoded once, the root being empty', () => {
    expect(sitePath('/')).toBe('');
    expect(sitePath('/index.html')).toBe('index.html');
    expect(sitePath('/chapters/care%20plan.html?x=1#top')).toBe('chapters/care plan.html');
    expect(sitePath('/chapters/')).toBe('chapters/');
  });

  it.each([
    '/../etc/passwd',
    '/chapters/../../etc/passwd',
    '/chapters/./x.svg',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/etc/passwd',
    '/.%2e/etc/passwd',
    '/%252e%252e/etc/passwd',
    '/chapters/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/chapters\\..\\..\\etc\\passwd',
    '/chapters/%5c..%5cx',
    '//etc/passwd',
    '/%2fetc/passwd',
    '/chapters/x.svg%00.html',
    '/chapters/x\u0000.svg',
    '/.git/config',
    '/chapters/%zz',
    'etc/passwd',
    'http://example.org/index.html',
  ])('refuses %j', (target) => {
    expect(sitePath(target)).toBeUndefined();
  });
});

describe('an image of the manual', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preview-contain-'));
  const chapters = path.join(dir, 'manual/chapters');
  mkdirSync(path.join(chapters, 'images'), { recursive: true });
  writeFileSync(path.join(chapters, 'images/flow.svg'), '<svg/>');
  writeFileSync(path.join(chapters, 'notes.md'), '# Notes');
  writeFileSync(path.join(dir, 'secret.png'), 'secret');
  symlinkSync(path.join(dir, 'secret.png'), path.join(chapters, 'images/out.png'));
  symlinkSync(dir, path.join(chapters, 'up'));
  symlinkSync(path.join(chapters, 'images/flow.svg'), path.join(chapters, 'inside.svg'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is served from chapters/, through links that stay inside it', async () => {
    expect(await containedImage(chapters, 'images/flow.svg')).toBe(path.join(chapters, 'images/flow.svg'));
    expect(await containedImage(chapters, 'inside.svg')).toBe(path.join(chapters, 'images/flow.svg'));
  });

  it('is refused when it is no image, is missing, or a link leads out of chapters/', async () => {
    for (const file of ['notes.md', 'images/missing.svg', 'images/out.png', 'up/secret.png', 'images'])
      expect(await containedImage(chapters, file), file).toBeUndefined();
  });
});

describe('a document the site publishes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preview-contain-'));
  const manual = path.join(dir, 'manual');
  const forms = path.join(manual, 'chapters/forms');
  mkdirSync(forms, { recursive: true });
  writeFileSync(path.join(forms, 'guide.pdf'), '%PDF-1.4\n');
  writeFileSync(path.join(manual, 'chapters/notes.md'), '# Notes');
  writeFileSync(path.join(dir, 'secret.pdf'), '%PDF-1.4 secret\n');
  symlinkSync(path.join(dir, 'secret.pdf'), path.join(forms, 'out.pdf'));
  symlinkSync(dir, path.join(forms, 'up'));
  symlinkSync(path.join(manual, 'chapters/notes.md'), path.join(forms, 'notes.pdf'));
  symlinkSync(path.join(forms, 'guide.pdf'), path.join(forms, 'same.pdf'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is served from inside the manual, through links that stay inside it', async () => {
    expect(await containedDocument(manual, 'chapters/forms/guide.pdf')).toBe(path.join(forms, 'guide.pdf'));
    expect(await containedDocument(manual, 'chapters/forms/same.pdf')).toBe(path.join(forms, 'guide.pdf'));
  });

  it('is refused when a link leads out of the manual or to a file of another kind, or it is missing', async () => {
    for (const file of [
      'chapters/forms/out.pdf',
      'chapters/forms/up/secret.pdf',
      'chapters/forms/notes.pdf',
      'chapters/notes.md',
      'chapters/forms/missing.pdf',
      'chapters/forms',
    ])
      expect(await containedDocument(manual, file), file).toBeUndefined();
  });
});
