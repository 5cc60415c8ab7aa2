import { isScalar, type Node } from 'yaml';
import type { SiteSpec } from './types.ts';
import { readList, readText, type Fields, type YamlFile } from './yaml-file.ts';

/** The contents keys that say what site the chapters were written for (see SiteSpec). */
export const SITE_KEYS = ['site-root', 'base-path', 'static-folders'] as const;

const WHAT = 'the contents manifest';

/**
 * Reads `site-root`, `base-path` and `static-folders`: where a link that starts with "/" leads,
 * as the site the chapters were written for resolved it. Folders are written relative to
 * chapters/ and must stay inside it. Undefined when one of them is wrong (it is reported).
 */
export function readSite(yaml: YamlFile, top: Fields): SiteSpec | undefined {
  const root = readFolder(yaml, top, 'site-root', readText(yaml, top, 'site-root', WHAT) ?? '.');
  const basePath = readBasePath(yaml, top);
  const written = readList(yaml, top, 'static-folders', WHAT) ?? [];
  const staticFolders = written.map((node) => readFolder(yaml, top, 'static-folders', textOf(node), node));
  if (root === undefined || basePath === undefined || staticFolders.includes(undefined)) return undefined;
  return {
    root,
    basePath,
    staticFolders: staticFolders as string[],
    declared: SITE_KEYS.some((key) => top.has(key)),
  };
}

function textOf(node: Node): string {
  return isScalar(node) && node.value !== null ? String(node.value).trim() : '';
}

/** A folder under chapters/, as a path from the manual's root without a trailing "/". */
function readFolder(yaml: YamlFile, top: Fields, key: string, written: string, node?: Node): string | undefined {
  const parts = written.split('/').filter((part) => part !== '' && part !== '.');
  if (written === '' || written.startsWith('/') || parts.includes('..')) {
    yaml.diagnostics.error(
      node ? yaml.where(node) : top.at(key),
      `"${key}" must name a folder inside chapters/, relative to it; "${written}" does not`,
      key === 'site-root'
        ? 'write it like "site-root: content", or "." for chapters/ itself'
        : 'write it like "static"',
      'path-outside',
    );
    return undefined;
  }
  return ['chapters', ...parts].join('/');
}

/** `/staff-handbook/` as `/staff-handbook/`, `staff-handbook` too; `/` when there is none. */
function readBasePath(yaml: YamlFile, top: Fields): string | undefined {
  const written = readText(yaml, top, 'base-path', WHAT);
  if (written === undefined) return '/';
  if (/^[a-z][a-z0-9+.-]*:|[?#\s]/i.test(written)) {
    yaml.diagnostics.error(
      top.at('base-path'),
      `"base-path" is the start of the site's addresses after its host, such as /staff-handbook/; "${written}" is not`,
      'write only the path, like "base-path: /staff-handbook/"',
      'base-path-format',
    );
    return undefined;
  }
  return `/${written.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
