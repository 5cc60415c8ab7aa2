import type { Root } from 'hast';
import mammoth from 'mammoth';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { noteCrossReferences } from './note-cross-references.ts';
import { joinSplitLinks, liftNoteMarks } from './note-marks-in-links.ts';
import type { ImportImage } from './types.ts';

/** Classes the style map gives paragraphs that are dropped: Word's table of contents and title page. */
export const TOC_CLASS = 'import-toc';
export const TITLE_CLASS = 'import-title';

/**
 * How Word's styles become HTML, before mammoth's defaults (headings, lists, notes). Style names
 * match whatever their case ("TOC 1", "toc 1"), and by prefix: Word names its contents styles
 * "toc 1".."toc 9" and "TOC Heading", LibreOffice "Contents 1".."Contents 10" and "Contents Heading".
 */
const STYLE_MAP = [
  `p[style-name^='toc'] => p.${TOC_CLASS}:fresh`,
  `p[style-name^='Contents '] => p.${TOC_CLASS}:fresh`,
  `p[style-name='Title'] => p.${TITLE_CLASS}:fresh`,
  `p[style-name='Subtitle'] => p.${TITLE_CLASS}:fresh`,
  'u => u',
  'strike => s',
];

/** Messages of mammoth that say nothing to the author: styles it maps to plain paragraphs anyway. */
const UNINTERESTING =
  /^(Unrecognised (paragraph|run) style|(Paragraph|Run) style with ID .* was referenced but not defined)/;

export interface DocxHtml {
  tree: Root;
  images: ImportImage[];
  /** mammoth's warnings worth reading, e.g. an image it could not read. */
  notes: string[];
}

/**
 * Converts a .docx to an HTML tree with mammoth; images go into `images/PREFIX-N.EXT` (their
 * description, when Word has one, is the alt text mammoth adds). Tracked changes come out
 * accepted (mammoth reads w:ins and skips w:del), comments are left out; both are listed by
 * docx-review.ts. Cross-references to notes become marks of those notes, and marks inside a
 * link's text follow the link (note-cross-references.ts, note-marks-in-links.ts). Throws when
 * the bytes are not a Word document.
 */
export async function docxToHtml(bytes: Buffer, imagePrefix: string): Promise<DocxHtml> {
  const images: ImportImage[] = [];
  const convertImage = mammoth.images.imgElement(async (image) => {
    const extension = EXTENSIONS[image.contentType] ?? 'bin';
    const path = `images/${imagePrefix}-${images.length + 1}.${extension}`;
    images.push({ path, bytes: new Uint8Array(await image.readAsBuffer()) });
    return { src: path };
  });
  const crossReferenced = await noteCrossReferences(bytes);
  const notes = [...crossReferenced.notes];
  const result = await mammoth.convertToHtml(
    { buffer: crossReferenced.bytes },
    { styleMap: STYLE_MAP, convertImage, transformDocument: liftNoteMarks(notes) },
  );
  notes.push(...result.messages.filter((m) => !UNINTERESTING.test(m.message)).map((m) => m.message));
  const tree = unified().use(rehypeParse, { fragment: true }).parse(result.value);
  joinSplitLinks(tree);
  return { tree, images, notes };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
};
