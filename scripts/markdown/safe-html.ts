import type { Element, Root } from 'hast';
import { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import { UNSAFE_URL } from '../core/urls.ts';
import type { ChapterNodes } from '../load/chapter-nodes.ts';
import { forEachElement } from './for-each-element.ts';
import { formFields } from './rehype-form-fields.ts';

/**
 * What raw HTML in a chapter may keep: GitHub's sanitizing schema (tables, br, sup and sub,
 * details and summary, definition lists, images ...) plus a few structural elements. Ids pass
 * untouched (the manual's own anchors are ids too): rehype-raw-ids then moves the ones raw HTML
 * wrote into the chapter's namespace. Everything that can run code, load a page or take input
 * goes: script, style, iframe, object, embed, form controls (inputs other than task-list
 * checkboxes by rehype-form-fields), event handler attributes, and addresses other than http(s),
 * mailto and relative ones.
 */
export const SAFE_HTML: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'abbr',
    'caption',
    'colgroup',
    'col',
    'figure',
    'figcaption',
    'mark',
    'u',
  ],
  attributes: { ...defaultSchema.attributes, ...headingAttributes(), col: ['span'], colgroup: ['span'] },
  clobber: [],
  strip: [
    'script',
    'style',
    'template',
    'noscript',
    'title',
    'textarea',
    'select',
    'object',
    'embed',
    'iframe',
    'frame',
    'frameset',
  ],
};

/** Headings keep what remark-heading-anchors gives them: a level class and their number. */
function headingAttributes(): Record<string, NonNullable<Schema['attributes']>[string]> {
  const levels = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
  // One className rule per element: the default's `sr-only` (the footnotes heading) joins ours.
  return Object.fromEntries(levels.map((h) => [h, [['className', 'sr-only', /^level-[1-6]$/], 'dataHeadingNumber']]));
}

const allowedTags = new Set(SAFE_HTML.tagNames);

/** Whether converting a tree with these nodes can lose anything to the safe subset: raw HTML other than comments, or a link to an unsafe address. */
export function mayLoseParts(nodes: ChapterNodes): boolean {
  return (
    nodes.html.some((node) => !node.value.trim().startsWith('<!--')) ||
    nodes.references.some((node) => node.type === 'link' && UNSAFE_URL.test(node.url))
  );
}

/** One thing the sanitizer will remove, and where it is. */
export interface UnsafePart {
  node: Element;
  what: string;
  /** How to write it instead, when there is more to say than what the safe subset keeps. */
  hint?: string;
}

const FORM_FIELD_HINT =
  'a form field does nothing in print or in an e-reader; for a checklist write a task list: "- [ ] item"';

/** Finds what SAFE_HTML removes from a tree that raw HTML was parsed into, to tell the author. */
export function unsafeParts(tree: Root): UnsafePart[] {
  const found: UnsafePart[] = [];
  forEachElement(tree, (node) => {
    if (!allowedTags.has(node.tagName)) found.push({ node, what: `<${node.tagName}>` });
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push({ node, what: `the ${name.toLowerCase()} attribute of <${node.tagName}>` });
      else if (name === 'style') found.push({ node, what: `the style attribute of <${node.tagName}>` });
      else if (
        (name === 'href' || name === 'src') &&
        typeof value === 'string' &&
        UNSAFE_URL.test(value) &&
        !(node.tagName === 'img' && /^\s*data:image\//i.test(value))
      ) {
        found.push({ node, what: `the ${value.split(':')[0].trim().toLowerCase()}: address of <${node.tagName}>` });
      }
    }
  });
  for (const { node } of formFields(tree)) found.push({ node, what: '<input>', hint: FORM_FIELD_HINT });
  return found;
}
