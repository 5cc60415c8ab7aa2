import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../scripts/core/diagnostics.ts';
import { parseMarkdown } from '../../scripts/load/parse-markdown.ts';
import { indexNodes } from '../../scripts/load/chapter-nodes.ts';
import { resolveLinks, type LinkTarget } from '../../scripts/markdown/resolve-links.ts';
import { forEachElement, someNode } from '../../scripts/markdown/for-each-element.ts';
import { markdownToHtml, toHtmlTree } from '../../scripts/markdown/to-html-tree.ts';
import { numberHeadings } from '../../scripts/number/number-headings.ts';
import { rehypeShiftHeadings } from '../../scripts/render/rehype-shift-headings.ts';
import { mapElements, mapImageSources, withProperties } from '../../scripts/render/map-elements.ts';

const html = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

describe('resolveLinks', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'links-'));
  mkdirSync(path.join(root, 'chapters/care/img'), { recursive: true });
  writeFileSync(path.join(root, 'chapters/care/img/a.png'), '');
  const target: LinkTarget = {
    number: '5.6',
    title: 'Placements with Parents',
    anchor: 'ch-care.parents',
    headings: numberHeadings(
      indexNodes(parseMarkdown('## Before\n\n### Plan\n\n### Assessment and Checks\n')).headings,
      'ch-care.parents',
    ),
  };
  const resolve = (markdown: string) => {
    const diagnostics = new Diagnostics();
    const tree = parseMarkdown(markdown);
    const before = JSON.stringify(tree);
    const resolved = resolveLinks(indexNodes(tree).references, {
      root,
      baseDir: 'chapters/care',
      targets: new Map([['care/parents', target]]),
      self: target,
      diagnostics,
      locate: (node) => ({
        file: 'chapters/care/x.md',
        line: node.position?.start.line,
        column: node.position?.start.column,
      }),
    });
    // Checking says how links are written; the tree stays as loading made it.
    expect(JSON.stringify(tree)).toBe(before);
    return {
      out: html(toHtmlTree(tree, { headings: [], resolved, idPrefix: 'ch-x', root })),
      problems: diagnostics.items.map(formatDiagnostic),
    };
  };

  it('turns chapter links into anchors and fills empty ones with number and title', () => {
    expect(resolve('[](parents.md#assessment-and-checks) [x](../care/parents.md) [](#plan)')).toEqual({
      out: '<p><a href="#ch-care.parents--assessment-and-checks">5.6 Placements with Parents, Section 1.2 Assessment and Checks</a> <a href="#ch-care.parents">x</a> <a href="#ch-care.parents--plan">5.6 Placements with Parents, Section 1.1 Plan</a></p>',
      problems: [],
    });
  });

  it('leaves outside links alone and makes image paths relative to the root', () => {
    expect(resolve('[](https://example.org/a) ![A](img/a.png)').out).toBe(
      '<p><a href="https://example.org/a">https://example.org/a</a> <img src="chapters/care/img/a.png" alt="A"></p>',
    );
  });

  it('reports missing targets, headings and images, and images outside the manual', () => {
    expect(
      resolve('[a](parent.md) [b](parents.md#plans)\n\n![c](img/b.png) ![d](../../../etc/x.png)').problems,
    ).toEqual([
      'chapters/care/x.md:1:1: error: link to chapter chapters/care/parent.md, which does not exist\n  fix: correct the link (did you mean "parents.md"?)',
      'chapters/care/x.md:1:16: error: chapter "Placements with Parents" has no heading "#plans"\n  fix: link to one of its headings, e.g. "#plan"',
      'chapters/care/x.md:3:1: error: image chapters/care/img/b.png does not exist in the manual\n  fix: put the image in the manual folder and give its path relative to the chapter file',
      'chapters/care/x.md:3:17: error: image ../etc/x.png does not exist in the manual\n  fix: put the image in the manual folder and give its path relative to the chapter file',
    ]);
  });
});

describe('toHtmlTree', () => {
  const toHtml = (tree: MdastRoot) =>
    toHtmlTree(tree, {
      headings: numberHeadings(indexNodes(tree).headings, 'ch-a'),
      resolved: new Map(),
      idPrefix: 'ch-a',
      root: tmpdir(),
    });

  it('gives headings their anchor, level class and number, and chapter-unique footnote ids', () => {
    const tree = parseMarkdown('## Intro\n\nText[^1].\n\n### Detail\n\n[^1]: A note.\n');
    const before = JSON.stringify(tree);
    const out = html(toHtml(tree));
    expect(JSON.stringify(tree)).toBe(before);
    expect(out).toContain('<h2 id="ch-a--intro" class="level-2"><span class="heading-number">1</span> Intro</h2>');
    expect(out).toContain('<h3 id="ch-a--detail" class="level-3"><span class="heading-number">1.1</span> Detail</h3>');
    expect(out).toContain('id="ch-a--footnote-label"');
    expect(out).toContain('aria-describedby="ch-a--footnote-label"');
    expect(out).not.toMatch(/id="footnote-label"/);
  });

  it("moves ids written in raw HTML into the chapter's namespace, links following, and drops a repeat", () => {
    const tree = parseMarkdown(
      [
        '## Intro',
        '',
        'Text[^1] <span id="ch-a--intro">a</span> <span id="x">b</span> <b id="x">c</b> <a name="top"></a> <a href="#x">x</a> <a href="#ch-a--fn-1">n</a>',
        '',
        '[^1]: A note.',
      ].join('\n'),
    );
    const out = html(toHtml(tree));
    expect(out).toContain('<h2 id="ch-a--intro" class="level-2">');
    expect(out).toContain(
      '<span id="ch-a--raw.ch-a--intro">a</span> <span id="ch-a--raw.x">b</span> <b>c</b> <a id="ch-a--raw.top"></a> <a href="#ch-a--raw.x">x</a> <a href="#ch-a--fn-1">n</a>',
    );
    expect(out).toContain('<li id="ch-a--fn-1">');
  });

  it('says what it leaves out, each message with its place in the source and a rule id, and leaves it out', () => {
    const tree = parseMarkdown(
      'Text\n\n<iframe src="https://x.org/v" title="Video"></iframe>\n\n<b onclick="x()" id="a">b</b> <i id="a">c</i> [x](javascript:alert(1))\n',
    );
    const { tree: out, messages } = markdownToHtml(tree, {
      headings: [],
      resolved: new Map(),
      idPrefix: 'ch-a',
      root: tmpdir(),
    });
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([
      '3:1 iframe-as-link an <iframe> is shown as a link to https://x.org/v',
      '5:1 unsafe-html the onclick attribute of <b> is removed from the editions',
      '5:47 unsafe-html the javascript: address of <a> is removed from the editions',
      '5:31 repeated-raw-id the id "a" of <i> is removed from the editions: an element above it in the chapter has it',
    ]);
    expect(html(out)).toBe(
      '<p>Text</p>\n<a href="https://x.org/v">Video</a>\n<p><b id="ch-a--raw.a">b</b> <i>c</i> <a>x</a></p>',
    );
  });

  it('prints task-list boxes as characters named for screen readers, tight or loose, and removes every other input', () => {
    const tight = html(toHtml(parseMarkdown('- [ ] Visit *the child*\n- [x] b <input type="text">\n  - [ ] nested\n')));
    expect(tight).not.toContain('<input');
    expect(tight.match(/<span class="task-box"[^>]*>.<\/span>/g)).toEqual([
      '<span class="task-box" role="img" aria-label="to do">\u2610</span>',
      '<span class="task-box" role="img" aria-label="done">\u2611</span>',
      '<span class="task-box" role="img" aria-label="to do">\u2610</span>',
    ]);
    const loose = html(toHtml(parseMarkdown('- [x] a\n\n- <input type="checkbox"> b\n')));
    expect(loose).not.toContain('<input');
    expect(loose.match(/aria-label="[^"]*"/g)).toEqual(['aria-label="done"']);
  });
});

describe('rehypeShiftHeadings', () => {
  it('moves headings down, never past h6, in a copy', () => {
    const tree: Root = {
      type: 'root',
      children: ['h2', 'h5'].map((tagName) => ({ type: 'element', tagName, properties: {}, children: [] })),
    };
    expect(html(rehypeShiftHeadings(2)(tree))).toBe('<h4></h4><h6></h6>');
    expect(html(tree)).toBe('<h2></h2><h5></h5>');
  });
});

describe('mapElements', () => {
  const tree = (): Root => ({
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [
          { type: 'element', tagName: 'a', properties: { href: '#x' }, children: [{ type: 'text', value: 'x' }] },
        ],
      },
      {
        type: 'element',
        tagName: 'ul',
        properties: {},
        children: [{ type: 'element', tagName: 'li', properties: {}, children: [] }],
      },
      {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [{ type: 'element', tagName: 'img', properties: { src: 'chapters/a.png', alt: '' }, children: [] }],
      },
    ],
  });
  const retarget = (node: Element) =>
    node.tagName === 'a' ? withProperties(node, { href: 'other.xhtml#x' }) : undefined;

  it('copies the path to each changed element and shares every untouched subtree', () => {
    const before = tree();
    const after = mapElements(before, retarget);
    expect(html(after)).toBe(
      '<p><a href="other.xhtml#x">x</a></p><ul><li></li></ul><p><img src="chapters/a.png" alt=""></p>',
    );
    expect(html(before)).toBe('<p><a href="#x">x</a></p><ul><li></li></ul><p><img src="chapters/a.png" alt=""></p>');
    expect(after.children[0]).not.toBe(before.children[0]);
    expect(after.children[1]).toBe(before.children[1]);
    expect(after.children[2]).toBe(before.children[2]);
  });

  it('returns the same tree when nothing changes', () => {
    const before = tree();
    expect(mapElements(before, () => undefined)).toBe(before);
  });

  it('points only relative image paths elsewhere', () => {
    const before = tree();
    (before.children[1] as Element).children.push({
      type: 'element',
      tagName: 'img',
      properties: { src: 'data:image/png;base64,AA==' },
      children: [],
    });
    expect(html(mapImageSources(before, (file) => `file:///manual/${file}`))).toBe(
      '<p><a href="#x">x</a></p><ul><li></li><img src="data:image/png;base64,AA=="></ul><p><img src="file:///manual/chapters/a.png" alt=""></p>',
    );
  });
});

describe('forEachElement', () => {
  it('meets elements in document order and walks into what a visitor put in their place', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'p',
          properties: {},
          children: [
            { type: 'text', value: 'a' },
            { type: 'element', tagName: 'iframe', properties: {}, children: [] },
          ],
        },
        {
          type: 'element',
          tagName: 'ol',
          properties: {},
          children: [{ type: 'element', tagName: 'li', properties: {}, children: [] }],
        },
      ],
    };
    const met: string[] = [];
    forEachElement(tree, (node, index, parent) => {
      met.push(node.tagName);
      if (node.tagName === 'iframe')
        parent.children[index] = {
          type: 'element',
          tagName: 'a',
          properties: {},
          children: [{ type: 'element', tagName: 'span', properties: {}, children: [] }],
        };
    });
    expect(met).toEqual(['p', 'iframe', 'span', 'ol', 'li']);
    expect(html(tree)).toBe('<p>a<a><span></span></a></p><ol><li></li></ol>');
    expect(someNode(tree, (node) => node.type === 'text' && node.value === 'a')).toBe(true);
    expect(someNode(tree, (node) => node.type === 'raw')).toBe(false);
  });
});
