import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';

/** A comment of a Word document, and the text it was attached to. */
export interface DocxComment {
  author: string;
  text: string;
  on: string;
}

/** A tracked change: what mammoth made of it is in `kind` (insertions kept, deletions dropped). */
export interface DocxChange {
  kind: 'insertion' | 'deletion' | 'moved from' | 'moved to';
  author: string;
  text: string;
}

/** What the import reports of a .docx beside converting it: its title, comments and tracked changes. */
export interface DocxReview {
  title?: string;
  comments: DocxComment[];
  changes: DocxChange[];
}

// xmldom's nodes are typed as the DOM's.
type XmlElement = Element;
type XmlNode = Node;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CHANGE_KINDS: Partial<Record<string, DocxChange['kind']>> = {
  ins: 'insertion',
  del: 'deletion',
  moveFrom: 'moved from',
  moveTo: 'moved to',
};

/**
 * Reads the parts of a .docx that mammoth does not carry over, to report them: the core
 * properties' dc:title, the comments (word/comments.xml, with the text of their range in
 * word/document.xml) and the tracked changes. Only reads; the conversion is mammoth's.
 */
export async function reviewDocx(bytes: Buffer): Promise<DocxReview> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const text = await zip.file(name)?.async('string');
    return text === undefined ? undefined : new DOMParser().parseFromString(text, 'text/xml');
  };
  const [core, comments, document] = await Promise.all([
    read('docProps/core.xml'),
    read('word/comments.xml'),
    read('word/document.xml'),
  ]);
  const title = core?.getElementsByTagName('dc:title')[0]?.textContent?.trim() || undefined;
  const ranges = document ? commentRanges(document.documentElement!) : new Map<string, string>();
  const listed = comments
    ? [...elements(comments.documentElement!, 'comment')].map((c) => ({
        author: c.getAttributeNS(W, 'author') || 'unknown',
        text: wordText(c),
        on: (ranges.get(c.getAttributeNS(W, 'id') ?? '') ?? '').trim(),
      }))
    : [];
  return { title, comments: listed, changes: document ? trackedChanges(document.documentElement!) : [] };
}

/** Every descendant element in the w: namespace with this local name, in document order. */
function* elements(node: XmlNode, localName: string): Generator<XmlElement> {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const element = child as XmlElement;
    if (element.namespaceURI === W && element.localName === localName) yield element;
    yield* elements(element, localName);
  }
}

/** The text of a part of the document, deleted text included; paragraphs joined by a space. */
function wordText(node: XmlNode): string {
  const parts: string[] = [];
  const walk = (at: XmlNode) => {
    for (let child = at.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const element = child as XmlElement;
      if (element.namespaceURI === W && (element.localName === 't' || element.localName === 'delText'))
        parts.push(element.textContent ?? '');
      else if (element.namespaceURI === W && element.localName === 'tab') parts.push(' ');
      else walk(element);
      if (element.namespaceURI === W && element.localName === 'p') parts.push(' ');
    }
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The text between each comment's w:commentRangeStart and w:commentRangeEnd, by comment id. */
function commentRanges(body: XmlElement): Map<string, string> {
  const open = new Set<string>();
  const text = new Map<string, string>();
  const walk = (at: XmlNode) => {
    for (let child = at.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const element = child as XmlElement;
      const id = element.getAttributeNS(W, 'id') ?? '';
      if (element.namespaceURI !== W) walk(element);
      else if (element.localName === 'commentRangeStart') open.add(id);
      else if (element.localName === 'commentRangeEnd') open.delete(id);
      else if (element.localName === 't') for (const o of open) text.set(o, (text.get(o) ?? '') + element.textContent);
      else if (element.localName !== 'delText') walk(element);
    }
  };
  walk(body);
  return text;
}

/** Insertions, deletions and moves with text, in document order. */
function trackedChanges(body: XmlElement): DocxChange[] {
  const changes: DocxChange[] = [];
  const walk = (at: XmlNode) => {
    for (let child = at.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      const element = child as XmlElement;
      const kind = element.namespaceURI === W ? CHANGE_KINDS[element.localName] : undefined;
      // A w:ins or w:del in run properties marks a paragraph mark: it has no text of its own.
      const text = kind ? wordText(element) : '';
      if (kind && text !== '') changes.push({ kind, author: element.getAttributeNS(W, 'author') || 'unknown', text });
      else walk(element);
    }
  };
  walk(body);
  return changes;
}
