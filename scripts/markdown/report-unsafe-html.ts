import type { Diagnostics, Where } from '../core/diagnostics.ts';
import type { ChapterNodes } from '../load/chapter-nodes.ts';
import type { HtmlConversion } from './to-html-tree.ts';

/** Warns of each image in raw HTML: only markdown images are carried into the editions. */
export function reportRawImages(
  nodes: ChapterNodes,
  diagnostics: Diagnostics,
  locate: (place: { line?: number; column?: number }) => Where,
): void {
  for (const node of nodes.html) {
    if (node.value.trim().startsWith('<!--') || !/<img\b/i.test(node.value)) continue;
    const at = node.position?.start;
    diagnostics.warning(
      locate({ line: at?.line, column: at?.column }),
      'an image in raw HTML shows only its text alternative in the editions',
      'write the image in markdown: ![what it shows](path/to/image.png)',
    );
  }
}

/** The conversion's messages (what the editions leave out of raw HTML) as warnings, each at its place in the source. */
export function reportConversion(
  conversion: HtmlConversion,
  diagnostics: Diagnostics,
  locate: (place: { line?: number; column?: number }) => Where,
): void {
  for (const message of conversion.messages) {
    diagnostics.warning(
      locate({ line: message.line, column: message.column }),
      message.reason,
      message.note,
      message.ruleId,
    );
  }
}
