import {
  attributeList,
  calloutClass,
  calloutOpening,
  calloutTitle,
  commentOpening,
  githubAlert,
  isErbBlockLine,
  isMdxStatement,
  isSilentLine,
  isTocMarker,
  isUnmatchedFence,
  tabTitle,
} from './generator-blocks.ts';
import { inlineEdits, type PageData, type TemplateLanguage } from './generator-inline.ts';
import { SourceEdits } from './source-edits.ts';

/** Template syntax a chapter holds that the editions cannot show: where it is, what it is, and what they show instead. */
export interface TemplateSyntax {
  line: number;
  column: number;
  language: TemplateLanguage;
  /** As written, cut to a length a message can quote. */
  written: string;
  /** What the editions show of it: nothing, or the content it wraps. */
  shows: 'nothing' | 'its content';
}

/** An open callout: what closes it, and the indentation of the outermost one, which its lines keep. */
interface Open {
  closes: (line: string) => boolean;
  /** Closed by the first blank line (a kramdown attribute list styles one block). */
  block: boolean;
  indent: string;
}

const FENCE = /^\s*(?:>\s*)*(`{3,}|~{3,})/;

/**
 * Rewrites what site generators add to markdown into plain markdown before it is parsed, so
 * that every later stage sees one syntax: callouts in every spelling become block quotes titled
 * in bold (as MkDocs admonitions do), tabs become titled parts, and template syntax is written
 * as what it meant, or taken out and listed. Code (fences, code spans) and front matter are left
 * as written. `edits` maps the new text back to the source, so problems keep their places.
 */
export function rewriteGeneratorSyntax(source: string): { edits: SourceEdits; found: TemplateSyntax[] } {
  const rewriter = new Rewriter(source);
  if (/[{:<[]/.test(source)) rewriter.run();
  return { edits: rewriter.edits, found: rewriter.found };
}

class Rewriter {
  readonly edits: SourceEdits;
  readonly found: TemplateSyntax[] = [];
  private readonly lines: string[];
  private readonly page: PageData & { frontMatterEnd?: number };
  private readonly open: Open[] = [];
  private fence: string | undefined;
  private comment: RegExp | undefined;
  /** Where the line being read starts and ends in the source. */
  private start = 0;
  private end = 0;

  constructor(private readonly source: string) {
    this.edits = new SourceEdits(source);
    this.lines = source.split('\n');
    this.page = pageData(this.lines);
  }

  run(): void {
    let offset = 0;
    const frontMatterEnd = this.page.frontMatterEnd ?? -1;
    this.lines.forEach((line, i) => {
      [this.start, this.end] = [offset, offset + line.length];
      offset = this.end + 1;
      if (i > frontMatterEnd) this.line(line, this.lines[i + 1]);
    });
  }

  /** The quote markers of the open callouts. */
  private get prefix(): string {
    return this.open.length ? `${this.open[0].indent}${'> '.repeat(this.open.length)}` : '';
  }

  private write(text: string): void {
    this.edits.replace(this.start, this.end, text);
  }

  /** The line dropped, as a blank line of the callouts it is in. */
  private drop(): void {
    this.write(this.prefix.trimEnd());
  }

  /** A paragraph of its own in bold, a title: `**Note**` then a blank line. */
  private title(text: string, prefix = this.prefix): void {
    this.write(`${prefix}**${escape(text)}**\n${prefix.trimEnd()}`);
  }

  private line(line: string, next: string | undefined): void {
    if (this.open[0]?.block && line.trim() === '') this.open.shift();
    if (this.inCode(line)) return void this.quote(line);
    if (this.comment) {
      if (this.comment.test(line)) this.comment = undefined;
      return this.drop();
    }
    if (this.closesCallout(line) || this.opensCallout(line)) return;
    const alert = githubAlert(line);
    if (alert) return this.title(alert.title, alert.markers);
    const tab = tabTitle(line);
    if (tab !== undefined) return tab ? this.title(tab) : this.drop();
    this.comment = commentOpening(line);
    if (this.comment || isSilentLine(line) || isTocMarker(line, next)) return this.drop();
    if (this.attributes(line, next) || this.statement(line)) return;
    this.inline(line);
  }

  /** Whether a line is in a code fence (or opens or closes one): code is written as it is. */
  private inCode(line: string): boolean {
    const mark = FENCE.exec(line)?.[1];
    if (this.fence === undefined && !mark) return false;
    if (this.fence === undefined) this.fence = mark;
    else if (mark?.[0] === this.fence[0] && mark.length >= this.fence.length) this.fence = undefined;
    return true;
  }

  private closesCallout(line: string): boolean {
    const closing = this.open.findIndex((o) => !o.block && o.closes(line));
    if (closing === -1) {
      if (!isUnmatchedFence(line)) return false;
      this.report(this.start, line.trim(), 'mdx', 'nothing');
    } else this.open.splice(0, closing + 1);
    this.drop();
    return true;
  }

  private opensCallout(line: string): boolean {
    const opening = calloutOpening(line);
    if (!opening) return false;
    const indent = /^\s*/.exec(line)![0];
    if (opening.text !== undefined) {
      const marks = `${this.prefix || indent}> `;
      this.write(
        `${marks}**${escape(opening.title)}**\n${marks.trimEnd()}\n${marks}${opening.text}\n${this.prefix.trimEnd()}`,
      );
    } else {
      this.open.unshift({ closes: opening.closes, block: false, indent: this.open[0]?.indent ?? indent });
      this.title(opening.title);
    }
    return true;
  }

  /** A kramdown attribute list on its own line: a callout class opens a callout of the next block, an id stays an anchor. */
  private attributes(line: string, next: string | undefined): boolean {
    const attributes = attributeList(line);
    if (!attributes) return false;
    const callout = calloutClass(attributes.classes);
    if (callout && (next ?? '').trim() !== '') {
      this.open.unshift({ closes: () => false, block: true, indent: '' });
      this.title(calloutTitle(callout));
    } else if (attributes.id) this.write(`${this.prefix}<a id="${attributes.id}"></a>`);
    else this.drop();
    return true;
  }

  /** An MDX import or export, or an ERB block's own line: taken out, and named. */
  private statement(line: string): boolean {
    const language = isMdxStatement(line) ? 'mdx' : isErbBlockLine(line) ? 'erb' : undefined;
    if (!language) return false;
    if (!/^<%-?\s*end\s*-?%>$/.test(line.trim()))
      this.report(this.start, line, language, language === 'erb' ? 'its content' : 'nothing');
    this.drop();
    return true;
  }

  private inline(line: string): void {
    const cut = this.quote(line);
    for (const edit of inlineEdits(line.slice(cut), this.page)) {
      const at = this.start + cut + edit.from;
      this.edits.replace(at, this.start + cut + edit.to, edit.text);
      if (edit.unsupported) {
        const { written, language } = edit.unsupported;
        this.report(at, written, language, shownOf(this.source, written));
      }
    }
  }

  /** Writes a line inside callouts with their quote markers, less the outermost one's indentation; returns where its own text starts. */
  private quote(line: string): number {
    const prefix = this.prefix;
    if (!prefix) return 0;
    const indent = this.open[0].indent;
    const cut = line.startsWith(indent) ? indent.length : 0;
    this.edits.replace(this.start, this.start + cut, line.trim() === '' ? prefix.trimEnd() : prefix);
    return cut;
  }

  private report(offset: number, written: string, language: TemplateLanguage, shows: TemplateSyntax['shows']): void {
    const before = this.source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const text = written.trim();
    this.found.push({ line, column, language, written: text.length > 60 ? `${text.slice(0, 57)}...` : text, shows });
  }
}

/** The page's title from its front matter, which `{{ page.title }}` prints, and the front matter's last line. */
function pageData(lines: string[]): PageData & { frontMatterEnd?: number } {
  if (lines[0] !== '---') return {};
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  const title = lines.slice(1, end === -1 ? 0 : end).find((line) => /^title\s*:/.test(line));
  const value = title
    ?.replace(/^title\s*:\s*/, '')
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2');
  return { ...(value ? { title: value } : {}), frontMatterEnd: end === -1 ? undefined : end };
}

/** What the editions show of a piece of template syntax taken out: what it wraps, where it wraps something. */
function shownOf(source: string, written: string): TemplateSyntax['shows'] {
  const liquid = /^\{%-?\s*([\w-]+)/.exec(written)?.[1];
  if (liquid) return new RegExp(`\\{%-?\\s*end${liquid}\\b`).test(source) ? 'its content' : 'nothing';
  const name = /^(?:\{\{[<%]\s*|<)([\w.-]+)/.exec(written)?.[1];
  if (!name || written.endsWith('/>') || written.startsWith('<%')) return 'nothing';
  const closer = written.startsWith('<') ? `</${name}` : `/${name}`;
  return source.includes(closer) ? 'its content' : 'nothing';
}

const escape = (text: string) => text.replace(/[\\`*_[\]<>#]/g, '\\$&');
