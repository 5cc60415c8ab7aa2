import {
  optimize,
  type CustomPlugin,
  type PluginConfig,
  type XastChild,
  type XastElement,
  type XastParent,
} from 'svgo';
import { isEmptyShape } from '../../core/svg-empty-shapes.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** XLink attributes that SVG 1.1 allows with fixed values only, or that EPUB readers ignore. */
const XLINK_DROPPED = new Set(['type', 'show', 'actuate', 'role', 'arcrole']);
/** SVG fonts: no current browser or EPUB reading system draws text with them; the text keeps its font-family. */
const FONT_ELEMENTS = new Set(['font', 'font-face']);
/** The link draw.io puts after its labels for viewers without foreignObject, pointing at its help pages. */
const DRAWIO_NOTICE = /^https?:\/\/([a-z]+\.)?(draw\.io|drawio\.com)\//;

const detach = (node: XastChild, parent: XastParent) => {
  parent.children = parent.children.filter((child) => child !== node);
};
const elements = (node: XastParent) => node.children.filter((c): c is XastElement => c.type === 'element');
const textOf = (node: XastElement): string =>
  node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Elements of other namespaces (editors' data: sodipodi:, inkscape:, Illustrator's i:, Visio's v:,
 * LibreOffice's ooo:) are removed with their content, and such attributes too; EPUB allows only
 * SVG and XHTML inside foreignObject. Namespaces are resolved, since the same URI has many prefixes.
 */
const dropForeignMarkup: CustomPlugin = {
  name: 'dropForeignMarkup',
  fn: () => {
    const scopes = new Map<XastParent, Map<string, string>>();
    let insideForeignObject = 0;
    return {
      element: {
        enter: (node, parent) => {
          const scope = new Map(scopes.get(parent));
          for (const [name, value] of Object.entries(node.attributes))
            if (name === 'xmlns' || name.startsWith('xmlns:')) scope.set(name.slice(6), value);
          scopes.set(node, scope);
          // Counted inside too, so that the exit of a nested one leaves the outer one open.
          const opens = localName(node.name) === 'foreignObject';
          if (insideForeignObject > 0) return void (opens && insideForeignObject++);
          const prefix = node.name.includes(':') ? node.name.slice(0, node.name.indexOf(':')) : '';
          if ((scope.get(prefix) ?? SVG_NS) !== SVG_NS) return detach(node, parent);
          if (opens) insideForeignObject++;
          for (const name of Object.keys(node.attributes)) {
            const colon = name.indexOf(':');
            const space = colon < 0 ? undefined : name.slice(0, colon);
            if (space === undefined || space === 'xml' || space === 'xmlns') continue;
            const uri = scope.get(space) ?? (space === 'xlink' ? XLINK_NS : undefined);
            if (uri !== XLINK_NS || XLINK_DROPPED.has(name.slice(colon + 1))) delete node.attributes[name];
          }
        },
        exit: (node) => {
          scopes.delete(node);
          if (insideForeignObject > 0 && localName(node.name) === 'foreignObject') insideForeignObject--;
        },
      },
    };
  },
};

/** SVG 1.1 readers know only `xlink:href`; SVG 2's bare `href` becomes it, under a declared xlink namespace. */
const hrefAsXlink: CustomPlugin = {
  name: 'hrefAsXlink',
  fn: (root) => {
    const svg = elements(root).find((e) => e.name === 'svg');
    let used = false;
    return {
      element: {
        enter: (node) => {
          if (node.attributes.href !== undefined && node.attributes['xlink:href'] === undefined) {
            node.attributes['xlink:href'] = node.attributes.href;
            delete node.attributes.href;
          }
          used ||= Object.keys(node.attributes).some((name) => name.startsWith('xlink:'));
        },
      },
      root: {
        exit: () => {
          if (used && svg && svg.attributes['xmlns:xlink'] === undefined) svg.attributes['xmlns:xlink'] = XLINK_NS;
        },
      },
    };
  },
};

/**
 * A `<switch>` draws its first child the reader supports. Drawing tools put HTML labels (draw.io)
 * or their private data (Illustrator) in a foreignObject first, then an SVG fallback: the
 * foreignObject goes where a fallback follows it, and draw.io's notice for viewers without
 * foreignObject goes with it. SVG fonts go too.
 */
const keepSvgFallbacks: CustomPlugin = {
  name: 'keepSvgFallbacks',
  fn: () => ({
    element: {
      enter: (node, parent) => {
        if (FONT_ELEMENTS.has(node.name)) return detach(node, parent);
        if (node.name !== 'switch') return;
        const children = elements(node);
        if (children.some((c) => c.name === 'a' && DRAWIO_NOTICE.test(c.attributes['xlink:href'] ?? '')))
          return detach(node, parent);
        for (const [i, child] of children.entries())
          if (child.name === 'foreignObject' && i < children.length - 1) detach(child, node);
      },
    },
  }),
};

/** Shapes that draw nothing for want of a required attribute go: EPUB 3 refuses the file they are in. */
const dropEmptyShapes: CustomPlugin = {
  name: 'dropEmptyShapes',
  fn: () => ({
    element: {
      enter: (node, parent) => {
        if (isEmptyShape(localName(node.name), node.attributes)) detach(node, parent);
      },
    },
  }),
};

/** Every hyperlink gets a `<title>` (its xlink:title, else its text), which EPUB's accessibility checks ask for. */
const titleHyperlinks: CustomPlugin = {
  name: 'titleHyperlinks',
  fn: () => ({
    element: {
      enter: (node) => {
        if (node.name !== 'a') return;
        const title = (node.attributes['xlink:title'] ?? textOf(node)).replace(/\s+/g, ' ').trim();
        delete node.attributes['xlink:title'];
        if (title && !elements(node).some((c) => c.name === 'title'))
          node.children.unshift({
            type: 'element',
            name: 'title',
            attributes: {},
            children: [{ type: 'text', value: title }],
          });
      },
    },
  }),
};

/**
 * What the EPUB carries of an SVG: only markup EPUB 3 allows, with the same shapes and text. No
 * plugin rewrites a path, a number, a colour or a style, so the picture is drawn as before; only
 * what is never drawn goes (editors' data, metadata, comments, scripts, SVG fonts, unknown
 * elements and attributes, shapes without the attribute that would draw them).
 */
const PLUGINS: PluginConfig[] = [
  'removeDoctype',
  'removeXMLProcInst',
  'removeComments',
  'removeMetadata',
  'removeScripts',
  dropForeignMarkup,
  keepSvgFallbacks,
  dropEmptyShapes,
  hrefAsXlink,
  titleHyperlinks,
  {
    name: 'removeUnknownsAndDefaults',
    params: { defaultAttrs: false, uselessOverrides: false, defaultMarkupDeclarations: false, keepRoleAttr: true },
  },
  'removeUnusedNS',
];

/**
 * An SVG file cleaned for the EPUB (UTF-8, without XML declaration or DOCTYPE). Throws svgo's
 * SvgoParserError, with the line and column, for a file that is not well-formed XML.
 */
export function cleanSvgForEpub(bytes: Uint8Array): Uint8Array {
  const { data } = optimize(decode(bytes), { plugins: PLUGINS, js2svg: { pretty: false } });
  return new TextEncoder().encode(data);
}

/** The file's text in the encoding its XML declaration names (UTF-8 when none does). */
function decode(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    head,
  )?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
