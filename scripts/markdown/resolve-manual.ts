import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { indexNodes } from '../load/chapter-nodes.ts';
import type { AmendmentItem, LocalInformation, ManualSource } from '../load/types.ts';
import { regionalUpdates } from '../load/regional-updates.ts';
import type { NumberedManual } from '../number/number-manual.ts';
import { reportConversion, reportTemplateSyntax } from './report-unsafe-html.ts';
import { withoutChapterEnding } from '../core/chapter-files.ts';
import { resolveLinks, type LinkTarget, type ResolvedLinks } from './resolve-links.ts';
import type { ReadDocument } from './check-document.ts';
import { checkAmendmentDocuments, checkRemovedDocumentTitles } from './amendment-documents.ts';
import { LinkedDocuments, type LinkedDocument } from './linked-documents.ts';
import { resolveInformation } from './local-information.ts';
import { listedDocuments, warnNoSiteUrl, warnUnlinkedDocuments } from './manual-documents.ts';
import { SiteAddresses } from './site-addresses.ts';
import { rawIds, rawReferences } from './raw-html.ts';
import { mayLoseParts } from './safe-html.ts';
import { markdownToHtml } from './to-html-tree.ts';

/**
 * What checking resolved: how the links and images of every chapter (by id) and of every
 * amendment's details are written, and the HTML trees it already made of those whose raw HTML
 * it had to convert to say what the editions leave out.
 */
export interface ResolvedManual {
  chapters: Map<string, ResolvedLinks>;
  /** The documents the contents, chapters and amendments link to, in the order first linked. */
  documents: LinkedDocument[];
  /** Their titles: the contents entry's, else the first link's text, else the file name. */
  documentTitles: ReadonlyMap<string, string>;
  amendments: Map<AmendmentItem, ResolvedLinks>;
  /** How each local information file's links and images are written (a manual on a base). */
  information: Map<LocalInformation, ResolvedLinks>;
  converted: { chapters: Map<string, HastRoot>; amendments: Map<AmendmentItem, HastRoot> };
}

type Locate = (place: { line?: number; column?: number }) => Where;

/**
 * Checks the links and images of every chapter and of every amendment's details against the
 * numbered contents, and what their raw HTML loses. Amendment details are written in
 * amendments.yml, so their links are relative to chapters/ and their problems are reported at
 * the amendment.
 */
export function resolveManual(
  source: ManualSource,
  numbered: NumberedManual,
  diagnostics: Diagnostics,
  readDocument?: ReadDocument,
): ResolvedManual {
  const targets = linkTargets(source, numbered);
  const addresses = new SiteAddresses(source.manifest.site, source.chapters.values());
  const documents = new LinkedDocuments(source.root, source.manifest.meta.largestDocument, diagnostics, readDocument);
  listedDocuments(source, documents, diagnostics);
  const resolved: ResolvedManual = {
    chapters: new Map(),
    documents: [],
    documentTitles: new Map(),
    amendments: new Map(),
    information: new Map(),
    converted: { chapters: new Map(), amendments: new Map() },
  };
  const base = source.base && {
    root: source.base.root,
    prefix: source.base.prefix,
    leftOut: source.base.leftOutChapters,
  };
  for (const chapter of source.chapters.values()) {
    const locate: Locate = ({ line, column }) => ({ file: chapter.file, line, column });
    reportTemplateSyntax(chapter.nodes, diagnostics, locate);
    const options = {
      root: source.root,
      base,
      baseDir: path.posix.dirname(chapter.file),
      pageDir: pageDir(chapter.file),
      targets,
      self: targets.get(chapter.id),
      selfId: chapter.id,
      addresses,
      documents,
      diagnostics,
      locate: locateNode(locate),
    };
    const links = resolveLinks([...chapter.nodes.references, ...rawReferences(chapter.nodes.html)], options);
    resolved.chapters.set(chapter.id, links);
    if (!mayLoseParts(chapter.nodes)) continue;
    const conversion = markdownToHtml(chapter.tree(), {
      headings: numbered.headings.get(chapter.id) ?? [],
      resolved: links,
      idPrefix: targets.get(chapter.id)!.anchor,
      root: source.root,
      baseRoot: source.base?.root,
    });
    reportConversion(conversion, diagnostics, locate);
    resolved.converted.chapters.set(chapter.id, conversion.tree);
  }
  for (const information of source.base?.information ?? []) {
    const shared = { root: source.root, base, targets, addresses, documents, diagnostics };
    const headings = numbered.headings.get(information.chapter) ?? [];
    const baseFile = source.chapters.get(information.chapter)?.file;
    resolved.information.set(information, resolveInformation(information, headings, shared, baseFile));
  }
  const details = (item: AmendmentItem, idPrefix: string, baseDir: string, inBase?: typeof base) => {
    if (!item.details) return;
    const locate: Locate = () => item.where;
    const nodes = indexNodes(item.details);
    reportTemplateSyntax(nodes, diagnostics, locate);
    const links = resolveLinks([...nodes.references, ...rawReferences(nodes.html)], {
      root: source.root,
      base: inBase,
      baseDir,
      targets,
      addresses,
      documents,
      diagnostics,
      locate: locateNode(locate),
    });
    resolved.amendments.set(item, links);
    if (!mayLoseParts(nodes)) return;
    const conversion = markdownToHtml(item.details, {
      headings: [],
      resolved: links,
      idPrefix,
      root: source.root,
      baseRoot: inBase?.root,
    });
    reportConversion(conversion, diagnostics, locate);
    resolved.converted.amendments.set(item, conversion.tree);
  };
  for (const edition of source.editions) {
    for (const item of [...edition.updated, ...edition.new, ...edition.removed])
      details(item, amendmentPrefix(edition.id), 'chapters');
    // The base's items are written in its amendments.yml: their links are relative to its chapters/.
    for (const update of regionalUpdates(source, edition.id))
      details(update.item, regionalPrefix(update.edition.id), path.posix.join(base!.prefix, 'chapters'), base);
  }
  warnUnlinkedDocuments(source, documents, diagnostics);
  checkAmendmentDocuments(source.editions[0], documents, source.root, diagnostics);
  checkRemovedDocumentTitles(source, documents, diagnostics);
  resolved.documents = documents.all();
  warnNoSiteUrl(source, resolved.documents.length, diagnostics);
  resolved.documentTitles = new Map(
    resolved.documents.map((d) => [
      d.file,
      documents.titled(d.file) ?? asTitle(d.linkText) ?? documents.titleOf(d.file),
    ]),
  );
  return resolved;
}

/** A link's text as a title: "duty rota" in "the [duty rota](rota.xlsx) says" lists as "Duty rota". */
const asTitle = (text: string | undefined) => text && text.charAt(0).toUpperCase() + text.slice(1);

/** Ids in an amendment's details are kept apart from the chapters' and from other editions'. */
export const amendmentPrefix = (edition: string) => `amendment-${edition}`;

/** Ids in the details of the base's items, apart from the local editions' own. */
export const regionalPrefix = (baseEdition: string) => `amendment-base-${baseEdition}`;

const locateNode = (locate: Locate) => (node: { position?: { start: { line: number; column: number } } }) =>
  locate({ line: node.position?.start.line, column: node.position?.start.column });

function linkTargets(source: ManualSource, numbered: NumberedManual): Map<string, LinkTarget> {
  const targets = new Map<string, LinkTarget>();
  for (const node of numbered.contents.chapters.values()) {
    let ids: Set<string> | undefined;
    const html = source.chapters.get(node.id)?.nodes.html ?? [];
    targets.set(node.id, {
      number: node.number,
      title: node.title,
      anchor: node.anchor,
      file: source.chapters.get(node.id)?.file,
      substituted: node.origin === 'substituted',
      headings: numbered.headings.get(node.id) ?? [],
      // Read only when a link names an id that is no heading's.
      rawIds: () => (ids ??= rawIds(html)),
    });
  }
  return targets;
}

/** The folder a chapter is published as by a static site generator: `care/x.md` as `care/x/`, an index as its folder. */
function pageDir(file: string): string {
  return /\/(index|README|_index)\.[^/]+$/i.test(file) ? path.posix.dirname(file) : withoutChapterEnding(file);
}
