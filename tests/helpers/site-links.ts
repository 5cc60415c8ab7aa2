import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { selectAll } from 'hast-util-select';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/**
 * A link checker for a static site, without a browser: every link and image of every page to a
 * local file must name a file that exists, and every `#fragment` of a link to a page must be an
 * id of that page. Returns what is broken, one line each ("page: link").
 */
export function brokenLinks(siteDir: string): string[] {
  const pages = readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
  const trees = new Map<string, Root>();
  const tree = (file: string) => {
    let parsed = trees.get(file);
    if (!parsed) trees.set(file, (parsed = unified().use(rehypeParse).parse(readFileSync(file, 'utf8'))));
    return parsed;
  };
  const ids = (file: string) => new Set(selectAll('[id]', tree(file)).map((e) => String(e.properties.id)));
  const broken: string[] = [];
  for (const page of pages) {
    const file = path.join(siteDir, page);
    const links = [
      ...selectAll('a[href], link[href]', tree(file)).map((e) => String(e.properties.href)),
      ...selectAll('img[src], script[src]', tree(file)).map((e) => String(e.properties.src)),
    ];
    for (const link of links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // an outside address
      const [address, fragment] = link.split('#');
      const target = address ? path.resolve(path.dirname(file), decodeURIComponent(address)) : file;
      if (!existsSync(target)) broken.push(`${page}: ${link} (no such file)`);
      else if (fragment && target.endsWith('.html') && !ids(target).has(decodeURIComponent(fragment)))
        broken.push(`${page}: ${link} (no such id)`);
    }
  }
  return broken;
}
