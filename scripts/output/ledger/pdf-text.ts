import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ManualError } from '../../core/diagnostics.ts';

const run = promisify(execFile);

/**
 * The text of each page of a PDF, as poppler's pdftotext reads it: glyphs drawn off the page are
 * not read, so a line cut off at the page's edge is missing here as it is on paper. In the order
 * it is drawn (`-raw`): Chromium draws a table cell by cell, so each cell's lines come together.
 */
export async function pdfPageTexts(bytes: Uint8Array, name: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'manual-ledger-'));
  try {
    const file = path.join(dir, 'edition.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run('pdftotext', ['-q', '-raw', '-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 30 });
    return stdout.split('\f');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ManualError([
      {
        severity: 'error',
        file: name,
        message: 'pdftotext, which reads the printed PDFs back to check that nothing was lost, is not installed',
        hint: 'install poppler-utils (sudo apt-get install poppler-utils), as scripts/setup.sh does',
        ruleId: 'program-missing',
      },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
