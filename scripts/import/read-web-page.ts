import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { isDocumentName } from '../core/document-kind.ts';
import { elements, mainContent } from './main-content.ts';
import type { ImportImage, ReadDocument } from './types.ts';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A saved web page (`page.html` beside `page_files/`) read into its main content: images saved
 * with it are taken (`images/PREFIX-N.EXT`), remote ones become links, documents it links to and
 * was saved with are taken (`documents/NAME`), other relative links are made
 * absolute from the page's own address or, without one, kept as text; elements that links
 * within the page point at keep an `<a id>` anchor.
 */
export async function readWebPage(file: string, text: string, imagePrefix: string): Promise<ReadDocument> {
  const page = mainContent(unified().use(rehypeParse).parse(text));
  const notes: string[] = [];
  const images: ImportImage[] = [];
  const linkedDocuments: ImportImage[] = [];
  const all = elements(page.content);
  const targets = new Set(
    all.flatMap((e) =>
      e.tagName === 'a' && typeof e.properties.href === 'string' && e.properties.href.startsWith('#')
        ? [e.properties.href.slice(1)]
        : [],
    ),
  );
  for (const node of all) {
    if (node.tagName === 'a' && typeof node.properties.href === 'string')
      if (!(await takeDocument(node, path.dirname(file), linkedDocuments, notes))) rebaseLink(node, page.base, notes);
    if (node.tagName === 'img') await takeImage(node, path.dirname(file), imagePrefix, images, notes);
    anchorTarget(node, targets);
  }
  return { title: page.title, tree: page.content, images, linkedDocuments, notes };
}

/**
 * A link to a document saved beside the page (a form, a guide): the document is taken into
 * `documents/` under its own name, which readers know it by, and the link leads there. True when
 * it was taken; a link to a document not saved with the page is left to be made absolute.
 */
async function takeDocument(node: Element, dir: string, documents: ImportImage[], notes: string[]): Promise<boolean> {
  const href = String(node.properties.href).trim();
  const written = href.replace(/[?#].*$/s, '');
  if (HAS_SCHEME.test(href) || written === '' || written.startsWith('/') || !isDocumentName(written)) return false;
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(dir, decodeURIComponent(written)));
  } catch {
    return false;
  }
  const name = path.basename(decodeURIComponent(written));
  const same = documents.find((d) => Buffer.from(d.bytes).equals(bytes));
  const taken = new Set(documents.map((d) => d.path));
  const documentPath =
    same?.path ?? (taken.has(`documents/${name}`) ? `documents/${documents.length + 1}-${name}` : `documents/${name}`);
  if (!same) {
    documents.push({ path: documentPath, bytes: new Uint8Array(bytes) });
    notes.push(`the document "${href}" the page links to was copied to ${documentPath}`);
  }
  node.properties.href = documentPath.split('/').map(encodeURIComponent).join('/') + href.slice(written.length);
  return true;
}

function rebaseLink(node: Element, base: string | undefined, notes: string[]): void {
  const href = String(node.properties.href).trim();
  if (href.startsWith('#') || HAS_SCHEME.test(href)) return;
  if (base) {
    node.properties.href = new URL(href, base).href;
    return;
  }
  notes.push(`a link to "${href}", a page of the site the page does not say the address of, was kept as text`);
  delete node.properties.href;
}

async function takeImage(node: Element, dir: string, prefix: string, images: ImportImage[], notes: string[]) {
  const src = String(node.properties.src ?? '').trim();
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
  if (/^https?:/i.test(src) || src.startsWith('//')) {
    notes.push(`the remote image ${src} was not copied: it is a link${alt ? ` with its alt text "${alt}"` : ''}`);
    replace(node, 'a', { href: src.startsWith('//') ? `https:${src}` : src }, alt || src);
    return;
  }
  const local = path.resolve(dir, decodeURIComponent(src.replace(/[?#].*$/, '')));
  let bytes: Buffer | undefined;
  try {
    bytes = HAS_SCHEME.test(src) || src === '' ? undefined : await readFile(local);
  } catch {
    bytes = undefined;
  }
  if (!bytes) {
    notes.push(
      `the image "${src}" was not saved with the page: ${alt ? `its alt text "${alt}" is kept` : 'it was left out'}`,
    );
    replace(node, 'span', {}, alt);
    return;
  }
  const extension = (path.extname(local).slice(1) || 'bin').toLowerCase();
  const imagePath = `images/${prefix}-${images.length + 1}.${extension}`;
  images.push({ path: imagePath, bytes: new Uint8Array(bytes) });
  node.properties.src = imagePath;
}

function replace(node: Element, tagName: string, properties: Element['properties'], text: string): void {
  node.tagName = tagName;
  node.properties = properties;
  node.children = text ? [{ type: 'text', value: text }] : [];
}

/** An element a link within the page points at, other than a heading or an anchor, gets an `<a id>`. */
function anchorTarget(node: Element, targets: ReadonlySet<string>): void {
  const id = node.properties.id;
  if (typeof id !== 'string' || /^h[1-6]$/.test(node.tagName) || node.tagName === 'a') return;
  delete node.properties.id;
  if (targets.has(id)) node.children.unshift({ type: 'element', tagName: 'a', properties: { id }, children: [] });
}
