import { normalText, type ItemKind } from './inventory.ts';

/** What an HTML output shows of one chapter: the keys of its images, links, tables and code blocks, and its text outside code. */
export interface FoundInHtml {
  keys: Map<ItemKind, string[]>;
  /** Text outside code, scripts and styles, where generator syntax is looked for. */
  prose: string[];
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'template']);

/**
 * Reads a page of an HTML output (the HTML edition, a web page, an EPUB document) as the
 * renderers wrote it: a chapter's part starts at the element whose id is the chapter's anchor
 * and ends at the next anchor of the book's parts (`boundaries`: chapter anchors to their index,
 * those of sections and generated parts to -1). A scan of tags, not a parse: the outputs are
 * well-formed, and a large edition is read in a fraction of what parsing it would take.
 */
export function readHtml(html: string, boundaries: ReadonlyMap<string, number>, into: Map<number, FoundInHtml>): void {
  let chapter = -1;
  let raw = 0;
  let pre = 0;
  let code = 0;
  const open: { kind: ItemKind | 'row'; text: string[]; tag: string }[] = [];
  /** For each table open, whether its first row, which is its key, has been read. */
  const tables: boolean[] = [];
  /** For each span open, what it is: a document named without a link stands for the link, and a document's type and size are no part of a link's text. */
  const spans: ('name' | 'about' | 'other')[] = [];
  let about = 0;
  let last = 0;
  const found = () => {
    let entry = into.get(chapter);
    if (!entry) into.set(chapter, (entry = { keys: new Map(), prose: [] }));
    return entry;
  };
  const add = (kind: ItemKind, key: string) => {
    if (chapter < 0) return;
    const keys = found().keys;
    if (!keys.has(kind)) keys.set(kind, []);
    keys.get(kind)!.push(normalText(key));
  };
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    const text = decodeEntities(html.slice(last, match.index));
    last = TOKEN.lastIndex;
    if (raw === 0 && text) {
      if (about === 0) for (const capture of open) capture.text.push(text);
      if (chapter >= 0 && pre === 0 && code === 0) found().prose.push(text);
    }
    const [, closing, name, attributes] = match;
    if (!name) continue;
    const tag = name.toLowerCase();
    if (RAW_TEXT.has(tag)) raw += closing ? -1 : 1;
    if (raw > 0 && !(RAW_TEXT.has(tag) && !closing)) continue;
    if (closing && tag === 'span') {
      const span = spans.pop();
      if (span === 'about') about--;
      if (span !== 'name') continue;
    }
    if (closing) {
      if (tag === 'table') tables.pop();
      if (tag === 'pre') pre--;
      if (tag === 'code') code--;
      const index = open.findLastIndex((capture) => capture.tag === tag);
      if (index >= 0) {
        const [capture] = open.splice(index, 1);
        if (capture.kind === 'row') add('table', capture.text.join(''));
        else add(capture.kind, capture.text.join(''));
      }
      continue;
    }
    const values = attributesOf(attributes);
    const id = values.get('id');
    if (id !== undefined && boundaries.has(id)) chapter = boundaries.get(id)!;
    const selfClosing = /\/\s*$/.test(attributes);
    if (tag === 'span' && !selfClosing) {
      const classes = (values.get('class') ?? '').split(/\s+/);
      const span = classes.includes('document-name') ? 'name' : classes.includes('document-about') ? 'about' : 'other';
      spans.push(span);
      if (span === 'about') about++;
      if (span === 'name') open.push({ kind: 'link', text: [], tag });
    } else if (tag === 'img') add('image', values.get('alt') ?? '');
    else if (tag === 'a' && values.has('href') && !selfClosing) open.push({ kind: 'link', text: [], tag });
    else if (tag === 'pre') {
      pre++;
      open.push({ kind: 'code', text: [], tag });
    } else if (tag === 'code' && !selfClosing) code++;
    else if (tag === 'table') tables.push(false);
    else if (tag === 'tr' && tables.length > 0 && !tables[tables.length - 1]) {
      tables[tables.length - 1] = true;
      open.push({ kind: 'row', text: [], tag });
    }
  }
}

function attributesOf(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE))
    values.set(match[1].toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  return values;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as the renderers write them: numeric ones and the few named ones serializers use. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}
