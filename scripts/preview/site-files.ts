import { assetsVersion, inlineStyleHashes, pageVersion, withClient } from './live-reload.ts';
import { servedFile, type ServedFile, type SiteFiles } from './preview-server.ts';

/** A rendered file of the site: its bytes or its text. */
export type SiteData = Uint8Array | string;

/**
 * Makes a file only when asked for: the search index, which no page needs to show, and the
 * replaced editions, which no save changes. Resolves to undefined when no renderer makes `name`.
 */
export type OnDemand = (name: string) => Promise<SiteData | undefined>;

/** The site as served: every file with its type and policy, HTML pages with the preview's client in them. */
export interface ServedSite extends SiteFiles {
  /** Each HTML page's version, by its path from the site's root with a leading slash. */
  pages: Record<string, string>;
  /** What each file was served from, for the next site to reuse the served copies of files that did not change. */
  made: ReadonlyMap<string, Made>;
}

interface Made {
  data: SiteData;
  /** The version of the stylesheets and scripts the page was versioned with. */
  assets: string;
  served: ServedFile;
  /** A page's version. */
  version?: string;
}

/**
 * Makes the served copies of a rendered site; the rendered files themselves are left as they
 * are. A file rendered as it was in `last` (and, for a page, with the same stylesheets) keeps its
 * served copy and version: a save serves anew only the pages it changed. `documents` names the
 * manual's file of each document the site publishes, by its path in the site.
 */
export function servedSite(
  rendered: ReadonlyMap<string, SiteData>,
  last?: ServedSite,
  onDemand: OnDemand = async () => undefined,
  documents: ReadonlyMap<string, string> = new Map(),
): ServedSite {
  const made = new Map<string, Made>();
  const pages: Record<string, string> = {};
  // A page looks and works as the site's stylesheets and scripts say: a saved one makes every page a new frame.
  const assets = assetsVersion([...rendered].filter(([name]) => /\.(css|js)$/.test(name)).map(([, data]) => data));
  for (const [name, data] of rendered) {
    const isPage = name.endsWith('.html');
    const kept = last?.made.get(name);
    const same = kept && sameData(kept.data, data) && (!isPage || kept.assets === assets);
    const file = same ? kept : served(name, data, assets);
    made.set(name, file);
    if (file.version) pages[`/${name}`] = file.version;
  }
  return {
    pages,
    made,
    documentOf: (name) => documents.get(name),
    get: (name) => made.get(name)?.served,
    make: async (name) => {
      const data = await onDemand(name);
      return data === undefined ? undefined : served(name, data, assets, true).served;
    },
  };
}

/** The page served for every HTML path until the manual first builds: the overlay says why it has not. */
export function waitingSite(page: string): ServedSite {
  return servedSite(new Map([['index.html', page]]));
}

function served(name: string, data: SiteData, assets: string, onDemand = false): Made {
  if (!name.endsWith('.html')) return { data, assets, served: servedFile(name, Buffer.from(data)) };
  const html = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const version = pageVersion(html, assets);
  return {
    data,
    assets,
    version,
    served: servedFile(name, Buffer.from(withClient(html, version, onDemand)), inlineStyleHashes(html)),
  };
}

function sameData(a: SiteData, b: SiteData): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
