import type { Root as HastRoot } from 'hast';
import type { Heading, Image, Link, Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkRehype, { defaultHandlers, type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { HeadingInfo } from '../core/book.ts';
import { indexNodes, type ChapterNodes } from '../load/chapter-nodes.ts';
import { someNode } from './for-each-element.ts';
import { rehypeContainImages } from './rehype-contain-images.ts';
import { rehypeFootnoteLabelId } from './rehype-footnote-label-id.ts';
import { rehypeFormFields, rehypeTaskBoxes } from './rehype-form-fields.ts';
import { rehypeIframeLinks } from './rehype-iframe-links.ts';
import { rehypeHeadingNumbers } from './rehype-heading-numbers.ts';
import { rehypeMarkGeneratedIds, rehypeRawIds } from './rehype-raw-ids.ts';
import { rehypeReportUnsafe } from './rehype-report-unsafe.ts';
import { rehypeDocumentMarks, rehypeResolvedRawLinks } from './rehype-resolved-raw-links.ts';
import type { ResolvedLinks } from './resolve-links.ts';
import { mayLoseParts, SAFE_HTML } from './safe-html.ts';

/** rehype-raw re-parses a whole tree through parse5; most chapters have no raw HTML to parse. */
function rehypeRawWhenPresent() {
  const parse = rehypeRaw();
  return (tree: HastRoot, file: VFile): HastRoot =>
    someNode(tree, (node) => node.type === 'raw') ? parse(tree, file) : tree;
}

export interface HtmlTreeOptions {
  /** The tree's headings, numbered, in the order indexNodes finds them. */
  headings: readonly HeadingInfo[];
  /** How checking resolved the tree's links and images. */
  resolved: ResolvedLinks;
  /** Keeps footnote and raw HTML ids unique when many chapters share one HTML page. */
  idPrefix: string;
  /** The manual's folder: images are kept only from inside it, or from inside its base's folder. */
  root: string;
  baseRoot?: string;
}

/** An HTML tree, and what its author should know of what the conversion left out (each message with its place and rule id). */
export interface HtmlConversion {
  tree: HastRoot;
  messages: VFile['messages'];
}

/**
 * Turns an mdast tree, as loading made it, into the HTML tree the renderers read, writing in
 * what numbering and checking found (heading anchors and numbers, resolved links and images)
 * without changing the mdast tree. Raw HTML is parsed and cut down to a safe subset (a message
 * says what goes), its ids are kept apart from every other chapter's, and images are kept only
 * from inside the manual. The one conversion of markdown to HTML: `check` reads its messages,
 * the book model its tree.
 */
export function markdownToHtml(tree: MdastRoot, options: HtmlTreeOptions): HtmlConversion {
  const prefix = `${options.idPrefix}--`;
  const nodes = indexNodes(tree);
  const processor = unified()
    .use(remarkRehype, { clobberPrefix: prefix, allowDangerousHtml: true, handlers: resolvedHandlers(nodes, options) })
    .use(rehypeMarkGeneratedIds)
    .use(rehypeRawWhenPresent)
    .use(nodes.html.length > 0 ? [[rehypeResolvedRawLinks, options.resolved]] : [])
    .use(mayLoseParts(nodes) ? [rehypeReportUnsafe] : [])
    .use(rehypeIframeLinks)
    .use(rehypeFormFields)
    .use(rehypeSanitize, SAFE_HTML)
    .use(rehypeDocumentMarks, options.resolved)
    .use(rehypeTaskBoxes)
    .use(rehypeRawIds, options.idPrefix)
    .use(rehypeContainImages, options.root, options.baseRoot)
    .use(rehypeFootnoteLabelId, prefix)
    .use(rehypeHeadingNumbers);
  const file = new VFile();
  return { tree: processor.runSync(tree, file) as HastRoot, messages: file.messages };
}

/** The HTML tree alone, for markdown that has been checked. */
export function toHtmlTree(tree: MdastRoot, options: HtmlTreeOptions): HastRoot {
  return markdownToHtml(tree, options).tree;
}

/** Handlers that convert each heading, link and image as if it were written as checking resolved it. */
function resolvedHandlers(
  nodes: ChapterNodes,
  { headings, resolved }: HtmlTreeOptions,
): NonNullable<RemarkRehypeOptions['handlers']> {
  if (nodes.headings.length !== headings.length)
    throw new Error('the tree converted to HTML is not the one that was numbered');
  const headingOf = new Map<Heading, HeadingInfo>(nodes.headings.map((node, i) => [node, headings[i]]));
  const written = <T extends Link | Image>(node: T): T => {
    const fix = node.position && resolved.get(node.position.start.offset!);
    if (!fix) return node;
    const children =
      fix.text === undefined || node.type === 'image' ? {} : { children: [{ type: 'text' as const, value: fix.text }] };
    // A document link keeps its file for renderers, which write where they publish it.
    const data =
      fix.document === undefined ? {} : { data: { ...node.data, hProperties: { dataDocument: fix.document } } };
    return { ...node, url: fix.url ?? node.url, ...children, ...data };
  };
  return {
    heading: (state, node: Heading) => {
      const heading = headingOf.get(node)!;
      // The class keeps the chapter's level, which styles need once renderers shift the h-level.
      const depth = heading.depth as Heading['depth'];
      const hProperties = { id: heading.anchor, className: [`level-${depth}`], dataHeadingNumber: heading.number };
      return defaultHandlers.heading(state, { ...node, depth, data: { ...node.data, hProperties } });
    },
    link: (state, node: Link) => {
      const fix = node.position && resolved.get(node.position.start.offset!);
      // A link to a chapter left out keeps its words and loses its address.
      return fix?.plain ? state.all(written(node)) : defaultHandlers.link(state, written(node));
    },
    image: (state, node: Image) => defaultHandlers.image(state, written(node)),
  };
}
