import { inlineStyleHashes, pageVersion, withClient } from './live-reload.ts';
import { servedFile, type ServedFile } from './preview-server.ts';

/** The site as served: every file with its type and policy, HTML pages with the preview's client in them. */
export interface ServedSite {
  files: Map<string, ServedFile>;
  /** Each HTML page's version, by its path from the site's root with a leading slash. */
  pages: Record<string, string>;
}

/** Makes the served copies of a rendered site; the rendered files themselves are left as they are. */
export function servedSite(rendered: ReadonlyMap<string, Buffer>): ServedSite {
  const files = new Map<string, ServedFile>();
  const pages: Record<string, string> = {};
  // A page looks as its stylesheets say: a saved stylesheet makes every page a new version.
  const styles = Buffer.from(
    pageVersion(Buffer.concat([...rendered].filter(([name]) => name.endsWith('.css')).map(([, data]) => data))),
  );
  for (const [name, data] of rendered) {
    if (!name.endsWith('.html')) {
      files.set(name, servedFile(name, data));
      continue;
    }
    const version = pageVersion(Buffer.concat([data, styles]));
    const html = data.toString('utf8');
    files.set(name, servedFile(name, Buffer.from(withClient(html, version)), inlineStyleHashes(html)));
    pages[`/${name}`] = version;
  }
  return { files, pages };
}

/** The page served for every HTML path until the manual first builds: the overlay says why it has not. */
export function waitingSite(page: string): ServedSite {
  return servedSite(new Map([['index.html', Buffer.from(page)]]));
}
