import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { forEachElement } from './for-each-element.ts';
import { unsafeParts } from './safe-html.ts';

const SAFE_SUBSET =
  'raw HTML keeps tables, lists, line breaks, sup and sub, details and summary, definition lists and emphasis; links must be web, mailto or relative addresses';

/**
 * Tells the author what the editions leave out of raw HTML pasted from Word or a web page: runs
 * once raw HTML is parsed into the tree, before the parts are replaced or removed, and leaves a
 * message on the file for each, at its place in the source.
 */
export function rehypeReportUnsafe() {
  return (tree: Root, file: VFile): void => {
    forEachElement(tree, (node) => {
      if (node.tagName !== 'iframe') return;
      const message = file.message(
        `an <iframe> is shown as a link to ${String(node.properties.src ?? 'its address')}`,
        { place: node.position, ruleId: 'iframe-as-link', source: 'manual' },
      );
      message.note = 'editions cannot embed pages; link to it in markdown: [title](https://...)';
    });
    for (const part of unsafeParts(tree)) {
      if (part.what === '<iframe>') continue;
      const message = file.message(`${part.what} is removed from the editions`, {
        place: part.node.position,
        ruleId: 'unsafe-html',
        source: 'manual',
      });
      message.note = part.hint ?? SAFE_SUBSET;
    }
  };
}
