import path from 'node:path';
import { withoutChapterEnding } from '../core/chapter-files.ts';
import type { ChapterSource, SiteSpec } from '../load/types.ts';

/**
 * How the site a chapter was written for knew it: by its file's path, by the id or address its
 * front matter gave it (Docusaurus `id` and `slug`, Jekyll `permalink`, Hugo `slug` and `url`),
 * or by an old address that site redirected to it (Jekyll `redirect_from`, Hugo `aliases`).
 */
export type AddressKind = 'path' | 'given' | 'old';

export interface SiteAddress {
  id: string;
  kind: AddressKind;
  /** The front matter key that gave it, for a given or old address. */
  key?: string;
}

/**
 * Every address of the site the chapters were written for, from its root (without the base
 * path), as `normalAddress` writes it, with the chapter it led to. An address two chapters
 * claim leads to the first in contents order; paths win over given addresses, and those over old ones.
 */
export class SiteAddresses {
  private readonly byAddress = new Map<string, SiteAddress>();
  /** Each chapter's own address on the site: where its relative links were read from. */
  readonly pageOf = new Map<string, string>();

  constructor(
    readonly site: SiteSpec,
    chapters: Iterable<Pick<ChapterSource, 'id' | 'file' | 'meta'>>,
  ) {
    const all = [...chapters];
    for (const kind of ['path', 'given', 'old'] as const)
      for (const chapter of all)
        for (const [address, key] of this.addressesOf(chapter, kind)) this.add(address, chapter.id, kind, key);
  }

  /** The chapter an address leads to (`/docs/intro/`, `docs/intro.html` ...), read from the site's root. */
  find(address: string): SiteAddress | undefined {
    return this.byAddress.get(normalAddress(address));
  }

  private add(address: string, id: string, kind: AddressKind, key?: string): void {
    const normal = normalAddress(address);
    if (!this.byAddress.has(normal)) this.byAddress.set(normal, { id, kind, key });
    if (kind !== 'old' && !this.pageOf.has(id)) this.pageOf.set(id, normal);
  }

  private addressesOf(chapter: Pick<ChapterSource, 'id' | 'file' | 'meta'>, kind: AddressKind): [string, string?][] {
    const own = path.posix.relative(this.site.root, withoutChapterEnding(chapter.file));
    if (own.startsWith('../')) return [];
    const folder = path.posix.dirname(own) === '.' ? '' : `${path.posix.dirname(own)}/`;
    const meta = chapter.meta;
    if (kind === 'path') return [[own], [withoutNumberPrefixes(own)]];
    // Docusaurus addresses a doc by its id unless a slug replaces that address.
    const byId: [string, string][] =
      typeof meta.id === 'string' ? [[`${withoutNumberPrefixes(folder)}${meta.id}`, 'id']] : [];
    const replaced = typeof meta.slug === 'string';
    if (kind === 'given') return [...(replaced ? [] : byId), ...givenAddresses(meta, own, folder)];
    if (replaced) return [...byId, ...oldAddresses(meta)];
    return oldAddresses(meta);
  }
}

/** The addresses front matter gives a page: Docusaurus and Hugo `slug`, Jekyll `permalink`, Hugo `url`. */
function givenAddresses(meta: Record<string, unknown>, own: string, folder: string): [string, string][] {
  const given: [string, string][] = [];
  for (const key of ['slug', 'permalink', 'url']) {
    const value = meta[key];
    if (typeof value !== 'string' || value.includes(':')) continue;
    given.push([value.startsWith('/') ? value : `${folder}${value}`, key]);
    // Docusaurus reads a slug from "/" below the docs' own address, their folder's name.
    if (key === 'slug' && value.startsWith('/')) given.push([`${own.split('/')[0]}${value}`, key]);
  }
  return given;
}

/** The old addresses a site redirected to a page: Jekyll `redirect_from`, Hugo `aliases`. */
function oldAddresses(meta: Record<string, unknown>): [string, string][] {
  return ['redirect_from', 'aliases'].flatMap((key) => textsOf(meta[key]).map((a): [string, string] => [a, key]));
}
function textsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

/** Docusaurus drops number prefixes that order files: `01-intro/02-setup` is `intro/setup`. */
const withoutNumberPrefixes = (address: string) => address.replace(/(^|\/)\d+[-_](?=[^/])/g, '$1');

/**
 * An address as the table keeps it: without the slashes around it, its `.html` ending, an
 * `index`, `README` or `_index` page name, or a query; `/leave/holiday/`, `leave/holiday.html`
 * and `leave/holiday/index.html` are one address.
 */
export function normalAddress(address: string): string {
  return address
    .replace(/[?#].*$/s, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.html?$/i, '')
    .replace(/(^|\/)(index|README|_index)$/i, '')
    .replace(/\/+$/, '');
}
