import type { Element, ElementContent } from 'hast';
import type { AmendmentView, Chapter, ChapterChanges, Edition } from '../core/book.ts';
import { changeNote, sectionName } from '../core/numbered-title.ts';
import { element, text } from '../core/hast-build.ts';

/**
 * What opens an updated or new chapter in every output: "Updated in August 2025", the
 * amendment's details and, from the diff, the sections that changed as links. An editorial
 * change lists no sections.
 */
export function changeBanner(
  chapter: Chapter,
  edition: Edition,
  amendment: AmendmentView | undefined,
  changes: ChapterChanges | undefined,
): Element {
  const isNew = chapter.flag === 'New' || (!chapter.flag && changes?.isNew === true);
  const flag = isNew ? 'New' : 'Updated';
  const sections = changes && !changes.editorial ? (changes.sections ?? []) : [];
  const children: ElementContent[] = [
    paragraph('change-summary', [
      element('strong', { className: ['flag', `flag-${flag}`] }, [text(flag)]),
      text(` ${flag} in ${edition.label}${regionalNote(amendment)}.`),
    ]),
    ...detailsOf(amendment),
  ];
  if (sections.length) children.push(paragraph('changed-sections', sectionList(chapter, sections)));
  return element('div', { className: ['change-banner'], role: 'note' }, children);
}

function sectionList(chapter: Chapter, sections: NonNullable<ChapterChanges['sections']>): ElementContent[] {
  const items = sections.flatMap((section, i): ElementContent[] => {
    const name = sectionName(section);
    const href = section.title ? section.href : `#${chapter.anchor}`;
    const label = href && section.change !== 'removed' ? element('a', { href }, [text(name)]) : text(name);
    const note = changeNote(section.change);
    return [...(i ? [text('; ')] : []), label, ...(note ? [text(note)] : [])];
  });
  return [text('Changed: '), ...items];
}

/** The amendment's details, without ids: the appendix prints them too. */
function detailsOf(amendment: AmendmentView | undefined): ElementContent[] {
  if (!amendment?.details) return [];
  const strip = (node: ElementContent): ElementContent =>
    node.type === 'element'
      ? { ...node, properties: { ...node.properties, id: undefined }, children: node.children.map(strip) }
      : node;
  return (amendment.details.children as ElementContent[]).map(strip);
}

/** The base's item names the base edition that made the change: ", a regional update (August 2026)". */
const regionalNote = (amendment: AmendmentView | undefined) =>
  amendment?.regional ? `, a regional update (${amendment.regional.edition.label})` : '';

const paragraph = (className: string, children: ElementContent[]) => element('p', { className: [className] }, children);
