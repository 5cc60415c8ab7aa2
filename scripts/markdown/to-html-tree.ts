import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { HeadingInfo } from '../model/types.ts';
import { rehypeFootnoteLabelId } from './rehype-footnote-label-id.ts';
import { rehypeHeadingNumbers } from './rehype-heading-numbers.ts';
import { remarkHeadingAnchors } from './remark-heading-anchors.ts';

/**
 * Turns a resolved mdast tree into the HTML tree the renderers read. `idPrefix` keeps footnote
 * ids unique when many chapters share one HTML page.
 */
export function toHtmlTree(tree: MdastRoot, headings: readonly HeadingInfo[], idPrefix: string): HastRoot {
  const prefix = `${idPrefix}--`;
  const processor = unified()
    .use(remarkHeadingAnchors, headings)
    .use(remarkRehype, { clobberPrefix: prefix })
    .use(rehypeFootnoteLabelId, prefix)
    .use(rehypeHeadingNumbers);
  return processor.runSync(tree) as HastRoot;
}
