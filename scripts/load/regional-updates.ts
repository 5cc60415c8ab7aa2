import type { AmendmentItem, EditionSpec, ManualSource } from './types.ts';

/** One of the base's amendment items, as a local edition lists it beside its own. */
export interface RegionalUpdate {
  /** The base edition whose amendments list it. */
  edition: EditionSpec;
  list: 'updated' | 'new' | 'removed';
  item: AmendmentItem;
  /** The chapter it names is substituted here: a local chapter stands in the regional one's place. */
  substituted: boolean;
}

type Lists = Pick<EditionSpec, 'updated' | 'new' | 'removed'>;
const LISTS = ['updated', 'new', 'removed'] as const satisfies (keyof Lists)[];

/**
 * The base's amendment items a local edition carries: those of every base edition after the one
 * the local release before it carried, up to and including the one it carries (the current
 * edition: the base as it is now; an earlier one: as its release.json recorded). With no earlier
 * release that recorded a base, the carried base edition's own. Items naming a chapter this
 * manual leaves out are dropped; the base's documents are not carried, so neither are their items.
 */
export function regionalUpdates(
  source: Pick<ManualSource, 'base' | 'archive' | 'editions' | 'chapters'>,
  edition: string,
): RegionalUpdate[] {
  const { base } = source;
  if (!base) return [];
  const carried =
    edition === source.editions[0].id
      ? base.editions[0]?.id
      : source.archive.find((r) => r.id === edition)?.baseEdition;
  if (carried === undefined) return [];
  const since = source.archive.filter((r) => r.id < edition).at(-1)?.baseEdition;
  const leftOut = new Set(base.leftOut.map((l) => l.target));
  const kept = (item: AmendmentItem, list: keyof Lists) =>
    item.chapter !== undefined &&
    !leftOut.has(item.chapter) &&
    (list === 'removed' || source.chapters.has(item.chapter));
  return base.editions
    .filter((e) => e.id <= carried && (since === undefined ? e.id === carried : e.id > since))
    .flatMap((e) =>
      LISTS.flatMap((list) =>
        e[list]
          .filter((item) => kept(item, list))
          .map((item) => ({ edition: e, list, item, substituted: base.substituted.has(item.chapter!) })),
      ),
    );
}

/** The chapters the base's items list as updated or new: what the local edition need not list again. */
export function regionallyListed(updates: readonly RegionalUpdate[], list: 'updated' | 'new'): Set<string> {
  return new Set(updates.filter((u) => u.list === list && !u.substituted).map((u) => u.item.chapter!));
}
