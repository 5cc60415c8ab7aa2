import type {
  ArchivedEdition,
  Book,
  ChapterHistory,
  ChapterState,
  HistoryEdition,
  HistoryEvent,
  ReadHistories,
} from '../../core/book.ts';
import { longDate } from '../../core/dates.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { chapterFile } from '../site-addresses.ts';
import type { Templates } from '../templates.ts';
import { editionFolder } from './archived-banner.ts';
import { compareFile, EDITIONS_CSS, EDITIONS_PAGE, historyFile, relativeHref } from './site-plan.ts';
import { frameView, linksFrom, type Site } from './web-view.ts';

/** A page of the site by its name, made only when it is wanted (the preview asks for one at a time). */
export interface PageMaker {
  name: string;
  make: () => string;
}

/**
 * Each changed chapter's history page, `chapters/<id>.history.html`: every edition that changed
 * it, newest first, what it changed (with its amendment's details), where that edition's page of
 * the chapter is and the comparison of its words with the edition before. A replaced edition's
 * copy gets a page at the same place in its folder that sends the reader on to it, so a copy's
 * "History of this chapter" link leads there too.
 */
export function historyPages(site: Site, { chapters: histories }: ReadHistories, templates: Templates): PageMaker[] {
  const pages: PageMaker[] = [];
  for (const history of histories.values()) {
    const file = historyFile(history.id);
    pages.push({ name: file, make: () => templates.render('history', historyView(site, history, file)) });
  }
  for (const edition of site.book.archive.editions.filter((e) => e.hasWeb && !e.current))
    for (const history of histories.values())
      if (edition.files.some((f) => f.name === `web/${chapterFile(history.id)}`)) {
        const stub = `${editionFolder(edition.id)}/${historyFile(history.id)}`;
        pages.push({ name: stub, make: () => forwardPage(stub, historyFile(history.id), site.book, history) });
      }
  return pages;
}

function historyView(site: Site, history: ChapterHistory, file: string) {
  const { book } = site;
  const links = linksFrom(site, file);
  const title = `History of ${numberedTitle(history.latest)}`;
  const archived = new Map(book.archive.editions.map((e) => [e.id, e]));
  return {
    ...frameView(site, file, title),
    title,
    editionsCss: links.toFile(EDITIONS_CSS),
    chapterHref: history.removed ? undefined : links.toFile(chapterFile(history.id)),
    removed: history.removed,
    events: history.events.map((event) => ({
      id: event.edition.id,
      label: event.edition.label,
      current: event.edition.current,
      from: event.edition.date,
      fromDate: longDate(event.edition.date, book.meta.language),
      lines: changeLines(event),
      detailsHtml: event.amendment?.details ? links.toHtml(event.amendment.details) : '',
      read: event.state && readLink(file, history.id, event.edition, archived.get(event.edition.id)),
      compareHref: hasComparison(event)
        ? links.toFile(compareFile(history.id, event.previous!.id, event.edition.id))
        : undefined,
      previousLabel: event.previous?.label,
    })),
  };
}

const named = (state: ChapterState | undefined) => (state ? numberedTitle(state) : '');

/** What the edition did to the chapter, one sentence each. */
function changeLines(event: HistoryEvent): string[] {
  const { before, state } = event;
  if (event.changes.length === 0) return [`In the manual as ${named(state)}.`];
  return event.changes.map((change) => {
    switch (change) {
      case 'new':
        return `New in this edition, as ${named(state)}.`;
      case 'removed':
        return `Removed in this edition (it was ${named(before)}).`;
      case 'updated':
        return event.words === 'same'
          ? 'Listed as updated; its words did not change.'
          : event.words === 'unknown'
            ? 'Its words could not be compared with the edition before: one of the two archived no EPUB.'
            : 'Its words were updated.';
      case 'retitled':
        return `Retitled: “${before!.title}” became “${state!.title}”.`;
      case 'renumbered':
        return `Renumbered: ${before!.number ?? 'unnumbered'} became ${state!.number ?? 'unnumbered'}.`;
    }
  });
}

/** Where the edition's page of the chapter is: the current site, a replaced edition's copy, or only its files. */
function readLink(file: string, id: string, edition: HistoryEdition, archived: ArchivedEdition | undefined) {
  if (edition.current) return { href: relativeHref(file, chapterFile(id)), text: 'Read it in the current edition' };
  if (archived?.hasWeb)
    return {
      href: relativeHref(file, `${editionFolder(edition.id)}/${chapterFile(id)}`),
      text: `Read it as the ${edition.label} edition printed it`,
    };
  return {
    href: `${relativeHref(file, EDITIONS_PAGE)}#edition-${edition.id}`,
    text: `The ${edition.label} edition's pages are not online: its PDF and EPUB`,
  };
}

/** A page that sends its reader on to `to`, at once, with a link for when it does not. */
function forwardPage(from: string, to: string, book: Book, history: ChapterHistory): string {
  const href = relativeHref(from, to);
  const title = `History of ${numberedTitle(history.latest)}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${book.meta.language}">`,
    `<head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}"><title>${escapeText(title)}</title></head>`,
    `<body><main><p>The history of this chapter is kept with the current edition: <a href="${href}">${escapeText(title)}</a>.</p></main></body>`,
    '</html>',
    '',
  ].join('\n');
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Whether an event's chapter has a page comparing its words with the edition before's. */
export const hasComparison = (event: HistoryEvent) =>
  event.previous !== undefined && event.words === 'changed' && event.changes.includes('updated');
