import type { EntrySpec, SectionSpec } from './types.ts';

/** Every entry of the contents, depth first, in reading order. */
export function* walkEntries(items: readonly (SectionSpec | EntrySpec)[]): Generator<EntrySpec> {
  for (const item of items) {
    if ('kind' in item) yield item;
    if (!('kind' in item) || item.kind === 'subsection') yield* walkEntries(item.entries);
  }
}
