import type { Html } from 'mdast';
import type { Diagnostics } from '../core/diagnostics.ts';
import type { ChapterSource, LocalInformationBlock } from './types.ts';

/** `<!-- after: #assessment -->`, `<!-- before: #assessment -->`, `<!-- end -->`, on lines of their own. */
const MARKER = /^<!--\s*(?:(after|before)\s*:\s*(\S+?)|(end))\s*-->$/;

/**
 * The blocks of a local information file, each opened by a marker line naming where in the base
 * chapter it goes. Text before the first marker has no place: an error at its line.
 */
export function informationBlocks(source: ChapterSource, diagnostics: Diagnostics): LocalInformationBlock[] {
  const markers = source
    .tree()
    .children.filter((node): node is Html => node.type === 'html' && MARKER.test(node.value.trim()));
  const first = source.tree().children[0];
  const hint = 'open each block with a line "<!-- after: #heading -->", "<!-- before: #heading -->" or "<!-- end -->"';
  if (markers.length === 0 || first !== markers[0]) {
    diagnostics.error(
      { file: source.file, line: first?.position?.start.line ?? 1, column: 1 },
      markers.length === 0
        ? 'the local information file has no block marker'
        : 'this text comes before the first block marker, so it has no place in the chapter',
      hint,
      'local-information-marker',
    );
    if (markers.length === 0) return [];
  }
  return markers.map((marker, i) => {
    const [, place, heading, end] = MARKER.exec(marker.value.trim())!;
    const fromLine = marker.position!.start.line;
    const toLine = markers[i + 1]?.position!.start.line;
    const where = { file: source.file, line: fromLine, column: 1 };
    if (end) return { place: 'end', fromLine, toLine, where };
    return { place: place as 'after' | 'before', heading: heading.replace(/^#/, ''), fromLine, toLine, where };
  });
}
