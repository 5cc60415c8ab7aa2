import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Node } from 'unist';
import { forEachElement } from './for-each-element.ts';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import type { ChapterNodes } from '../load/chapter-nodes.ts';
import { rehypeFormFields } from './rehype-form-fields.ts';
import { rehypeMarkGeneratedIds, rehypeRawIds } from './rehype-raw-ids.ts';
import { SAFE_HTML, unsafeParts } from './safe-html.ts';
import { UNSAFE_URL } from '../core/urls.ts';

const SAFE_SUBSET = 'raw HTML keeps tables, lists, line breaks, sup and sub, details and summary, definition lists and emphasis; links must be web, mailto or relative addresses';

/**
 * Tells the author what the editions leave out of a chapter's raw HTML (pasted from Word or a web
 * page): the chapter is parsed as the renderers parse it, and every part the safe subset removes
 * is a warning with its file and line. Chapters without raw HTML or odd links cost nothing: not
 * even reading their trees.
 */
export function reportUnsafeHtml(tree: () => Root, nodes: ChapterNodes, diagnostics: Diagnostics, locate: (node: Node) => Where): void {
  let raw = nodes.references.some((node) => node.type === 'link' && UNSAFE_URL.test(node.url));
  for (const node of nodes.html) {
    if (node.value.trim().startsWith('<!--')) continue;
    raw = true;
    if (/<img\b/i.test(node.value)) {
      diagnostics.warning(locate(node), 'an image in raw HTML shows only its text alternative in the editions', 'write the image in markdown: ![what it shows](path/to/image.png)');
    }
  }
  if (!raw) return;
  const hast = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeMarkGeneratedIds).use(rehypeRaw).runSync(structuredClone(tree())) as HastRoot;
  forEachElement(hast, (node) => {
    if (node.tagName === 'iframe') diagnostics.warning(locate(node), `an <iframe> is shown as a link to ${String(node.properties.src ?? 'its address')}`, 'editions cannot embed pages; link to it in markdown: [title](https://...)');
  });
  for (const part of unsafeParts(hast)) {
    if (part.what === '<iframe>') continue;
    diagnostics.warning(locate(part.node), `${part.what} is removed from the editions`, part.hint ?? SAFE_SUBSET);
  }
  reportRepeatedIds(hast, diagnostics, locate);
}

/** An id raw HTML gives twice in a chapter: among what the editions keep, as toHtmlTree keeps it. */
function reportRepeatedIds(hast: HastRoot, diagnostics: Diagnostics, locate: (node: Node) => Where): void {
  const repeated = (node: Element, id: string) =>
    diagnostics.warning(locate(node), `the id "${id}" of <${node.tagName}> is removed from the editions: an element above it in the chapter has it`, 'give each element in raw HTML an id of its own');
  unified().use(rehypeFormFields).use(rehypeSanitize, SAFE_HTML).use(rehypeRawIds, '', repeated).runSync(hast);
}
