import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { unitsOf, recordOfUnit, unitOfRecord, type UnitRecord } from '../../scripts/core/block-units.ts';
import { changedSections } from '../../scripts/changes/changed-sections.ts';
import { commonRun, diffUnits } from '../../scripts/changes/diff-blocks.ts';
import { markBody } from '../../scripts/changes/mark-body.ts';

const tree = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
const html = (root: Root) => unified().use(rehypeStringify).stringify(root);
const units = (hashes: string) => [...hashes].map((h): UnitRecord => ({ kind: 'block', hash: h }));
const WORDS = { changed: 'Changed in August 2025:', added: 'New in August 2025:', removed: 'Text removed.' };

const RELEASED = `<p id="a--b0">Opening words.</p>
<h2 id="a--one"><span class="heading-number">1</span> One</h2>
<p id="a--b2">First paragraph.</p>
<ul id="a--b3"><li>apples</li><li>pears</li><li>plums</li></ul>
<h2 id="a--two"><span class="heading-number">2</span> Two</h2>
<table id="a--b5"><tbody><tr><td>x</td><td>1</td></tr><tr><td>y</td><td>2</td></tr></tbody></table>
<h3 id="a--old"><span class="heading-number">2.1</span> Old part</h3>
<p id="a--b7">Soon gone.</p>`;

const CURRENT = `<p id="a--b0">Opening words.</p>
<h2 id="a--one"><span class="heading-number">1</span> One</h2>
<p id="a--b2">First paragraph, amended.</p>
<ul id="a--b3"><li>apples</li><li>plums</li></ul>
<h2 id="a--two"><span class="heading-number">2</span> Two</h2>
<table id="a--b5"><tbody><tr><td>x</td><td>1</td></tr><tr><td>y</td><td>3</td></tr></tbody></table>
<h3 id="a--new"><span class="heading-number">2.1</span> New part</h3>
<p id="a--b7">Soon gone.</p>`;

describe('block units', () => {
  it('are the blocks, list items and table rows, known by their words without heading numbers', () => {
    const found = unitsOf(tree(RELEASED));
    expect(found.map((u) => u.kind)).toEqual([
      'block',
      'heading',
      'block',
      'item',
      'item',
      'item',
      'heading',
      'row',
      'row',
      'heading',
      'block',
    ]);
    expect(found[1].heading).toEqual({ number: '1', title: 'One' });
    const renumbered = unitsOf(tree('<h2><span class="heading-number">7</span> One</h2>'));
    expect(renumbered[0].hash).toBe(found[1].hash);
    expect(unitOfRecord(JSON.parse(JSON.stringify(recordOfUnit(found[1]))))).toEqual({
      kind: found[1].kind,
      hash: found[1].hash,
      heading: found[1].heading,
    });
  });

  it('read the same from a body with its change marks, page breaks and banner', () => {
    const plain = unitsOf(tree(CURRENT));
    const marked = markBody(tree(CURRENT), plain, diffUnits(unitsOf(tree(RELEASED)), plain), 'a', WORDS).body;
    const extra = tree(
      '<div class="change-banner"><p>Updated</p></div><span epub:type="pagebreak" id="page-3"></span>',
    );
    const withAll = { ...marked, children: [...extra.children, ...marked.children] };
    expect(unitsOf(withAll).map(recordOfUnit)).toEqual(plain.map(recordOfUnit));
  });
});

describe('diffUnits', () => {
  it('finds the longest common run', () => {
    expect(commonRun([...'abcd'], [...'axcd'])).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
    expect(commonRun([], [...'ab'])).toEqual([]);
  });

  it('pairs what is left between same units as changed, then added or removed', () => {
    expect(diffUnits(units('abc'), units('axc')).status).toEqual(['same', 'changed', 'same']);
    expect(diffUnits(units('ac'), units('axyc')).status).toEqual(['same', 'added', 'added', 'same']);
    expect(diffUnits(units('abc'), units('axyc')).status).toEqual(['same', 'changed', 'added', 'same']);
    const removed = diffUnits(units('abcd'), units('ad'));
    expect(removed.status).toEqual(['same', 'same']);
    expect(removed.removed.map((r) => [r.unit.hash, r.before])).toEqual([
      ['b', 1],
      ['c', 1],
    ]);
    expect(diffUnits(units('ab'), units('a')).removed.map((r) => r.before)).toEqual([1]);
  });

  it('tells a unit moved unchanged from one added', () => {
    const diff = diffUnits(units('abcde'), units('aecdx'));
    expect(diff.status).toEqual(['same', 'moved', 'same', 'same', 'added']);
    expect(diff.removed.map((r) => r.unit.hash)).toEqual(['b']);
  });
});

describe('changedSections and markBody', () => {
  const current = tree(CURRENT);
  const now = unitsOf(current);
  const diff = diffUnits(unitsOf(tree(RELEASED)), now);
  const href = (u: (typeof now)[number]) =>
    `#${String((current.children[u.path[0]] as { properties: { id: string } }).properties.id)}`;

  it('name each numbered section the diff touched, in reading order', () => {
    expect(changedSections(now, diff, href)).toEqual([
      { number: '1', title: 'One', href: '#a--one', change: 'changed' },
      { number: '2', title: 'Two', href: '#a--two', change: 'changed' },
      { number: '2.1', title: 'New part', href: '#a--new', change: 'changed' },
    ]);
  });

  it('name a section removed where it stood, and one added as added', () => {
    const released = unitsOf(tree(RELEASED));
    const cut = tree(
      CURRENT.replace(/<h3.*/s, '<h2 id="a--three"><span class="heading-number">3</span> Three</h2><p>More.</p>'),
    );
    const cutUnits = unitsOf(cut);
    const sections = changedSections(cutUnits, diffUnits(released, cutUnits), () => undefined);
    expect(sections.map((s) => [s.number, s.title, s.change])).toEqual([
      ['1', 'One', 'changed'],
      ['2', 'Two', 'changed'],
      ['3', 'Three', 'changed'],
    ]);
    const gone = tree(RELEASED.replace(/<h3.*/s, ''));
    const goneUnits = unitsOf(gone);
    expect(changedSections(goneUnits, diffUnits(released, goneUnits), () => undefined)).toEqual([
      { number: '2.1', title: 'Old part', change: 'removed' },
    ]);
    const added = tree(RELEASED + '<h2><span class="heading-number">3</span> Three</h2><p>New.</p>');
    const addedUnits = unitsOf(added);
    expect(changedSections(addedUnits, diffUnits(released, addedUnits), () => undefined)).toEqual([
      { number: '3', title: 'Three', href: undefined, change: 'added' },
    ]);
  });

  it('mark changed and added units, a removed list item at the next, and leave the body given alone', () => {
    const before = html(current);
    const { body, marks } = markBody(current, now, diff, 'a', WORDS);
    expect(html(current)).toBe(before);
    expect(marks).toEqual(['a--c0', 'a--c1', 'a--c2']);
    const out = html(body);
    expect(out).toContain(
      '<p id="a--b2"><ins class="change-mark" id="a--c0" data-change="changed"><span class="change-text">Changed in August 2025: </span>First paragraph, amended.</ins></p>',
    );
    expect(out).toContain(
      '<li><del class="change-removed"><span class="change-text">Text removed. </span></del>plums</li>',
    );
    expect(out).toContain('<tr><td><ins class="change-mark" id="a--c1" data-change="changed">');
    expect(out).toContain('<h3 id="a--new"><ins class="change-mark" id="a--c2" data-change="changed">');
  });
});
