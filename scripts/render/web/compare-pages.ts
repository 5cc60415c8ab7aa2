import { toHtml } from 'hast-util-to-html';
import type { ChapterHistory, HistoryEdition, HistoryEvent, ReadHistories } from '../../core/book.ts';
import { hunksToHast } from './compare-html.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { chapterFile } from '../site-addresses.ts';
import type { Templates } from '../templates.ts';
import { editionFolder } from './archived-banner.ts';
import { hasComparison, type PageMaker } from './history-pages.ts';
import { compareFile, EDITIONS_CSS, editionsCompareFile, historyFile, relativeHref } from './site-plan.ts';
import { frameView, type Site } from './web-view.ts';

/**
 * The comparison pages: for each change to a chapter's words, `chapters/<id>.compare.<from>.<to>.html`
 * (the edition before and the one that changed it), and for any two editions,
 * `compare/<from>.<to>.html`: the chapters added, removed and changed between them, each change
 * linked to its chapter's comparison.
 */
export function comparePages(site: Site, histories: ReadHistories, templates: Templates): PageMaker[] {
  const { editions } = histories;
  const pages: PageMaker[] = [];
  for (const history of histories.chapters.values())
    for (const event of history.events.filter(hasComparison)) {
      const file = compareFile(history.id, event.previous!.id, event.edition.id);
      const view = () => chapterCompareView(site, histories, history, event, file);
      pages.push({ name: file, make: () => templates.render('compare-chapter', view()) });
    }
  editions.forEach((from, i) =>
    editions.slice(i + 1).forEach((to) => {
      const file = editionsCompareFile(from.id, to.id);
      pages.push({
        name: file,
        make: () => templates.render('compare-editions', editionsCompareView(site, histories, [from, to], file)),
      });
    }),
  );
  return pages;
}

function chapterCompareView(
  site: Site,
  histories: ReadHistories,
  history: ChapterHistory,
  event: HistoryEvent,
  file: string,
) {
  const [from, to] = [event.previous!, event.edition];
  const hunks = histories.hunks(history.id, from.id, to.id)!;
  const title = `${numberedTitle(event.state!)}: the ${from.label} and ${to.label} editions compared`;
  const page = (edition: HistoryEdition) =>
    relativeHref(
      file,
      edition.current ? chapterFile(history.id) : `${editionFolder(edition.id)}/${chapterFile(history.id)}`,
    );
  return {
    ...frameView(site, file, title),
    file,
    title,
    editionsCss: relativeHref(file, EDITIONS_CSS),
    from: { label: from.label, href: page(from), name: numberedTitle(event.before!) },
    to: { label: to.label, href: page(to), name: numberedTitle(event.state!) },
    historyHref: relativeHref(file, historyFile(history.id)),
    html: toHtml(hunksToHast(hunks)),
  };
}

/** The chapters two editions printed differently, each change in between linked to its comparison. */
function editionsCompareView(
  site: Site,
  { chapters: histories, editions }: ReadHistories,
  [from, to]: [HistoryEdition, HistoryEdition],
  file: string,
) {
  const [start, end] = [editions.indexOf(from), editions.indexOf(to)];
  const between = new Set(editions.slice(start + 1, end + 1).map((e) => e.id));
  const title = `The ${from.label} and ${to.label} editions compared`;
  const order = new Map(editions.map((e, i) => [e.id, i]));
  const chapters = [...histories.values()].flatMap((history) => {
    const events = history.events.filter((e) => between.has(e.edition.id) && e.changes.length > 0).reverse();
    if (events.length === 0) return [];
    const present = (at: number) => history.events.find((e) => order.get(e.edition.id)! <= at)?.state !== undefined;
    const last = events.at(-1)!;
    return [
      {
        kind: present(start) ? (present(end) ? 'changed' : 'removed') : present(end) ? 'added' : 'changed',
        name: numberedTitle(last.state ?? last.before!),
        historyHref: relativeHref(file, historyFile(history.id)),
        steps: events.map((event) => ({
          label: event.edition.label,
          changes: event.changes.join(', '),
          compareHref: hasComparison(event)
            ? relativeHref(file, compareFile(history.id, event.previous!.id, event.edition.id))
            : undefined,
        })),
      },
    ];
  });
  const kind = (name: string) => chapters.filter((c) => c.kind === name);
  return {
    ...frameView(site, file, title),
    title,
    editionsCss: relativeHref(file, EDITIONS_CSS),
    from: from.label,
    to: to.label,
    groups: [
      { title: 'Chapters added', chapters: kind('added') },
      { title: 'Chapters removed', chapters: kind('removed') },
      { title: 'Chapters changed', chapters: kind('changed') },
    ].filter((g) => g.chapters.length > 0),
  };
}
