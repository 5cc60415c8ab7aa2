import { randomBytes } from 'node:crypto';
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { forEachElement } from './for-each-element.ts';
import { rawAnchor } from '../core/raw-anchors.ts';
import { writtenId } from './raw-html.ts';

/**
 * Ids the markdown conversion gave (headings, footnotes) wear this mark while raw HTML is parsed
 * and sanitized, so the ids raw HTML wrote can be told apart. It is random, so no chapter can
 * write it; it never reaches an output.
 */
const MARK = `generated-${randomBytes(6).toString('hex')}-`;

/** Marks every id already in the tree, before raw HTML is parsed into it. */
export function rehypeMarkGeneratedIds() {
  return (tree: Root): void => {
    forEachElement(tree, (node) => {
      if (typeof node.properties.id === 'string') node.properties.id = MARK + node.properties.id;
    });
  };
}

/**
 * Ids written in raw HTML (`<span id="x">`, Word's `<a name="_Toc1">`) are kept in the chapter's
 * own namespace (see rawAnchor): the HTML edition and the PDFs put every chapter in one document
 * beside the templates' ids, and the EPUB checks ids as XML, so an id written as-is could repeat
 * another chapter's, a heading's anchor or a template's ("amendments"). An id raw HTML repeats within the chapter is dropped
 * (with a message on the file, for `manual check`), `name` becomes an id, and the chapter's raw links, labels
 * and table headers follow their ids. Generated ids lose their mark.
 */
export function rehypeRawIds(owner: string) {
  return (tree: Root, file: VFile): void => {
    const generated = unmarkGeneratedIds(tree);
    const generatedIds = new Set(generated.values());
    const renamed = new Map<string, string>();
    const taken = new Set<string>();
    forEachElement(tree, (node) => {
      const { id, name } = node.properties;
      delete node.properties.name; // only forms and old anchors use it; forms are gone, anchors get an id
      if (generated.has(node)) return;
      const written = writtenId(node.tagName, { id, name });
      delete node.properties.id;
      if (written === undefined) return;
      const unique = rawAnchor(owner, written);
      if (taken.has(unique)) {
        repeated(file, node, written);
        return;
      }
      taken.add(unique);
      node.properties.id = unique;
      // A link to an id the conversion gave (a footnote) still means that one.
      if (!generatedIds.has(written)) renamed.set(written, unique);
    });
    if (renamed.size > 0) followRenamedIds(tree, renamed);
  };
}

function repeated(file: VFile, node: Element, id: string): void {
  const message = file.message(
    `the id "${id}" of <${node.tagName}> is removed from the editions: an element above it in the chapter has it`,
    { place: node.position, ruleId: 'repeated-raw-id', source: 'manual' },
  );
  message.note = 'give each element in raw HTML an id of its own';
}

/** Takes the mark off the ids the conversion gave; returns their elements and ids. */
function unmarkGeneratedIds(tree: Root): Map<Element, string> {
  const generated = new Map<Element, string>();
  forEachElement(tree, (node) => {
    const { id } = node.properties;
    if (typeof id !== 'string' || !id.startsWith(MARK)) return;
    node.properties.id = id.slice(MARK.length);
    generated.set(node, node.properties.id);
  });
  return generated;
}

/** Points raw `#id` links, `aria-*by` labels and table `headers` at the ids as renamed. */
function followRenamedIds(tree: Root, renamed: ReadonlyMap<string, string>): void {
  forEachElement(tree, (node) => {
    const { href } = node.properties;
    if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && renamed.has(href.slice(1)))
      node.properties.href = `#${renamed.get(href.slice(1))}`;
    for (const key of ['ariaDescribedBy', 'ariaLabelledBy', 'headers'] as const) {
      const ids = node.properties[key];
      if (Array.isArray(ids)) node.properties[key] = ids.map((id) => renamed.get(String(id)) ?? id);
    }
  });
}
