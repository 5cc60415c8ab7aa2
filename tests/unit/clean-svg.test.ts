import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanSvgForEpub } from '../../scripts/render/epub/clean-svg.ts';
import { REPO } from '../helpers/fixture.ts';

const FIXTURES = path.join(REPO, 'tests/fixtures/svg');
const SHAPES = ['rect', 'path', 'polygon', 'circle', 'ellipse', 'line', 'polyline', 'use', 'text'] as const;

/** What each fixture draws: its shapes (SVG elements, not an editor's), and the text it shows. */
const DRAWINGS: Record<string, { shapes: Partial<Record<(typeof SHAPES)[number], number>>; texts: string[] }> = {
  'illustrator-flowchart.svg': {
    shapes: { rect: 2, path: 2, polygon: 3, text: 3 },
    texts: ['Referral received', 'Safe at home?', 'Strategy discussion'],
  },
  // The flowRoot's rect is a text frame, never drawn; SVG 1.1 has no flowRoot.
  'inkscape-diagram.svg': {
    shapes: { rect: 2, path: 3, text: 3 },
    texts: ['Day 1: contact', 'Day 45: plan', 'Review'],
  },
  // draw.io's own fallback labels, which it shortens where the HTML label wraps.
  'drawio-referral.svg': {
    shapes: { rect: 2, path: 7, text: 4 },
    texts: ['Referral received', 'Threshold met?', 'Assessment...', 'No'],
  },
  'visio-process.svg': {
    shapes: { rect: 3, path: 3, use: 1, text: 3 },
    texts: ['Screen the referral', 'Visit the child', 'Record the decision'],
  },
  'libreoffice-draw.svg': { shapes: { rect: 4, path: 7, text: 2 }, texts: ['Stay safe', 'Safety plan'] },
};

const clean = (svg: string | Buffer) => new TextDecoder().decode(cleanSvgForEpub(Buffer.from(svg)));
const count = (svg: string, name: string) => svg.match(new RegExp(`<${name}[\\s/>]`, 'g'))?.length ?? 0;
const texts = (svg: string) =>
  [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]*>/g, '').trim());

describe('cleanSvgForEpub', () => {
  for (const [file, drawing] of Object.entries(DRAWINGS)) {
    describe(file, () => {
      const original = readFileSync(path.join(FIXTURES, file));
      const cleaned = clean(original);

      it('keeps no DOCTYPE, entity, XML declaration, comment, metadata, script or SVG font', () => {
        expect(cleaned).not.toMatch(/<!DOCTYPE|<!ENTITY|&ns_|<\?xml|<!--|<metadata|<script|<font[\s>]|<font-face/);
        expect(cleaned).not.toMatch(/\son[a-z]+=/);
      });

      it('keeps no foreign markup: editors’ namespaces, foreignObject beside a fallback, draw.io’s source', () => {
        expect(cleaned).not.toMatch(/<\/?(sodipodi|inkscape|i|x|v|ooo|rdf|cc|dc):/);
        expect(cleaned).not.toMatch(/\s(sodipodi|inkscape|i|x|v|ooo|graph|presentation):[a-z-]+=/i);
        expect(cleaned).not.toMatch(/xmlns:(sodipodi|inkscape|i|x|v|ooo|rdf|cc|dc|ev|graph)=/);
        expect(cleaned).not.toMatch(/<foreignObject|<div|\scontent=|Text is not SVG/);
        expect(cleaned).not.toMatch(/xlink:(type|show|actuate|role|arcrole|title)=/);
      });

      it('keeps every shape and every label', () => {
        for (const shape of SHAPES) expect(count(cleaned, shape), shape).toBe(drawing.shapes[shape] ?? 0);
        expect(texts(cleaned)).toEqual(drawing.texts);
      });

      it('declares the xlink namespace wherever xlink:href is used', () => {
        if (cleaned.includes('xlink:href=')) expect(cleaned).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
      });
    });
  }

  it('writes no path data, number or colour differently', () => {
    const original = readFileSync(path.join(FIXTURES, 'inkscape-diagram.svg'), 'utf8');
    const cleaned = clean(original);
    const drawn = original.replace(/<flowRoot[\s\S]*<\/flowRoot>/, '');
    for (const [attribute] of drawn.matchAll(/\s(d|points|style|transform|viewBox)="[^"]*"/g))
      expect(cleaned).toContain(attribute.trim());
  });

  it('titles a hyperlink with its xlink:title, else its text', () => {
    expect(clean(readFileSync(path.join(FIXTURES, 'illustrator-flowchart.svg')))).toContain(
      '<title>Working Together</title>',
    );
    const link = '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.org"><text>Help</text></a></svg>';
    expect(clean(link)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' +
        '<a xlink:href="https://example.org"><title>Help</title><text>Help</text></a></svg>',
    );
  });

  it('keeps a foreignObject that has no fallback', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="9" height="9">' +
      '<div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject></svg>';
    expect(clean(svg)).toContain('<div xmlns="http://www.w3.org/1999/xhtml">Label</div>');
  });

  it('keeps what a foreignObject holds, with an SVG and its foreignObject inside it, and cleans what follows', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:v="urn:v"><foreignObject width="9" height="9">' +
      '<div xmlns="http://www.w3.org/1999/xhtml"><svg xmlns="http://www.w3.org/2000/svg"><foreignObject>' +
      '<p xmlns="http://www.w3.org/1999/xhtml">Inner</p></foreignObject></svg><p>Outer</p></div>' +
      '</foreignObject><v:shape/><rect width="1" height="1"/></svg>';
    const cleaned = clean(svg);
    expect(cleaned).toContain('<p xmlns="http://www.w3.org/1999/xhtml">Inner</p></foreignObject></svg><p>Outer</p>');
    expect(cleaned).not.toContain('v:shape');
    expect(cleaned).toContain('<rect width="1" height="1"/></svg>');
  });

  it('reads the encoding the XML declaration names', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><svg><text>Caf\xe9</text></svg>', 'latin1');
    expect(clean(latin1)).toBe('<svg><text>Café</text></svg>');
  });

  it('throws svgo’s parser error, with its line and column, for a file that is not well-formed', () => {
    expect(() => clean('<svg xmlns="http://www.w3.org/2000/svg">\n<rect></svg>')).toThrow(
      expect.objectContaining({ name: 'SvgoParserError', line: 2, column: 12 }),
    );
  });
});
