import { createHash } from 'node:crypto';
import type { Chapter } from '../../core/book.ts';
import type { PagePositions } from '../results.ts';
import { editionName, type Keep } from '../contract.ts';
import { imageSourcesOf } from '../map-elements.ts';
import { documentAbout } from '../rehype-document-links.ts';
import { monthLabels } from '../../core/dates.ts';
import { numberedTitle } from '../../core/numbered-title.ts';
import { frameKey, frameView, linksFrom, trailView, type Site } from './web-view.ts';
import { historyFile, readingOrder, relativeHref, rootOf } from './site-plan.ts';

/** A chapter's own headings make a short contents at its top only when there are more than this many. */
const SHORT_CONTENTS_FROM = 4;

/**
 * What a chapter's page shows: where it sits, what this edition changed in it, its headings, its
 * body with links made relative, the partner PDF's page it starts on, and the chapters either side.
 */
export function chapterPages(site: Site, pages: PagePositions, keep: Keep) {
  const { book } = site;
  const chapters = new Map(book.chapters.map((c) => [c.id, c]));
  const anchors = createHash('sha256')
    .update(JSON.stringify([...site.plan.fileOf]))
    .digest('hex');
  const order = readingOrder(site.plan);
  const pdf = encodeURIComponent(`${editionName(book)}.pdf`);
  const frame = frameKey(site);
  const month = monthLabels(book.meta.language);
  return order.flatMap((page, i) => {
    if (page.kind !== 'chapter') return [];
    const chapter = chapters.get(page.node.id)!;
    const links = linksFrom(site, page.file);
    const step = (other: (typeof order)[number] | undefined) =>
      other && { href: relativeHref(page.file, other.file), number: other.node.number, title: other.node.title };
    const startPage = pages.pageOf.get(chapter.anchor);
    const body = keptBody(site, keep, { file: page.file, chapter, anchors }, () => links.toHtml(chapter.body));
    const own = {
      ...page.node,
      trail: trailView(site, page.file, page.trail),
      headings: shortContents(chapter),
      review: reviewView(chapter, month),
      history: site.histories.has(chapter.id) ? relativeHref(page.file, historyFile(chapter.id)) : undefined,
      startPage,
      startHref: startPage && `${rootOf(page.file)}../${pdf}#page=${startPage}`,
      previous: step(order[i - 1]),
      next: step(order[i + 1]),
    };
    const title = numberedTitle(chapter);
    const view = { ...frameView(site, page.file, title), ...own, html: body.html };
    // What the template makes of the view: the frame's key and the body's stand for them.
    const key = JSON.stringify([frame, page.file, title, own, body.key]);
    return [{ page, view, key }];
  });
}

/**
 * A chapter's body as its page prints it, made again only when what it is made from changed: the
 * chapter's content, where every anchor of the site lives (`anchors`, a hash of the plan), the
 * site file of each image it shows (an image saved anew gets a new file), and the type and size
 * of each document it links to (its links say them).
 */
function keptBody(
  site: Site,
  keep: Keep,
  { file, chapter, anchors }: { file: string; chapter: Chapter; anchors: string },
  make: () => string,
): { html: string; key: string } {
  const content = `${chapter.anchor} ${chapter.bodySha256}`;
  const sources = keep(`images of ${file}`, content, () => imageSourcesOf(chapter.body));
  const images = sources.map((source) => site.images.fileOf(source)).join(' ');
  const documents = site.book.documents
    .filter((document) => document.linkedFrom.includes(chapter.id))
    .map((document) => `${document.path} ${documentAbout(document)}`);
  const key = JSON.stringify([content, anchors, images, documents]);
  return { html: keep(`body of ${file}`, key, make), key };
}

/** Who keeps the chapter current and when it is next reviewed, as its page says it; none when its front matter says neither. */
function reviewView({ review }: Chapter, month: (date: string) => string) {
  if (!review.owner && !review.by) return undefined;
  return { owner: review.owner ?? '', by: review.by ? month(`${review.by}-01`) : '' };
}

function shortContents(chapter: Chapter) {
  const numbered = chapter.headings.filter((h) => h.depth <= 3);
  return numbered.length >= SHORT_CONTENTS_FROM ? numbered.map((h) => ({ ...h, href: `#${h.anchor}` })) : [];
}
