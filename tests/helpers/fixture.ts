import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostics, formatDiagnostic, sortDiagnostics } from '../../scripts/core/diagnostics.ts';
import { checkManual } from '../../scripts/pipeline/pipeline.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SMALL = path.join(REPO, 'tests/fixtures/small');

const made: string[] = [];

/** The Derby contents page (seed 001): number, title, flag and remark of every numbered entry, in order. */
export function seedContents(): { number: string; title: string; flag: string; remark: string }[] {
  return readFileSync(path.join(REPO, 'tests/fixtures/derby-contents.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [number, title, flag, remark] = line.split('\t');
      return { number, title, flag, remark };
    });
}

/** Every file below `dir` (the web edition's are in folders), by its path from there with "/" between folders. */
export function filesUnder(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(dir, file).split(path.sep).join('/'), readFileSync(file)] as const;
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** A fresh copy of a fixture manual in a temporary folder, to break in one way. */
export function copyManual(from = SMALL): string {
  const root = mkdtempSync(path.join(tmpdir(), 'manual-test-'));
  cpSync(from, root, { recursive: true, filter: (src) => !/\/(node_modules|dist|\.git)(\/|$)/.test(src) });
  made.push(root);
  return root;
}

/** An empty temporary folder (for outputs, or a build's TMPDIR), removed with the copies. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeCopies(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Replaces exactly one occurrence of `from` in a file of the manual. */
export function edit(root: string, file: string, from: string, to: string): void {
  const full = path.join(root, file);
  const text = readFileSync(full, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`"${from}" is not in ${file} exactly once`);
  writeFileSync(full, text.replace(from, to));
}

export function write(root: string, file: string, data: string | Buffer): void {
  writeFileSync(path.join(root, file), data);
}

/** What `manual check` reports, one formatted diagnostic per item. */
export async function check(root: string): Promise<string[]> {
  const diagnostics = new Diagnostics();
  await checkManual(root, diagnostics);
  return sortDiagnostics(diagnostics.items).map(formatDiagnostic);
}

/** Runs the real `manual` command in its own process. */
export function manual(
  args: string[],
  cwd = REPO,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/manual.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The Derby sample's next edition, August 2025, updating Care Planning: put in place of `editions:\n`. */
export const SAMPLE_NEXT_EDITION = `editions:
  - edition: 2025-08
    date: 2025-08-04
    next-update: February 2026
    updated:
      - chapter: children-in-care/care-planning
        details: A care plan is now reviewed at every looked after review.
`;
