import type { ChapterDiff, Changes } from '../changes/diff.ts';
import { numberedTitle } from '../core/numbered-title.ts';

const label = (state?: { number?: string; title: string }) => (state ? numberedTitle(state) : '');

/** How `manual diff` and `manual compare` list a chapter changed, added, removed, retitled or renumbered. */
export const LINES: Record<keyof Changes, (d: ChapterDiff) => string> = {
  changed: (d) => `${label(d.new)} (${d.id})`,
  added: (d) => `${label(d.new)} (${d.id})`,
  removed: (d) => `${label(d.old)} (${d.id})`,
  retitled: (d) => `${d.id}: "${d.old!.title}" -> "${d.new!.title}"`,
  renumbered: (d) => `${d.id}: ${d.old!.number ?? 'unnumbered'} -> ${d.new!.number ?? 'unnumbered'}`,
};
