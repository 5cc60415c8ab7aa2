import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../core/document-kind.ts';
import { checkDocument } from './check-document.ts';
import { closest, distance } from 'fastest-levenshtein';
import type { Link } from 'mdast';
import type { LinkTarget, ResolveLinksOptions } from './link-types.ts';
import { normalAddress, type SiteAddress } from './site-addresses.ts';
import { chapterIdOf, isSiteLink, siteCandidates } from './site-links.ts';

/**
 * The chapter a link leads to, or undefined (its problem reported): by the path of the chapter's
 * file (`../care/visits.md`), or as the site it was written for led there: from that site's
 * root (`/docs/care/visits`), by a published address (`visits.html`, `../visits/`), a front
 * matter id or slug, or an old address it redirected.
 */
export function chapterTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): LinkTarget | undefined {
  if (filePart.startsWith('/')) return rootTarget(node, filePart, fragment, options);
  const file = path.posix.normalize(path.posix.join(options.baseDir, filePart));
  const id = chapterIdOf(
    options.base && file.startsWith(options.base.prefix) ? file.slice(options.base.prefix.length) : file,
  );
  const target = id === undefined ? undefined : options.targets.get(id);
  if (target) return target;
  const leftOut = id === undefined ? undefined : options.base?.leftOut?.get(id);
  if (leftOut !== undefined) {
    options.diagnostics.warning(
      options.locate(node),
      `link to "${leftOut}" (${id}), a base chapter this manual leaves out: the editions print the link's text alone`,
      "keep the chapter, or accept the warning for the base's files; the base's own text cannot be changed here",
      'link-to-left-out',
    );
    return { title: leftOut, anchor: '', headings: [], leftOut: true };
  }
  const site = id === undefined && isSiteLink(filePart) ? siteTarget(node, filePart, fragment, options) : undefined;
  if (site) return site;
  reportNoChapter(node, file, id, isSiteLink(filePart), options);
  return undefined;
}

/**
 * The chapter Hugo's `ref` and `relref` name, found as Hugo finds a page: from the content root
 * when the path starts with "/", else from the page's folder, then from the content root, then
 * by its file name when only one chapter has it.
 */
export function refTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): LinkTarget | undefined {
  const rootDir = options.addresses?.site.root ?? 'chapters';
  const bases = filePart.startsWith('/') ? [rootDir] : [options.baseDir, rootDir];
  const byPath = siteCandidates(filePart.replace(/^\/+/, ''), bases).concat(
    bases.flatMap((base) => chapterIdOf(path.posix.join(base, filePart)) ?? []),
  );
  const name = path.posix.basename(filePart);
  const byName = [...options.targets].filter(([, target]) => target.file && path.posix.basename(target.file) === name);
  const id =
    byPath.find((candidate) => options.targets.has(candidate)) ?? (byName.length === 1 ? byName[0][0] : undefined);
  if (id !== undefined) return options.targets.get(id);
  const written = `ref "${filePart}${fragment ? `#${fragment}` : ''}"`;
  options.diagnostics.error(
    options.locate(node),
    `Hugo's ${written} leads to no chapter of the manual${byName.length > 1 ? `: ${byName.length} chapters are named ${name}` : ''}`,
    rootHint(filePart, filePart.startsWith('/') ? filePart : `/${filePart}`, options),
    'link-no-chapter',
  );
  return undefined;
}

/** A link from the site's root: to a chapter's file, an address of the site, or a file of its root or static folders. */
function rootTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): LinkTarget | undefined {
  const site = options.addresses?.site;
  const rootDir = site?.root ?? 'chapters';
  const fromRoot = withoutBasePath(filePart, site?.basePath ?? '/');
  const id = chapterIdOf(path.posix.normalize(path.posix.join(rootDir, fromRoot)));
  if (id !== undefined && options.targets.has(id)) return options.targets.get(id);
  const address = options.addresses?.find(fromRoot) ?? fileAddress(rootDir, fromRoot, options);
  if (address && options.targets.has(address.id)) return viaSite(node, filePart, fragment, address, options);
  const file = [rootDir, ...(site?.staticFolders ?? [])]
    .map((dir) => path.posix.join(dir, fromRoot))
    .find((candidate) => isFile(path.join(options.root, candidate)));
  const where = options.locate(node);
  if (file && checkDocument(where, file, path.join(options.root, file), limitOf(options), options.diagnostics)) {
    options.diagnostics.warning(
      where,
      `link to ${filePart} (${file}), a file that editions do not include`,
      FILE_HINT,
      'link-file-not-included',
    );
    return undefined;
  }
  if (file) return undefined;
  options.diagnostics.error(
    where,
    `link to ${filePart}, which leads to no chapter or file of the manual (read from ${rootDir}/)`,
    rootHint(filePart, fromRoot, options),
    'link-no-chapter',
  );
  return undefined;
}

/** The chapter at a path from the site's root, when no address table says (a manual that names no site). */
function fileAddress(rootDir: string, fromRoot: string, options: ResolveLinksOptions): SiteAddress | undefined {
  const id = siteCandidates(fromRoot.replace(/^\/+/, ''), [rootDir]).find((candidate) =>
    options.targets.has(candidate),
  );
  return id === undefined ? undefined : { id, kind: 'path' };
}

/** `/staff-handbook/leave/` less the base path `/staff-handbook/`: `/leave/`. A link written without the base path is taken as it is. */
export function withoutBasePath(link: string, basePath: string): string {
  return basePath !== '/' && (link.startsWith(basePath) || `${link}/` === basePath)
    ? `/${link.slice(basePath.length)}`
    : link;
}

/** A link written for a published web site (`x.html`, `x/`, a doc id) relative to the page it is on. */
function siteTarget(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  options: ResolveLinksOptions,
): LinkTarget | undefined {
  const bases = [options.baseDir, ...(options.pageDir ? [options.pageDir] : [])];
  const id = siteCandidates(filePart, bases).find((candidate) => options.targets.has(candidate));
  if (id !== undefined) return viaSite(node, filePart, fragment, { id, kind: 'path' }, options);
  const page = options.selfId === undefined ? undefined : options.addresses?.pageOf.get(options.selfId);
  if (page === undefined || !options.addresses) return undefined;
  for (const base of [path.posix.dirname(page), page]) {
    const address = options.addresses.find(path.posix.normalize(path.posix.join('/', base, filePart)));
    if (address && options.targets.has(address.id)) return viaSite(node, filePart, fragment, address, options);
  }
  return undefined;
}

/**
 * The chapter a site's address leads to. A manual that names its site in the contents takes its
 * addresses as its own; else, and for an old address of a chapter whatever the manual says, a
 * warning gives the path of the chapter's file, which any edition keeps.
 */
function viaSite(
  node: Link,
  filePart: string,
  fragment: string | undefined,
  address: SiteAddress,
  options: ResolveLinksOptions,
): LinkTarget {
  const target = options.targets.get(address.id)!;
  const file = `${path.posix.relative(options.baseDir, target.file ?? `chapters/${address.id}.md`)}${fragment ? `#${fragment}` : ''}`;
  const fix = `link to the chapter's file: "${file}"`;
  if (address.kind === 'old') {
    options.diagnostics.warning(
      options.locate(node),
      `link to ${filePart}, an old address of chapter ${address.id} (${address.key === 'id' ? 'its id, an address its slug replaced' : `its ${address.key}`}); the editions take it there`,
      fix,
      'link-old-address',
    );
  } else if (!options.addresses?.site.declared) {
    const chapter = target.file?.slice('chapters/'.length) ?? `${address.id}.md`;
    options.diagnostics.warning(
      options.locate(node),
      `link to ${filePart} is written for a web site; the editions take it to chapter ${chapter}`,
      fix,
      'link-site-address',
    );
  }
  return target;
}

const limitOf = (options: ResolveLinksOptions) => options.documents?.limit ?? MAX_DOCUMENT_BYTES;

const FILE_HINT = 'link to chapters by their .md file, or give a full web address (https://...)';

export function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** What to do about a link from the site's root that leads nowhere: say the base path, or correct it to a near chapter. */
function rootHint(filePart: string, fromRoot: string, options: ResolveLinksOptions): string {
  const first = /^\/([^/]+)\//.exec(fromRoot)?.[1];
  const rootDir = options.addresses?.site.root ?? 'chapters';
  if (first && options.addresses?.site.basePath === '/' && !existsSync(path.join(options.root, rootDir, first)))
    return `if the site's addresses started with /${first}/, say so in chapters/contents.yml: "base-path: /${first}/"`;
  const nearest = nearChapter(normalAddress(fromRoot), options);
  return nearest ? `correct the link (did you mean "${nearest}"?)` : FILE_HINT;
}

/** The relative path of the chapter whose id is close to what a link names, if one is. */
function nearChapter(written: string, options: ResolveLinksOptions): string | undefined {
  const ids = [...options.targets.keys()];
  if (ids.length === 0 || written === '') return undefined;
  const nearest = closest(written, ids);
  if (distance(written, nearest) > Math.max(3, written.length / 4)) return undefined;
  const target = options.targets.get(nearest)!;
  return path.posix.relative(options.baseDir, target.file ?? `chapters/${nearest}.md`);
}

function reportNoChapter(
  node: Link,
  file: string,
  id: string | undefined,
  siteLink: boolean,
  options: ResolveLinksOptions,
): void {
  const where = options.locate(node);
  const full = path.join(options.root, file);
  const exists = existsSync(full);
  if (id === undefined && siteLink && !isFile(full)) {
    const nearest = nearChapter(
      file
        .replace(/^chapters\//, '')
        .replace(/\/+$/, '')
        .replace(/\.html?$/i, ''),
      options,
    );
    const hint = nearest ? `link to a chapter by its .md file (the nearest is "${nearest}")` : FILE_HINT;
    options.diagnostics.error(where, `link to ${file}, which is no chapter of the contents`, hint, 'link-no-chapter');
  } else if (id === undefined) {
    if (!exists)
      options.diagnostics.error(where, `link to ${file}, which does not exist`, FILE_HINT, 'link-missing-file');
    else if (!isFile(full) || checkDocument(where, file, full, limitOf(options), options.diagnostics))
      options.diagnostics.warning(
        where,
        `link to ${file}, a file that editions do not include`,
        FILE_HINT,
        'link-file-not-included',
      );
  } else {
    const nearest = nearChapter(id, options);
    const problem = exists ? 'which is not in the contents' : 'which does not exist';
    const hint = nearest
      ? `correct the link (did you mean "${nearest}"?)`
      : 'link to a chapter listed in the contents, by the path of its .md file relative to this file';
    options.diagnostics.error(where, `link to chapter ${file}, ${problem}`, hint, 'link-no-chapter');
  }
}
