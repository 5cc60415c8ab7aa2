import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics, sortDiagnostics } from '../../scripts/core/diagnostics.ts';
import { checkManual } from '../../scripts/pipeline/pipeline.ts';
import { ace, epubcheck, openEpub } from '../helpers/epub.ts';
import { copyManual, edit, manual, REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';
import { pdfPages } from '../helpers/pdf.ts';
import { brokenLinks } from '../helpers/site-links.ts';

afterAll(removeCopies);

const FIXTURES = path.join(REPO, 'tests/fixtures/generators');

interface Fixture {
  /** Every problem `check` reports, as `file:line:column severity rule`: the defects planted in it (its README says each). */
  problems: string[];
  /** What mends its errors, so that it builds: `[file, text, replacement]`. */
  mend: [string, string, string][];
}

const W = (at: string, rule: string) => `${at} warning ${rule}`;
const E = (at: string, rule: string) => `${at} error ${rule}`;

const GENERATORS: Record<string, Fixture> = {
  docusaurus: {
    problems: [
      ...[7, 8, 9].map((line) => W(`chapters/docs/collaboration-infrastructure.mdx:${line}:1`, 'template-mdx')),
      E('chapters/docs/collaboration-infrastructure.mdx:60:1', 'image-missing'),
      E('chapters/docs/collaboration-infrastructure.mdx:71:1', 'link-no-chapter'),
      ...[7, 8, 9].map((line) =>
        W(`chapters/docs/development-infrastructure/continuous-integration/java.mdx:${line}:1`, 'template-mdx'),
      ),
      W('chapters/docs/finos-maintainer-cheatsheet.mdx:8:1', 'template-mdx'),
      W('chapters/docs/finos-maintainer-cheatsheet.mdx:57:1', 'link-old-address'),
      W('chapters/docs/governance/Project-Lifecycle.md:24:1', 'image-on-the-web'),
      W(
        'chapters/docs/governance/Software-Projects/Security-Vulnerabilities-Responsible-Disclosure-Policy.md:21:1',
        'svg-empty-shape',
      ),
    ],
    mend: [
      [
        'chapters/docs/collaboration-infrastructure.mdx',
        "src={useBaseUrl('img/collab/finos-teams.png')}",
        "src={useBaseUrl('img/collab/public-vs-private.png')}",
      ],
      [
        'chapters/docs/collaboration-infrastructure.mdx',
        '(/docs/governance/lifecycle-stages/graduated)',
        '(/docs/governance/project-lifecycle)',
      ],
    ],
  },
  gitbook: {
    problems: [
      W('chapters/repository/aws-secrets.md:88:1', 'template-liquid'),
      E('chapters/repository/external-contribute.md:68:13', 'link-no-chapter'),
      W('chapters/service provider manual/incidents.md:18:1', 'svg-empty-shape'),
      E('chapters/service provider manual/trouble shooting.md:32:1', 'image-missing'),
    ],
    mend: [
      [
        'chapters/repository/external-contribute.md',
        '../technical-overview/code-standards.md',
        '../technical-overview/code-reviews.md',
      ],
      ['chapters/service provider manual/trouble shooting.md', 'image (220).png', 'image (76).png'],
    ],
  },
  govuk: {
    problems: [
      W('chapters/index.html.md.erb:77:1', 'template-erb'),
      E('chapters/manuals/code-freezes.html.md.erb:38:1', 'image-missing'),
      W('chapters/manuals/code-freezes.html.md.erb:66:1', 'template-erb'),
      W('chapters/manuals/documenting-support.html.md.erb:17:1', 'svg-empty-shape'),
      E('chapters/manuals/documenting-support.html.md.erb:42:3', 'link-no-chapter'),
      E('chapters/manuals/incident-management.html.md.erb:37:40', 'link-no-heading'),
    ],
    mend: [
      ['chapters/manuals/code-freezes.html.md.erb', '/images/release-calendar.png', '/images/code-freeze-risk.png'],
      ['chapters/manuals/documenting-support.html.md.erb', '(storing-source-code.html)', '(code-freezes.html)'],
      [
        'chapters/manuals/incident-management.html.md.erb',
        '/manuals/out-of-hours.html#paging-people',
        '/manuals/out-of-hours.html',
      ],
    ],
  },
  jekyll: {
    problems: [
      E('chapters/leave/leave-transfer.md:36:1', 'link-no-heading'),
      W('chapters/security/incidents.md:28:1', 'svg-empty-shape'),
      W('chapters/security/passwords.md:42:1', 'image-no-alt'),
      W('chapters/security/passwords.md:56:1', 'image-on-the-web'),
      W('chapters/security/passwords.md:63:57', 'link-old-address'),
      W('chapters/working/telework.md:81:1', 'template-liquid'),
    ],
    mend: [['chapters/leave/leave-transfer.md', '#credit-hour-limits)', ')']],
  },
  hugo: {
    problems: [
      W('chapters/content/docs/how_we_work/remote_working.md:65:1', 'template-hugo'),
      W('chapters/content/docs/onboarding/_index.md:24:1', 'svg-empty-shape'),
      W('chapters/content/docs/onboarding/first_few_days.md:29:16', 'link-old-address'),
      E('chapters/content/docs/onboarding/first_few_days.md:48:7', 'link-no-chapter'),
      E('chapters/content/docs/onboarding/first_few_days.md:68:1', 'link-no-heading'),
    ],
    mend: [
      [
        'chapters/content/docs/onboarding/first_few_days.md',
        '"/docs/projects/project_tracking.md"',
        '"/docs/onboarding/_index.md"',
      ],
      ['chapters/content/docs/onboarding/first_few_days.md', 'probation.md#end-of-probation', 'probation.md'],
    ],
  },
};

/** The end of the longest line of the fixture's fenced code blocks. */
function longestCodeLine(root: string): string {
  const files = readdirSync(path.join(root, 'chapters'), { recursive: true, encoding: 'utf8' });
  const lines = files
    .filter((file) => /\.(md|mdx|erb)$/.test(file))
    .flatMap((file) => [
      ...readFileSync(path.join(root, 'chapters', file), 'utf8').matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm),
    ])
    .flatMap((block) => block[1].split('\n'));
  return lines.reduce((a, b) => (b.length > a.length ? b : a), '');
}

for (const [generator, fixture] of Object.entries(GENERATORS)) {
  describe(`a ${generator} handbook`, () => {
    const root = path.join(FIXTURES, generator);
    let out = '';
    let built = { status: null as number | null, stdout: '', stderr: '' };
    beforeAll(() => {
      const copy = copyManual(root);
      for (const [file, text, replacement] of fixture.mend) edit(copy, file, text, replacement);
      out = scratchDir(`manual-${generator}-`);
      built = manual(['build', '--root', copy, '--out', out, '--quiet']);
    }, 300_000);

    it('checks with only the defects planted in it reported', async () => {
      const diagnostics = new Diagnostics();
      await checkManual(copyManual(root), diagnostics);
      const problems = sortDiagnostics(diagnostics.items).map(
        (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`,
      );
      expect(problems).toEqual(fixture.problems);
    });

    it('builds, its ledger finding every image, link, table and code block in every output', () => {
      expect(built.status, built.stderr).toBe(0);
      expect(built.stdout).toMatch(
        /^checked \d+ images?, \d+ links?, \d+ tables?, \d+ code blocks? and \d+ footnotes?: all in 5 outputs$/m,
      );
    });

    it('prints the end of its longest code line in both PDFs', () => {
      const end = longestCodeLine(root).replace(/\s+/g, '').slice(-30);
      expect(end.length).toBeGreaterThan(20);
      for (const pdf of readdirSync(out).filter((f) => f.endsWith('.pdf')))
        expect(pdfPages(path.join(out, pdf)).join('').replace(/\s+/g, ''), pdf).toContain(end);
    });

    it('carries every image into the web edition, the EPUB and the PDFs', async () => {
      const html = readFileSync(
        path.join(
          out,
          readdirSync(out).find((f) => f.endsWith('.html'))!,
        ),
        'utf8',
      );
      const chapters = html.split('<article class="chapter"').slice(1).join('');
      const images = [...chapters.matchAll(/<img\b[^>]*\bsrc="data:image\/([a-z+]+)/g)].map((m) => m[1]);
      const raster = images.filter((type) => type !== 'svg+xml').length;
      const web = readdirSync(path.join(out, 'web/chapters'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.html'))
        .map(
          (f) =>
            readFileSync(path.join(out, 'web/chapters', f), 'utf8').match(/<img\b[^>]*\bsrc="(\.\.\/)+images\//g)
              ?.length ?? 0,
        );
      expect(web.reduce((a, b) => a + b, 0)).toBe(images.length);
      const epub = await openEpub(
        path.join(
          out,
          readdirSync(out).find((f) => f.endsWith('.epub'))!,
        ),
      );
      const inEpub = await Promise.all(
        epub.names
          .filter((n) => n.endsWith('.xhtml'))
          .map(async (n) => (await epub.text(n)).match(/<img /g)?.length ?? 0),
      );
      expect(inEpub.reduce((a, b) => a + b, 0)).toBe(images.length);
      for (const pdf of readdirSync(out).filter((f) => f.endsWith('.pdf'))) {
        const listed = execFileSync('pdfimages', ['-list', path.join(out, pdf)], { encoding: 'utf8' })
          .split('\n')
          .slice(2)
          .filter(Boolean);
        expect(listed.length, pdf).toBeGreaterThanOrEqual(raster);
      }
      expect(raster).toBeGreaterThanOrEqual(2);
    });

    it('gives a web edition whose every link to its own files is there', () => {
      expect(brokenLinks(path.join(out, 'web'))).toEqual([]);
    });

    it('gives an EPUB that epubcheck and Ace by DAISY pass with nothing to report', () => {
      const epub = path.join(
        out,
        readdirSync(out).find((f) => f.endsWith('.epub'))!,
      );
      const checked = epubcheck(epub);
      expect(checked.output).toMatch(/0 fatals \/ 0 errors \/ 0 warnings/);
      expect(ace(epub, scratchDir('manual-ace-'))).toEqual([]);
    }, 300_000);
  });
}
