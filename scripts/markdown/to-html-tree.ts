import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { someNode } from './for-each-element.ts';
import type { HeadingInfo } from '../core/book.ts';
import { rehypeContainImages } from './rehype-contain-images.ts';
import { rehypeFootnoteLabelId } from './rehype-footnote-label-id.ts';
import { rehypeFormFields } from './rehype-form-fields.ts';
import { rehypeIframeLinks } from './rehype-iframe-links.ts';
import { rehypeHeadingNumbers } from './rehype-heading-numbers.ts';
import { rehypeMarkGeneratedIds, rehypeRawIds } from './rehype-raw-ids.ts';
import { remarkHeadingAnchors } from './remark-heading-anchors.ts';
import { SAFE_HTML } from './safe-html.ts';

/** rehype-raw re-parses a whole tree through parse5; most chapters have no raw HTML to parse. */
function rehypeRawWhenPresent() {
  const parse = rehypeRaw();
  return (tree: HastRoot, file: VFile): HastRoot => (someNode(tree, (node) => node.type === 'raw') ? parse(tree, file) : tree);
}

/**
 * Turns a resolved mdast tree into the HTML tree the renderers read. `idPrefix` keeps footnote
 * ids unique when many chapters share one HTML page. Raw HTML is parsed and cut down to a safe
 * subset (`manual check` says what goes), its ids are kept apart from every other chapter's, and
 * images are kept only from inside the manual `root`.
 */
export function toHtmlTree(tree: MdastRoot, headings: readonly HeadingInfo[], idPrefix: string, root: string): HastRoot {
  const prefix = `${idPrefix}--`;
  const processor = unified()
    .use(remarkHeadingAnchors, headings)
    .use(remarkRehype, { clobberPrefix: prefix, allowDangerousHtml: true })
    .use(rehypeMarkGeneratedIds)
    .use(rehypeRawWhenPresent)
    .use(rehypeIframeLinks)
    .use(rehypeFormFields)
    .use(rehypeSanitize, SAFE_HTML)
    .use(rehypeRawIds, prefix)
    .use(rehypeContainImages, root)
    .use(rehypeFootnoteLabelId, prefix)
    .use(rehypeHeadingNumbers);
  return processor.runSync(tree) as HastRoot;
}
