import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Book } from '../../core/book.ts';
import { writeFileAtomic } from '../../core/write-atomic.ts';
import type { BlockOffsets } from './block-pages.ts';
import type { Layout, Variant } from './layout.ts';

/**
 * The last build's layouts, kept as the first plan of the next build of the same manual: after a
 * small edit most parts keep their length, so each PDF needs no measuring pass, and where one did
 * change, the print shows it and is planned again. A plan is only ever a guess that the print
 * checks, so a stale or damaged file costs a pass, never a wrong page number.
 */
export type Layouts = Record<Variant, Layout>;

/** What a build keeps for the next: its layouts, and where the blocks of each chapter fell. */
export interface KeptPlans {
  layouts: Layouts;
  blocks: BlockOffsets;
}

export function layoutCacheFile(cacheDir: string, book: Book): string {
  return path.join(cacheDir, 'layouts', `${book.meta.slug}-${book.assets.key}.json`);
}

export async function readCachedLayouts(file: string): Promise<KeptPlans | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<Variant, SavedLayout> & {
      blocks: [string, { content: string; offsets: [string, number][] }][];
    };
    if (!Array.isArray(saved.blocks)) return undefined;
    return {
      layouts: { partner: fromSaved(saved.partner), binder: fromSaved(saved.binder) },
      blocks: new Map(saved.blocks),
    };
  } catch {
    return undefined;
  }
}

export async function writeCachedLayouts(file: string, kept: KeptPlans): Promise<void> {
  const saved = {
    partner: toSaved(kept.layouts.partner),
    binder: toSaved(kept.layouts.binder),
    blocks: [...kept.blocks],
  };
  await writeFileAtomic(file, JSON.stringify(saved)).catch(() => undefined);
}

interface SavedLayout {
  pageOf: [string, number][];
  counts: [string, number][];
  blankBefore: string[];
  totalPages: number;
}

const toSaved = (layout: Layout): SavedLayout => ({
  pageOf: [...layout.pageOf],
  counts: [...layout.counts],
  blankBefore: [...layout.blankBefore],
  totalPages: layout.totalPages,
});

function fromSaved(saved: SavedLayout): Layout {
  if (
    !Array.isArray(saved.pageOf) ||
    !Array.isArray(saved.counts) ||
    !Array.isArray(saved.blankBefore) ||
    typeof saved.totalPages !== 'number'
  ) {
    throw new Error('not a saved layout');
  }
  return {
    pageOf: new Map(saved.pageOf),
    counts: new Map(saved.counts),
    blankBefore: new Set(saved.blankBefore),
    totalPages: saved.totalPages,
  };
}
