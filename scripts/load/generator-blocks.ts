/**
 * The block syntax site generators add to markdown, one line each: what opens and closes a
 * callout (an admonition), a tab, a titled code block, and the lines that print nothing. Each
 * pattern is matched against a line without its indentation.
 */

/** A callout's opening line: its title, and the test of the line that closes it. */
export interface CalloutOpening {
  title: string;
  closes: (line: string) => boolean;
  /** For a one-line callout (GOV.UK's warning_text), its text. */
  text?: string;
  language?: 'erb' | 'mdx' | 'liquid' | 'hugo';
}

const CALLOUT_TYPES: Record<string, string> = {
  note: 'Note',
  tip: 'Tip',
  info: 'Info',
  information: 'Information',
  success: 'Success',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
  danger: 'Danger',
  error: 'Error',
  details: 'Details',
  question: 'Question',
  example: 'Example',
  highlight: 'Note',
  new: 'New',
};

/** "Note" for note, "Warning" for warning; an unknown type capitalised. */
export function calloutTitle(type: string): string {
  const lower = type.toLowerCase();
  return CALLOUT_TYPES[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1);
}

const exactly = (pattern: RegExp) => (line: string) => pattern.test(line.trim());
const unquote = (text: string | undefined) => text?.replace(/^(["'])(.*)\1$/, '$2').trim();

/** The callout a line opens, in the spelling of Docusaurus, VitePress, GitBook, Hugo, MDX or the GOV.UK Tech Docs. */
export function calloutOpening(line: string): CalloutOpening | undefined {
  const text = line.trim();
  const colons = /^(:{3,})\s*([A-Za-z][\w-]*)\s*(?:\[(.*)\]|(.*))$/.exec(text);
  if (colons) {
    const closing = new RegExp(`^:{${colons[1].length}}\\s*$`);
    const title = (colons[3] ?? colons[4]?.replace(/\{[^}]*\}\s*$/, '') ?? '').trim();
    return { title: title || calloutTitle(colons[2]), closes: exactly(closing) };
  }
  const hint = /^\{%\s*hint\s+style\s*=\s*["']?(\w+)["']?\s*%\}$/.exec(text);
  if (hint) return { title: calloutTitle(hint[1]), closes: exactly(/^\{%\s*endhint\s*%\}$/) };
  const hugo =
    /^\{\{([<%])\s*(hint|notice|alert|callout|admonition|details|note|tip|warning|info|tldr)\b(.*?)\s*[>%]\}\}$/.exec(
      text,
    );
  if (hugo)
    return {
      title: hugoTitle(hugo[2], hugo[3]),
      closes: exactly(new RegExp(`^\\{\\{[<%]\\s*/${hugo[2]}\\s*[>%]\\}\\}$`)),
    };
  const admonition = /^<Admonition\s+type=["'](\w+)["'](?:\s+title=["']([^"']*)["'])?\s*>$/.exec(text);
  if (admonition) return { title: admonition[2] || calloutTitle(admonition[1]), closes: exactly(/^<\/Admonition>$/) };
  const warning = /^<%=\s*warning_text\(?\s*(["'])(.*)\1\s*\)?\s*%>$/.exec(text);
  if (warning) return { title: 'Warning', closes: () => true, text: warning[2] };
  // Jekyll themes' callout includes: {% include note.html content="..." %}.
  const include = /^\{%-?\s*include\s+(?:callouts?\/)?(\w+)\.html\s+content\s*=\s*(["'])(.*)\2\s*-?%\}$/.exec(text);
  if (include && include[1].toLowerCase() in CALLOUT_TYPES)
    return { title: calloutTitle(include[1]), closes: () => true, text: include[3] };
  return undefined;
}

/** `{{< hint info >}}` is titled Info, `{{% notice note "Read this" %}}` "Read this", `{{< details title="More" >}}` More. */
function hugoTitle(name: string, args: string): string {
  const titled = /title\s*=\s*("[^"]*"|'[^']*')/.exec(args);
  if (titled) return unquote(titled[1])!;
  const words = [...args.matchAll(/"[^"]*"|'[^']*'|[^\s"']+/g)].map((m) => m[0]);
  const type = /^(notice|hint|alert|callout|admonition)$/.test(name) ? words.shift() : undefined;
  const quoted = words.find((word) => /^["']/.test(word));
  if (quoted) return unquote(quoted)!;
  const typeName = unquote(type)?.replace(/^type=/, '');
  return calloutTitle(typeName || name);
}

/** A GitHub alert's first line, `> [!NOTE]`: the quote markers before it and its title. */
export function githubAlert(line: string): { markers: string; title: string } | undefined {
  const alert = /^(\s*(?:>\s*)+)\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.exec(line);
  return alert ? { markers: alert[1], title: calloutTitle(alert[2]) } : undefined;
}

/** The title of a tab (GitBook, Hugo, MDX), or of a titled code block (GitBook), that a line opens; "" for one without. */
export function tabTitle(line: string): string | undefined {
  const text = line.trim();
  const gitbook = /^\{%\s*(?:tab|code)\b(.*)%\}$/.exec(text);
  if (gitbook) return unquote(/title\s*=\s*("[^"]*"|'[^']*')/.exec(gitbook[1])?.[1]) ?? '';
  const hugo = /^\{\{[<%]\s*tab\b(.*?)[>%]\}\}$/.exec(text);
  if (hugo)
    return (
      unquote(/(?:name|title)\s*=\s*("[^"]*"|'[^']*')/.exec(hugo[1])?.[1] ?? /"[^"]*"|'[^']*'/.exec(hugo[1])?.[0]) ?? ''
    );
  const mdx = /^<TabItem\b([^>]*)>$/.exec(text);
  if (mdx)
    return (
      unquote((/label\s*=\s*("[^"]*"|'[^']*')/.exec(mdx[1]) ?? /value\s*=\s*("[^"]*"|'[^']*')/.exec(mdx[1]))?.[1]) ?? ''
    );
  return undefined;
}

/**
 * Lines that only wrap or hide content and print nothing on the published site: the ends of
 * callouts' groups and tabs, kramdown's table-of-contents marker and options, comments, the
 * ERB line that prints the page title (the chapter's title is printed already).
 */
const SILENT_LINES = [
  /^\{%\s*(tabs|endtabs|endtab|endcode|endembed|endcontent-ref|raw|endraw)\s*%\}$/,
  /^\{%\s*content-ref\s+url=["'][^"']*["']\s*%\}$/,
  /^\{\{[<%]\s*\/?(tabs|tab)\b[^>%]*[>%]\}\}$/,
  /^<\/?Tabs\b[^>]*>$/,
  /^<\/TabItem>$/,
  /^\{:(toc|\.no_toc|\s*\.no_toc\s*)\}$/,
  /^\{::options\b.*\/\}$/,
  /^\{:[\w-]+:.*\}$/,
  /^#\s*<%=\s*(current_page\.data\.title|title)\s*%>$/,
  /^\{\/\*.*\*\/\}$/,
  // hugo-book's column break inside {{< columns >}}.
  /^<--->$/,
];

export const isSilentLine = (line: string) => SILENT_LINES.some((pattern) => pattern.test(line.trim()));

/** kramdown's `* TOC` line, which `{:toc}` on the next line turns into the page's contents. */
export const isTocMarker = (line: string, next: string | undefined) =>
  /^\s*(?:[*+-]|1\.)\s+TOC\s*$/.test(line) && next !== undefined && /^\{:\s*toc\s*\}$/.test(next.trim());

/** Where a comment that prints nothing starts (Liquid, kramdown), and what closes it. */
export function commentOpening(line: string): RegExp | undefined {
  const text = line.trim();
  if (/^\{%\s*comment\s*%\}/.test(text) && !/\{%\s*endcomment\s*%\}/.test(text)) return /\{%\s*endcomment\s*%\}/;
  if (/^\{::comment\}/.test(text) && !/\{:\/(comment)?\}/.test(text)) return /\{:\/(comment)?\}/;
  return undefined;
}

/** kramdown's attribute list on a line of its own, `{: .note #id}`: its classes and id. */
export function attributeList(line: string): { classes: string[]; id?: string } | undefined {
  const list = /^\{:\s*([^}]*)\}$/.exec(line.trim());
  if (!list || /^(toc|[\w-]+:)/.test(list[1])) return undefined;
  const classes = [...list[1].matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
  const id = /(?:^|\s)#([A-Za-z_][\w-]*)/.exec(list[1])?.[1];
  return { classes, id };
}

/** A class Just the Docs styles as a callout (`{: .note }` before a paragraph). */
export const calloutClass = (classes: string[]) => classes.find((c) => c.toLowerCase() in CALLOUT_TYPES);

/** An MDX `import`/`export` statement on a line of its own, which the site runs and never prints. */
export const isMdxStatement = (line: string) =>
  /^(import\s+(?:[\w*{}\s,]+\s+from\s+)?["'][^"']+["'];?|export\s+(?:const|let|default|function)\b.*)\s*$/.test(line);

/** ERB blocks that wrap content for another part of the page: `<% content_for :sidebar do %>` ... `<% end %>`. */
export const isErbBlockLine = (line: string) => /^<%-?\s*(.*\bdo\b.*|end)\s*-?%>$/.test(line.trim());

/** A `:::` line that closes no callout: a Docusaurus fence whose opening line is missing or misspelt. */
export const isUnmatchedFence = (line: string) => /^\s*:{3,}\s*$/.test(line);
