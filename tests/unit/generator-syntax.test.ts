import type { Blockquote, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { rewriteGeneratorSyntax } from '../../scripts/load/generator-syntax.ts';
import { indexNodes } from '../../scripts/load/chapter-nodes.ts';
import { parseMarkdown } from '../../scripts/load/parse-markdown.ts';
import { SourceEdits } from '../../scripts/load/source-edits.ts';

/** Each top-level node: its type, the line it starts on in the source, and its text. */
const blocks = (tree: Root) =>
  tree.children
    .filter((node) => node.type !== 'yaml')
    .map((node: RootContent) => [node.type, node.position?.start.line, toString(node)]);

const quote = (tree: Root, index = 0) => tree.children.filter((n) => n.type === 'blockquote')[index] as Blockquote;

describe('callouts in every spelling become titled block quotes at their place in the source', () => {
  const cases: [string, string, string][] = [
    ['Docusaurus', ':::caution Take care\nMind the **gap**.\n:::\n', 'Take care'],
    ['Docusaurus 3', ':::tip[In short]\nMind the gap.\n:::\n', 'In short'],
    ['VitePress, untitled', '::: warning\nMind the gap.\n:::\n', 'Warning'],
    ['GitBook', '{% hint style="danger" %}\nMind the gap.\n{% endhint %}\n', 'Danger'],
    ['GitHub alert', '> [!IMPORTANT]\n> Mind the gap.\n', 'Important'],
    ['Hugo hint', '{{< hint info >}}\nMind the gap.\n{{< /hint >}}\n', 'Info'],
    ['Hugo notice', '{{% notice note "Read this" %}}\nMind the gap.\n{{% /notice %}}\n', 'Read this'],
    ['MDX Admonition', '<Admonition type="note" title="Heads up">\nMind the gap.\n</Admonition>\n', 'Heads up'],
    ['Just the Docs', '{: .warning }\nMind the gap.\n', 'Warning'],
    ['GOV.UK Tech Docs', '<%= warning_text("Mind the gap.") %>\n', 'Warning'],
    ['Jekyll include', '{% include note.html content="Mind the gap." %}\n', 'Note'],
  ];
  for (const [generator, markdown, title] of cases) {
    it(generator, () => {
      const tree = parseMarkdown(`# Title\n\nBefore.\n\n${markdown}\nAfter.\n`);
      expect(blocks(tree)).toEqual([
        ['heading', 1, 'Title'],
        ['paragraph', 3, 'Before.'],
        ['blockquote', 5, `${title}Mind the gap.`],
        ['paragraph', expect.any(Number), 'After.'],
      ]);
      expect(quote(tree).children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'strong' }] });
      expect(indexNodes(tree).templates).toEqual([]);
    });
  }

  it('nests, keeps lists, links and code inside, and places every node on its own source line', () => {
    const source = [
      '::::note Outer',
      '- one [link](x.md)',
      '- two',
      '',
      ':::info',
      '```sh',
      '{{ kept as written }}',
      '```',
      ':::',
      '::::',
      'After.',
    ].join('\n');
    const tree = parseMarkdown(source);
    const outer = quote(tree);
    expect(outer.position?.start.line).toBe(1);
    const [, list, inner] = outer.children;
    expect(list).toMatchObject({ type: 'list', position: { start: { line: 2, column: 1 } } });
    expect(inner.type).toBe('blockquote');
    const code = (inner as Blockquote).children[1];
    expect(code).toMatchObject({ type: 'code', value: '{{ kept as written }}', position: { start: { line: 6 } } });
    expect(indexNodes(tree).references[0]).toMatchObject({ url: 'x.md', position: { start: { line: 2, column: 7 } } });
    expect(blocks(tree).at(-1)).toEqual(['paragraph', 11, 'After.']);
  });
});

describe('template syntax', () => {
  it('is written as what it meant where it means something here', () => {
    const tree = parseMarkdown(
      '---\ntitle: Leave\n---\n# {{ page.title }}\n\n[a]({{ site.baseurl }}/leave/) [b]({% link leave/x.md %})' +
        ' [c]({{< ref "leave/y.md" >}}) [d]({{ "/z/" | relative_url }})\n\n{{< figure src="/images/x.png" alt="A map" >}}\n\n' +
        '{% embed url="https://example.org/v" %}\n\n{{< youtube abc123 >}}\n\n<img src={useBaseUrl(\'img/y.png\')} alt="Y" />\n',
    );
    expect(tree.children[1]).toMatchObject({ type: 'heading', children: [{ value: 'Leave' }] });
    const urls = indexNodes(tree).references.map((node) => node.url);
    expect(urls).toEqual([
      '/leave/',
      '/leave/x.md',
      'site-ref:leave/y.md',
      '/z/',
      '/images/x.png',
      'https://example.org/v',
      'https://www.youtube.com/watch?v=abc123',
    ]);
    expect(indexNodes(tree).html.map((node) => node.value)).toEqual(['<img src="/img/y.png" alt="Y" />']);
    expect(indexNodes(tree).templates).toEqual([]);
  });

  it('is taken out and named, with what the editions show, where it cannot be', () => {
    const source = [
      "import Tabs from '@theme/Tabs';",
      '',
      'Hello {{ user.name }} and {% include footer.html %}.',
      '',
      '{% if site.beta %}Beta.{% endif %}',
      '',
      '<%= partial "partials/links" %>',
      '',
      '{{< columns >}}Left{{< /columns >}}',
      '',
      '<Highlight color="red">Red</Highlight> <Chart data={x} />',
      '',
      'Code `{{ not this }}` stays.',
    ].join('\n');
    const tree = parseMarkdown(source);
    expect(indexNodes(tree).templates).toEqual([
      { line: 1, column: 1, language: 'mdx', written: "import Tabs from '@theme/Tabs';", shows: 'nothing' },
      { line: 3, column: 7, language: 'liquid', written: '{{ user.name }}', shows: 'nothing' },
      { line: 3, column: 27, language: 'liquid', written: '{% include footer.html %}', shows: 'nothing' },
      { line: 5, column: 1, language: 'liquid', written: '{% if site.beta %}', shows: 'its content' },
      { line: 7, column: 1, language: 'erb', written: '<%= partial "partials/links" %>', shows: 'nothing' },
      { line: 9, column: 1, language: 'hugo', written: '{{< columns >}}', shows: 'its content' },
      { line: 11, column: 1, language: 'mdx', written: '<Highlight color="red">', shows: 'its content' },
      { line: 11, column: 40, language: 'mdx', written: '<Chart data={x} />', shows: 'nothing' },
    ]);
    expect(blocks(tree).map(([, , text]) => text)).toEqual([
      'Hello  and .',
      'Beta.',
      'Left',
      'Red',
      'Code {{ not this }} stays.',
    ]);
  });

  it('prints nothing and is not named where the site printed nothing: comments, tab groups, kramdown options', () => {
    const tree = parseMarkdown(
      '{% comment %}\nhidden\n{% endcomment %}\n\n{::comment}\nhidden\n{:/comment}\n\n{/* hidden */}\n\n' +
        '* TOC\n{:toc}\n\n{% tabs %}\n{% tab title="First" %}\nOne.\n{% endtab %}\n{% endtabs %}\n\nPara.\n{: .small }\n',
    );
    expect(blocks(tree).map(([, , text]) => text)).toEqual(['First', 'One.', 'Para.']);
    expect(indexNodes(tree).templates).toEqual([]);
  });

  it('leaves a source without it as it is, and names a stray ":::"', () => {
    const plain = 'Plain **text** with [a link](x.md).\n';
    expect(rewriteGeneratorSyntax(plain).edits.changed).toBe(false);
    expect(rewriteGeneratorSyntax('Text.\n\n:::\n').found).toEqual([
      { line: 3, column: 1, language: 'mdx', written: ':::', shows: 'nothing' },
    ]);
  });
});

describe('SourceEdits', () => {
  it('maps every offset of the rewritten text back to the source', () => {
    const edits = new SourceEdits('abc{{x}}def\nghi');
    edits.replace(3, 8, '');
    edits.insert(12, '> ');
    expect(edits.text()).toBe('abcdef\n> ghi');
    expect([0, 3, 4, 6, 7, 9, 10].map((offset) => edits.sourceOffset(offset))).toEqual([0, 8, 9, 11, 12, 12, 13]);
  });
});
