import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Root } from 'hast';
import JSZip from 'jszip';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

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
  const tree = async (path: string): Promise<Root> => unified().use(rehypeParse, { space: 'html' }).parse(await text(path));
  return { zip, names: Object.keys(zip.files), text, tree };
}
