import { DOCUMENTS_PAGE, HOME } from './site-plan.ts';
import { publishedPage, type Site } from './web-view.ts';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * `sitemap.xml`, for a site whose address the contents gives (`site-url`): every page at its
 * published address, the home page first. Documents are left out (the documents page lists and
 * links each), and so are the pages kept at a removed chapter's address, which only say it went.
 */
export function sitemap(site: Site, siteUrl: string): string {
  const pages = [
    HOME,
    ...site.plan.pages.flatMap((page) => (page.kind === 'removed' ? [] : [page.file])),
    ...(site.book.documents.length > 0 ? [DOCUMENTS_PAGE] : []),
  ];
  const urls = pages.map((file) => `<url><loc>${escapeXml(publishedPage(siteUrl, file))}</loc></url>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}
