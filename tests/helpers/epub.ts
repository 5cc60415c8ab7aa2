import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'hast';
import JSZip from 'jszip';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's epubcheck is a jar that its /usr/bin link runs only where the kernel runs jars itself. */
const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export function epubcheck(file: string): { status: number | null; output: string } {
  const [command, args] = existsSync(EPUBCHECK_JAR) ? ['java', ['-jar', EPUBCHECK_JAR, file]] : ['epubcheck', [file]];
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** An EPUB read back: its files by path, and XHTML/XML parsed into trees. */
export async function openEpub(file: string) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = (path: string) => zip.file(path)!.async('string');
  const tree = async (path: string): Promise<Root> =>
    unified()
      .use(rehypeParse, { space: 'html' })
      .parse(await text(path));
  return { zip, names: Object.keys(zip.files), text, tree };
}

export interface AceViolation {
  file: string;
  rule: string;
  impact: string;
  html: string;
}

/**
 * Runs Ace by DAISY (its command-line package, without Electron) on an EPUB, in Debian's
 * Chromium, and returns every violation it reports. Its settings and logs go to a temporary home.
 */
export function ace(file: string, work: string): AceViolation[] {
  const bin = path.join(REPO_ROOT, 'node_modules/.bin/ace-cli');
  const report = path.join(work, 'report');
  const home = { XDG_CONFIG_HOME: work, XDG_STATE_HOME: work, XDG_CACHE_HOME: work };
  const result = spawnSync(bin, ['--silent', '--force', '--outdir', report, file], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, ...home, PUPPETEER_EXECUTABLE_PATH: process.env.MANUAL_CHROMIUM ?? '/usr/bin/chromium' },
  });
  if (result.status !== 0)
    throw new Error(`ace-cli failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  const parsed = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8')) as AceReport;
  return parsed.assertions.flatMap((doc) =>
    (doc.assertions ?? []).map((a) => ({
      file: doc['earl:testSubject'].url,
      rule: a['earl:test']['dct:title'],
      impact: a['earl:test']['earl:impact'],
      html: a['earl:result'].html,
    })),
  );
}

interface AceReport {
  assertions: {
    'earl:testSubject': { url: string };
    assertions?: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { html: string } }[];
  }[];
}
