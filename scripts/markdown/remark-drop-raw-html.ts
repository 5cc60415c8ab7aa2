import type { Html, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { Diagnostics, Where } from '../diagnostics.ts';

/**
 * Raw HTML pasted into a chapter is left out of every edition until a sanitizer decides what is
 * safe to keep; the author is told, so nothing disappears silently.
 */
export function remarkDropRawHtml(diagnostics: Diagnostics, locate: (node: Html) => Where) {
  return (tree: Root): void => {
    visit(tree, 'html', (node, index, parent) => {
      if (node.value.trim().startsWith('<!--')) return;
      diagnostics.warning(locate(node), `raw HTML (${node.value.trim().slice(0, 40)}) is left out of the editions`, 'write it in markdown: tables, lists, emphasis and links all have a markdown form');
      if (parent && index !== undefined) parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
