import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, removeCopies, scratchDir } from '../helpers/fixture.ts';

afterAll(removeCopies);

/** Runs dependency-cruiser with the repository's rules on a tree of files made for the test. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = scratchDir('manual-stages-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  copyFileSync(path.join(REPO, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true },
    }),
  );
  const bin = path.join(REPO, 'node_modules/.bin/depcruise');
  const result = spawnSync(bin, ['scripts', '--config', '.dependency-cruiser.cjs'], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('the stages rules', () => {
  it('let a stage import the ground floor and the stages before it', () => {
    const result = cruise({
      'scripts/core/dates.ts': 'export const year = 2025;\n',
      'scripts/load/read.ts': "import { year } from '../core/dates.ts';\nexport const read = year;\n",
      'scripts/model/book.ts': "import { read } from '../load/read.ts';\nexport const book = read;\n",
      'scripts/render/html/page.ts': "import { year } from '../../core/dates.ts';\nexport const page = year;\n",
      'scripts/output/write.ts': "import { page } from '../render/html/page.ts';\nexport const write = page;\n",
    });
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('fail an import from a stage to a later one, naming both files and the rule', () => {
    const result = cruise({
      'scripts/load/read.ts': "import { page } from '../render/page.ts';\nexport const read = page;\n",
      'scripts/render/page.ts': 'export const page = 1;\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('load-imports-render: scripts/load/read.ts → scripts/render/page.ts');
  });

  it('fail a renderer reading what loading produced, or another renderer', () => {
    const result = cruise({
      'scripts/load/types.ts': 'export const kind = 1;\n',
      'scripts/render/pdf/a.ts':
        "import { kind } from '../../load/types.ts';\nimport { b } from '../epub/b.ts';\nexport const a = kind + b;\n",
      'scripts/render/epub/b.ts': 'export const b = 1;\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('render-reads-only-the-model: scripts/render/pdf/a.ts → scripts/load/types.ts');
    expect(result.output).toContain('renderers-are-independent: scripts/render/pdf/a.ts → scripts/render/epub/b.ts');
  });
});
