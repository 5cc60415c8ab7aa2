import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';

/** What a saved web page holds for a chapter: its title, its main content, the address it came from. */
export interface WebPage {
  title?: string;
  content: Root;
  /** The page's own address (`<base>`, the canonical link or og:url), to resolve its relative links. */
  base?: string;
}

/** Never content: page furniture, code, and what takes input. */
const FURNITURE = new Set([
  'nav',
  'aside',
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'iframe',
  'object',
  'embed',
  'dialog',
  'link',
  'meta',
]);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'dialog', 'alert']);

/**
 * The main content of a saved page: its `<main>` (or role="main"), else its only or first
 * `<article>`, else its body without the page's header and footer; from it go navigation,
 * asides, scripts, styles, forms and whatever is hidden. Headers inside the content keep their
 * children (an article's header holds its title); footers inside it go.
 */
export function mainContent(page: Root): WebPage {
  const all = elements(page);
  const title = all.find((e) => e.tagName === 'title');
  const main =
    all.find((e) => e.tagName === 'main') ??
    all.find((e) => e.properties.role === 'main') ??
    all.find((e) => e.tagName === 'article');
  const body = all.find((e) => e.tagName === 'body');
  const from = main ??
    body ?? { type: 'element', tagName: 'div', properties: {}, children: page.children as ElementContent[] };
  const content: Root = { type: 'root', children: keep(from.children, main !== undefined) as RootContent[] };
  return { title: title ? toString(title).trim() || undefined : undefined, content, base: baseAddress(all) };
}

function keep(children: ElementContent[], insideMain: boolean): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type === 'comment') return [];
    if (child.type !== 'element') return [child];
    if (isFurniture(child) || child.tagName === 'footer' || (!insideMain && child.tagName === 'header')) return [];
    const kept = keep(child.children, insideMain);
    return child.tagName === 'header' ? kept : [{ ...child, children: kept }];
  });
}

function isFurniture(node: Element): boolean {
  const { role, hidden, ariaHidden } = node.properties;
  return (
    FURNITURE.has(node.tagName) ||
    (typeof role === 'string' && FURNITURE_ROLES.has(role)) ||
    hidden === true ||
    ariaHidden === 'true'
  );
}

function baseAddress(all: Element[]): string | undefined {
  const base = all.find((e) => e.tagName === 'base' && typeof e.properties.href === 'string');
  const canonical = all.find(
    (e) => e.tagName === 'link' && Array.isArray(e.properties.rel) && e.properties.rel.includes('canonical'),
  );
  const ogUrl = all.find((e) => e.tagName === 'meta' && e.properties.property === 'og:url');
  const found = [base?.properties.href, canonical?.properties.href, ogUrl?.properties.content].find(
    (value): value is string => typeof value === 'string' && /^https?:\/\//i.test(value),
  );
  return found;
}

/** Every element of the tree, in document order. */
export function elements(node: Root | Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}
