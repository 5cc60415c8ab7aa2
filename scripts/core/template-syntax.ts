/**
 * Template syntax of site generators as it would show in an edition's text if nothing took it
 * out: Liquid `{% %}` and `{{ }}`, Hugo `{{< >}}`, ERB `<% %>`, a Docusaurus `:::` fence, a
 * GitHub alert's `[!NOTE]`, a kramdown attribute list `{: .x}`. The load stage rewrites or
 * reports all of these; the ledger looks for them in what the outputs show.
 */
const PATTERN =
  /\{%.*?%\}|\{\{.*?\}\}|<%.*?%>|(?:^|\n)[ \t]*:{3,}[ \t]*[A-Za-z]*(?=[ \t]*(?:\n|$|\[))|\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]|\{:[^}\n]*\}/g;

/** Each piece of template syntax in a text, as written there. */
export function templateSyntaxIn(text: string): string[] {
  if (!/[{<:[]/.test(text)) return [];
  return [...text.matchAll(PATTERN)].map((match) => match[0].trim());
}
