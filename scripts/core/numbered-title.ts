/** "6.1.3 Care Planning", or just the title of an entry without a number: how every output names an entry. */
export function numberedTitle(entry: { number?: string; title: string }): string {
  return entry.number ? `${entry.number} ${entry.title}` : entry.title;
}

/** How a changed section is named in banners, the appendix and `manual diff`: "1.2 Assessment", or the chapter's opening. */
export function sectionName(section: { number?: string; title?: string }): string {
  return section.title ? numberedTitle({ number: section.number, title: section.title }) : 'the opening paragraphs';
}

/** What became of a changed section, after its name: " (new)", " (removed)", or nothing. */
export const changeNote = (change: 'changed' | 'added' | 'removed') =>
  change === 'added' ? ' (new)' : change === 'removed' ? ' (removed)' : '';
