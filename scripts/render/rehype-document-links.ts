import type { Element, Root } from 'hast';
import type { Book, DocumentNode, ManualDocument } from '../core/book.ts';
import { sizeOf } from '../core/document-kind.ts';
import { mapElements } from './map-elements.ts';

/** Where an output links to a document; undefined: the output names it as text. */
export type DocumentAddress = (document: ManualDocument) => string | undefined;

/**
 * Where the web edition keeps a document: `documents/` and its path under chapters/, never a
 * hash of its bytes, so an address saved in a case record keeps working from edition to edition.
 */
export const documentFile = (document: Pick<ManualDocument, 'path'>) => `documents/${document.path}`;

/** The same as an address: each part percent-encoded (`letter%20templates/a.docx`). */
export const documentPath = (document: Pick<ManualDocument, 'path'>) =>
  documentFile(document).split('/').map(encodeURIComponent).join('/');

/** Where the web edition publishes a document, as outputs that stand alone link to it: none without `site-url`. */
export const publishedAddress =
  (book: Book): DocumentAddress =>
  (document) =>
    book.meta.siteUrl && `${book.meta.siteUrl}${documentPath(document)}`;

/** What a reader is told of a document before opening it: "Word document, 48 KB". */
export const documentAbout = (document: ManualDocument) => `${document.type}, ${sizeOf(document.bytes)}`;

/**
 * Each link to a document (`data-document`, see the markdown stage) written for the output: to
 * `address`, with the document's type and size in its text ("Pet Assessment Form (Word
 * document, 48 KB)"), or, where the output has no address for it, as its text and file name.
 */
export function rehypeDocumentLinks(book: Book, address: DocumentAddress) {
  const byFile = new Map(book.documents.map((document) => [document.file, document]));
  return (tree: Root): Root =>
    mapElements(tree, (node) => {
      const file = node.tagName === 'a' ? node.properties.dataDocument : undefined;
      const document = typeof file === 'string' ? byFile.get(file) : undefined;
      return document && documentLink(node, document, address(document));
    });
}

function documentLink(node: Element, document: ManualDocument, address: string | undefined): Element {
  const { dataDocument: _file, href, ...properties } = node.properties;
  if (address === undefined) {
    const about = span('document-about', `(${document.type}: ${document.path.split('/').at(-1)})`);
    return { ...span('document-name', ''), children: [...node.children, { type: 'text', value: ' ' }, about] };
  }
  const fragment = typeof href === 'string' && href.includes('#') ? href.slice(href.indexOf('#')) : '';
  return {
    ...node,
    properties: { ...properties, href: `${address}${fragment}`, className: ['document-link'] },
    children: [...node.children, { type: 'text', value: ' ' }, span('document-about', `(${documentAbout(document)})`)],
  };
}

const span = (className: string, text: string): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: [className] },
  children: text ? [{ type: 'text', value: text }] : [],
});

/**
 * A contents entry of a document as templates read it: `href` where the output links to it
 * (none: the output names it), what it is (`about`: "Word document, 48 KB") and its file name.
 */
export function documentEntry(book: Book, node: DocumentNode, address: DocumentAddress) {
  const document = book.documents.find((d) => d.file === node.file);
  if (!document) return node;
  return {
    ...node,
    href: address(document),
    about: documentAbout(document),
    type: document.type,
    name: document.path.split('/').at(-1),
  };
}
