/**
 * Template syntax inside a line of markdown: what a site generator filled in when it published
 * the page. What has a meaning here is written as that meaning (a link's target, an image, a
 * link for an embedded video); comments go; anything else is taken out and named, since the
 * editions cannot run it.
 */

export type TemplateLanguage = 'liquid' | 'erb' | 'mdx' | 'hugo';

/** A piece of a line to write otherwise: `[from, to)` of the line, and what to write instead. */
export interface InlineEdit {
  from: number;
  to: number;
  text: string;
  /** Set when the piece is template syntax the editions cannot show: it is reported. */
  unsupported?: { language: TemplateLanguage; written: string };
}

/** What a line's template syntax may print: the page's title, from its front matter. */
export interface PageData {
  title?: string;
}

type Written = Omit<InlineEdit, 'from' | 'to'>;
type Rule = { pattern: RegExp; write: (match: RegExpExecArray, line: string, page: PageData) => Written };

/** Hugo's `ref` and `relref` name a page as Hugo finds it (see link-chapters.ts), which a link says by this prefix. */
export const SITE_REF = 'site-ref:';

const keep = (text: string) => () => ({ text });
const unsupported = (language: TemplateLanguage) => (match: RegExpExecArray) => ({
  text: '',
  unsupported: { language, written: match[0] },
});
const attribute = (args: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(args)
    ?.slice(1)
    .find((v) => v !== undefined);

/** In order of precedence: at one place the first rule that matches is used. */
const RULES: Rule[] = [
  {
    pattern: /\{\{-?\s*page\.title\s*-?\}\}|<%=\s*current_page\.data\.title\s*%>/g,
    write: (m, _line, page) =>
      page.title ? { text: page.title } : unsupported(m[0].startsWith('<') ? 'erb' : 'liquid')(m),
  },
  // Liquid's base address before a path: the path is from the site's root, as links read it.
  {
    pattern: /\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}(?:\{\{-?\s*site\.baseurl\s*-?\}\})?/g,
    write: (m, line) => (line[m.index + m[0].length] === '/' ? { text: '' } : unsupported('liquid')(m)),
  },
  {
    pattern: /\{\{-?\s*(["'])([^"']*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}/g,
    write: (m) => ({ text: m[2] }),
  },
  { pattern: /\{%-?\s*link\s+([^\s%]+)\s*-?%\}/g, write: (m) => ({ text: `/${m[1].replace(/^\/+/, '')}` }) },
  {
    pattern: /\{\{[<%]\s*(?:ref|relref)\s+(?:"([^"]+)"|'([^']+)'|([^\s>%]+))\s*[>%]\}\}/g,
    write: (m) => ({ text: `${SITE_REF}${m[1] ?? m[2] ?? m[3]}` }),
  },
  { pattern: /\{\{<\s*figure\b(.*?)\/?>\}\}/g, write: (m) => ({ text: figureImage(m[1]) }) },
  {
    pattern: /\{\{<\s*(youtube|vimeo)\s+(?:id=)?["']?([\w-]+)["']?[^>]*>\}\}/g,
    write: (m) => ({
      text: `<${m[1] === 'youtube' ? `https://www.youtube.com/watch?v=${m[2]}` : `https://vimeo.com/${m[2]}`}>`,
    }),
  },
  { pattern: /\{%\s*embed\s+(.*?)%\}/g, write: (m) => ({ text: embedLink(m[1]) }) },
  {
    pattern: /\{%\s*(?:content-ref\s+url=(?:"[^"]*"|'[^']*')|endcontent-ref|raw|endraw|endembed)\s*%\}/g,
    write: keep(''),
  },
  { pattern: /\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{::comment\}.*?\{:\/(?:comment)?\}/g, write: keep('') },
  { pattern: /\{\/\*.*?\*\/\}|<%#.*?%>/g, write: keep('') },
  // useBaseUrl('img/x.png') is the address of static/img/x.png, from the site's root.
  {
    pattern: /\bsrc=\{\s*useBaseUrl\(\s*["']([^"']+)["']\s*\)\s*\}/g,
    write: (m) => ({ text: `src="/${m[1].replace(/^\/+/, '')}"` }),
  },
  {
    pattern: /\bsrc=\{\s*require\(\s*["']([^"']+)["']\s*\)(?:\.default)?\s*\}/g,
    write: (m) => ({ text: `src="${m[1]}"` }),
  },
  // kramdown's span attribute lists style text; a heading's keeps its id (see heading-ids.ts).
  { pattern: /\{:\s*[^}]*\}/g, write: (m, line) => ({ text: /^\s*#/.test(line) ? m[0] : '' }) },
  { pattern: /<%[=-]?.*?-?%>/g, write: unsupported('erb') },
  { pattern: /\{%-?\s*end\w+\s*-?%\}/g, write: keep('') },
  { pattern: /\{%-?.*?-?%\}/g, write: unsupported('liquid') },
  { pattern: /\{\{[<%]\s*\/[\w-]+\s*[>%]\}\}/g, write: keep('') },
  { pattern: /\{\{[<%].*?[>%]\}\}/g, write: unsupported('hugo') },
  { pattern: /\{\{-?.*?-?\}\}/g, write: unsupported('liquid') },
  { pattern: /<\/[A-Z][\w.]*\s*>/g, write: keep('') },
  { pattern: /<[A-Z][\w.]*(?:\s(?:[^<>{}]|\{[^{}]*\})*)?\/?>/g, write: unsupported('mdx') },
];

/** `{{< figure src="/images/x.png" alt="..." caption="..." >}}` as a markdown image. */
function figureImage(args: string): string {
  const src = attribute(args, 'src') ?? '';
  const alt = attribute(args, 'alt') ?? attribute(args, 'caption') ?? attribute(args, 'title') ?? '';
  return `![${alt.replace(/[[\]]/g, '\\$&')}](<${src}>)`;
}

/** GitBook's `{% embed url="https://..." caption="..." %}` as a link. */
function embedLink(args: string): string {
  const url = attribute(args, 'url') ?? '';
  const caption = attribute(args, 'caption');
  return caption ? `[${caption.replace(/[[\]]/g, '\\$&')}](<${url}>)` : `<${url}>`;
}

/** The edits of one line, in order; `skip` holds ranges of the line no rule may touch (code spans). */
export function inlineEdits(
  line: string,
  page: PageData = {},
  skip: readonly [number, number][] = codeSpans(line),
): InlineEdit[] {
  if (!/[{<]/.test(line)) return [];
  const found: InlineEdit[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(line); match; match = rule.pattern.exec(line)) {
      const from = match.index;
      const to = from + match[0].length;
      const taken = [...skip, ...found.map((e): [number, number] => [e.from, e.to])];
      if (taken.some(([a, b]) => from < b && to > a)) continue;
      found.push({ from, to, ...rule.write(match, line, page) });
    }
  }
  return found.filter((edit) => edit.text !== line.slice(edit.from, edit.to)).sort((a, b) => a.from - b.from);
}

/** The ranges of a line's code spans (`` `x` ``) and HTML comments, which print what is written in them. */
export function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const pattern = /(`+)[\s\S]*?[^`]\1(?!`)|<!--.*?-->/g;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}
