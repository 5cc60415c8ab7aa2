import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBook } from '../../scripts/pipeline/pipeline.ts';
import { Diagnostics } from '../../scripts/core/diagnostics.ts';
import { check, removeCopies, scratchDir } from '../helpers/fixture.ts';

afterAll(removeCopies);

const html = (tree: Root) => unified().use(rehypeStringify).stringify(tree);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A manual written for a site generator: `files` under chapters/ (a `.png` gets a real image),
 * the contents listing `chapters` in one section after the keys `site` gives.
 */
function siteManual(files: Record<string, string>, chapters: string[], site = ''): string {
  const root = scratchDir('manual-site-');
  const entries = chapters.map((chapter) => `      - chapter: ${chapter}\n`).join('');
  const all: Record<string, string | Buffer> = {
    'contents.yml': `title: Site Handbook\npublisher: Test Council\nlanguage: en-GB\n${site}sections:\n  - title: All\n    entries:\n${entries}`,
    'amendments.yml': 'editions:\n  - edition: 2026-03\n    date: 2026-03-02\n',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    const full = path.join(root, 'chapters', file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.endsWith('.png') ? PNG : text);
  }
  return root;
}

async function bodies(root: string): Promise<Map<string, string>> {
  const book = await buildBook(root, new Diagnostics());
  return new Map(book?.chapters.map((chapter) => [chapter.id, html(chapter.body)]));
}

describe('links from the site root', () => {
  const files = {
    'leave/holiday.md': '# Holiday\n\n## Annual leave\n\nText.\n',
    'leave/index.md':
      '# Leave\n\nSee [holiday](/staff/leave/holiday/#annual-leave), [again]({{ site.baseurl }}/leave/holiday/)' +
      ' and [the form](/assets/form.pdf).\n\n![Map](/assets/map.png)\n',
    'static/assets/form.pdf': '%PDF-1.4',
    'static/assets/map.png': '',
  };

  it('reads them from the site root less the base path, and from static folders, without a warning once the site is named', async () => {
    const root = siteManual(files, ['leave/index', 'leave/holiday'], 'base-path: /staff/\nstatic-folders: [static]\n');
    expect(await check(root)).toEqual([
      'chapters/contents.yml: warning: the manual links to 1 document, but the contents does not say where the web edition is published: the PDFs, the HTML edition and the EPUB name them without a link' +
        '\n  fix: add the web edition\'s address to chapters/contents.yml, like "site-url: https://procedures.example.gov.uk/children/"',
    ]);
    const index = (await bodies(root)).get('leave/index')!;
    expect(index).toContain('<a href="#ch-leave.holiday--annual-leave">holiday</a>');
    expect(index).toContain('<a href="#ch-leave.holiday">again</a>');
    expect(index).toContain('<img src="chapters/static/assets/map.png" alt="Map"');
    expect(index).toContain(
      '<a href="chapters/static/assets/form.pdf" data-document="chapters/static/assets/form.pdf">the form</a>',
    );
  });

  it('names the path as written, and suggests the base path, when the site is not named', async () => {
    const root = siteManual(files, ['leave/index', 'leave/holiday']);
    const problems = await check(root);
    expect(problems[0]).toBe(
      'chapters/leave/index.md:3:5: error: link to /staff/leave/holiday/, which leads to no chapter or file of the manual (read from chapters/)' +
        '\n  fix: if the site\'s addresses started with /staff/, say so in chapters/contents.yml: "base-path: /staff/"',
    );
    expect(problems.join('\n')).not.toContain('chapters/leave/leave');
  });
});

describe('a chapter reached as its site reached it', () => {
  const files = {
    'docs/guide/setup.mdx': '---\nid: getting-started\n---\n# Setting up\n\nText.\n',
    'docs/guide/policy.md':
      '---\nid: old-policy\nslug: /rules/security\n---\n# Security Policy\n\n## Reporting\n\nText.\n',
    'docs/guide/telework.md':
      '---\nredirect_from:\n  - /working-from-home/\naliases: [/remote/]\n---\n# Telework\n\nText.\n',
    'docs/guide/links.md':
      '# Links\n\n[a](getting-started) [b](/docs/rules/security#reporting) [c](/working-from-home/) [d](/remote/)' +
      ' [e](/docs/guide/old-policy) [f](setup.mdx#setting-up) [g](policy.md#security-policy)\n',
  };

  it('by id, slug and path silently, by an old address with a warning whose fix gives the file', async () => {
    const chapters = ['docs/guide/setup.mdx', 'docs/guide/policy', 'docs/guide/telework', 'docs/guide/links'];
    const root = siteManual(files, chapters, 'site-root: .\n');
    expect(await check(root)).toEqual([
      'chapters/docs/guide/links.md:3:58: warning: link to /working-from-home/, an old address of chapter docs/guide/telework (its redirect_from); the editions take it there' +
        '\n  fix: link to the chapter\'s file: "telework.md"',
      'chapters/docs/guide/links.md:3:83: warning: link to /remote/, an old address of chapter docs/guide/telework (its aliases); the editions take it there' +
        '\n  fix: link to the chapter\'s file: "telework.md"',
      'chapters/docs/guide/links.md:3:97: warning: link to /docs/guide/old-policy, an old address of chapter docs/guide/policy (its id, an address its slug replaced); the editions take it there' +
        '\n  fix: link to the chapter\'s file: "policy.md"',
    ]);
    const links = (await bodies(root)).get('docs/guide/links')!;
    for (const href of [
      '#ch-docs.guide.setup',
      '#ch-docs.guide.policy--reporting',
      '#ch-docs.guide.telework',
      '#ch-docs.guide.policy',
    ])
      expect(links).toContain(`href="${href}"`);
  });

  it("by Hugo's ref: from the page, from the content root, by a file name only one chapter has", async () => {
    const root = siteManual(
      {
        'content/docs/a/_index.md':
          '# A\n\n[x]({{< ref "b/page.md" >}}) [y]({{< relref "/docs/a/other.md#part" >}}) [z]({{< ref "other.md" >}}) [w]({{< ref "missing.md" >}})\n',
        'content/docs/a/other.md': '# Other\n\n## Part\n\nText.\n',
        'content/docs/a/b/page.md': '# Page\n\nText.\n',
      },
      ['content/docs/a/_index', 'content/docs/a/other', 'content/docs/a/b/page'],
      'site-root: content\n',
    );
    const problems = await check(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('chapters/content/docs/a/_index.md:3:');
    expect(problems[0]).toContain('error: Hugo\'s ref "missing.md" leads to no chapter of the manual');
  });
});

describe('what real pages hold', () => {
  it("links to a chapter by its title slug, and to a heading by another generator's slug of it", async () => {
    const root = siteManual(
      {
        'a.md': '# Conda Environment\n\n## security.txt\n\nText.\n',
        'b.md': '# B\n\n[top](a.md#conda-environment) [file](a.md#security-txt) [bad](a.md#nope)\n',
      },
      ['a', 'b'],
    );
    const problems = await check(root);
    expect(problems).toEqual([
      expect.stringContaining('chapters/b.md:3:57: error: chapter "Conda Environment" has no heading "#nope"'),
    ]);
  });

  it('keeps every image: names with spaces, images in raw HTML and figures, and says what a drawing cannot carry', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path fill="red"/><rect width="5" height="5"/></svg>';
    const root = siteManual(
      {
        'assets/image (76).png': '',
        'assets/flow.svg': svg,
        'page.md':
          '# Page\n\n![One](<assets/image (76).png>) ![Two](assets/image%20(76).png)\n\n' +
          '<figure><img src="assets/image (76).png" alt=""><figcaption><p>A caption</p></figcaption></figure>\n\n' +
          '<p><img src="assets/flow.svg" alt="Flow" width="400"></p>\n',
      },
      ['page'],
    );
    expect(await check(root)).toEqual([
      'chapters/page.md:7:4: warning: image chapters/assets/flow.svg holds shapes that draw nothing, as a required attribute is missing (1 <path>); the EPUB leaves them out, since EPUB 3 refuses them' +
        '\n  fix: open the drawing in its tool and delete the empty shape, or export it again',
    ]);
    const page = (await bodies(root)).get('page')!;
    expect(page.match(/<img src="chapters\/assets\/image \(76\)\.png"/g)).toHaveLength(3);
    expect(page).toContain('<figcaption><p>A caption</p></figcaption>');
    expect(page.match(/A caption/g)).toHaveLength(1);
    expect(page).toContain('<img src="chapters/assets/flow.svg" alt="Flow"');
  });

  it('numbers a page whose headings start at ### 1, 2 and 2.1, as headings of the chapter', async () => {
    const root = siteManual({ 'p.md': '---\ntitle: P\n---\n### First\n\n### Second\n\n#### Inner\n' }, ['p']);
    const book = await buildBook(root, new Diagnostics());
    expect(book?.chapters[0].headings.map((h) => [h.number, h.depth, h.text])).toEqual([
      ['1', 2, 'First'],
      ['2', 2, 'Second'],
      ['2.1', 3, 'Inner'],
    ]);
    expect(html(book!.chapters[0].body)).toContain(
      '<h2 id="ch-p--first" class="level-2"><span class="heading-number">1</span> First</h2>',
    );
  });

  it("takes other tools' chapter files and review keys, and leaves their own parts unlisted without a warning", async () => {
    const root = siteManual(
      {
        'guide.html.md.erb':
          '---\ntitle: Guide\nlast_reviewed_on: 2025-07-31\nreview_in: 6 months\nowner_slack: "#team"\n---\n# <%= current_page.data.title %>\n\nText.\n',
        'intro.mdx': '# Intro\n\nText.\n',
        'spare.mdx': '# Spare\n',
        'SUMMARY.md': '* [Intro](intro.mdx)\n',
        '_partial.md': 'Shared.\n',
      },
      ['guide.html.md.erb', 'intro'],
    );
    expect(await check(root)).toEqual([
      'chapters/guide.html.md.erb:4:12: warning: the chapter was due for review by the end of January 2026, before the March 2026 edition' +
        '\n  fix: ask its owner (#team) to review it, then set review-by: to the month of its next review',
      'chapters/spare.mdx: warning: this markdown file is not listed in the contents, so no edition includes it' +
        '\n  fix: add "- chapter: spare.mdx" to chapters/contents.yml, or delete the file',
    ]);
    const book = await buildBook(root, new Diagnostics());
    expect(book?.chapters.map((c) => [c.id, c.file, c.title])).toEqual([
      ['guide', 'chapters/guide.html.md.erb', 'Guide'],
      ['intro', 'chapters/intro.mdx', 'Intro'],
    ]);
  });
});
