import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';

// xmldom's nodes are typed as the DOM's.
type XmlElement = Element;
type XmlNode = Node;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const DOCUMENT = 'word/document.xml';
const NOTEREF = /^\s*NOTEREF\s+("?)([^\s"\\]+)\1/i;
const NOTE_MARKS = new Set(['footnoteReference', 'endnoteReference']);

/** A .docx whose cross-references to notes are note marks, and what the report says of those it could not follow. */
export interface CrossReferenced {
  bytes: Buffer;
  notes: string[];
}

/** A field in word/document.xml: where it starts and ends, its instruction and its shown text. */
interface Field {
  begin: XmlElement;
  end?: XmlElement;
  instruction: string;
  shown: string;
  separated: boolean;
}

/**
 * Word refers to a note from a second place with a NOTEREF field (Insert > Cross-reference >
 * Footnote number) on a bookmark around the note's mark; mammoth writes only the field's last
 * shown text, a bare number that the manual's per-chapter numbering would make wrong. Each such
 * field becomes a second mark of the same note (w:footnoteReference or w:endnoteReference with
 * its id), which mammoth and the import then treat as any mark. A NOTEREF whose bookmark holds no
 * note mark keeps its text and is reported. The bytes come back unchanged when there is no NOTEREF.
 */
export async function noteCrossReferences(bytes: Buffer): Promise<CrossReferenced> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(DOCUMENT)?.async('string');
  if (xml === undefined || !/\bNOTEREF\b/i.test(xml)) return { bytes, notes: [] };
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const root = document.documentElement!;
  const marks = bookmarkedMarks(root);
  const notes: string[] = [];
  for (const field of noteFields(root)) {
    const bookmark = NOTEREF.exec(field.instruction)![2];
    const mark = marks.get(bookmark);
    if (mark && replaceField(field, mark)) continue;
    notes.push(
      `a cross-reference to a note (NOTEREF ${bookmark}) was kept as its text "${field.shown.trim()}": its bookmark holds no note mark`,
    );
  }
  zip.file(DOCUMENT, new XMLSerializer().serializeToString(document));
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), notes };
}

function isW(node: XmlNode, localName: string): boolean {
  return node.nodeType === 1 && (node as XmlElement).namespaceURI === W && (node as XmlElement).localName === localName;
}

/** Every element below `node`, in document order. */
function* descendants(node: XmlNode): Generator<XmlElement> {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    yield child as XmlElement;
    yield* descendants(child);
  }
}

/** The first note mark inside each bookmark, by the bookmark's name. */
function bookmarkedMarks(root: XmlElement): Map<string, XmlElement> {
  const open = new Map<string, string>();
  const marks = new Map<string, XmlElement>();
  for (const element of descendants(root)) {
    if (element.namespaceURI !== W) continue;
    const id = element.getAttributeNS(W, 'id') ?? '';
    if (element.localName === 'bookmarkStart') open.set(id, element.getAttributeNS(W, 'name') ?? '');
    else if (element.localName === 'bookmarkEnd') open.delete(id);
    else if (NOTE_MARKS.has(element.localName))
      for (const name of open.values()) if (!marks.has(name)) marks.set(name, element);
  }
  return marks;
}

/** The NOTEREF fields of the document: complex ones (w:fldChar) and simple ones (w:fldSimple). */
function noteFields(root: XmlElement): Field[] {
  const fields: Field[] = [];
  const open: Field[] = [];
  for (const element of descendants(root)) {
    const top = open.at(-1);
    if (isW(element, 'fldSimple')) {
      const instruction = element.getAttributeNS(W, 'instr') ?? '';
      fields.push({ begin: element, end: element, instruction, shown: element.textContent ?? '', separated: true });
    } else if (isW(element, 'fldChar')) {
      const type = element.getAttributeNS(W, 'fldCharType');
      if (type === 'begin') open.push({ begin: element, instruction: '', shown: '', separated: false });
      else if (type === 'separate' && top) top.separated = true;
      else if (type === 'end' && top) fields.push({ ...open.pop()!, end: element });
    } else if (isW(element, 'instrText') && top) top.instruction += element.textContent ?? '';
    else if (isW(element, 't') && top?.separated) top.shown += element.textContent ?? '';
  }
  return fields.filter((field) => NOTEREF.test(field.instruction));
}

/** Puts a run holding a copy of `mark` in place of the field's runs; false when they do not share a parent. */
function replaceField(field: Field, mark: XmlElement): boolean {
  const first = field.begin.localName === 'fldSimple' ? field.begin : runOf(field.begin);
  const last = field.end!.localName === 'fldSimple' ? field.end! : runOf(field.end!);
  const parent = first?.parentNode;
  if (!first || !last || !parent || last.parentNode !== parent) return false;
  const document = first.ownerDocument!;
  const run = document.createElementNS(W, 'w:r');
  const markRun = mark.parentNode as XmlElement;
  const properties = [...childElements(markRun)].find((c) => isW(c, 'rPr'));
  if (properties) run.appendChild(properties.cloneNode(true));
  run.appendChild(mark.cloneNode(false));
  parent.insertBefore(run, first);
  for (let node: XmlNode | null = first; node;) {
    const next: XmlNode | null = node === last ? null : node.nextSibling;
    parent.removeChild(node);
    node = next;
  }
  return true;
}

function runOf(element: XmlElement): XmlElement | undefined {
  const parent = element.parentNode;
  return parent && isW(parent, 'r') ? (parent as XmlElement) : undefined;
}

function* childElements(node: XmlNode): Generator<XmlElement> {
  for (let child = node.firstChild; child; child = child.nextSibling)
    if (child.nodeType === 1) yield child as XmlElement;
}
