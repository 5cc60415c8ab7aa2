import GithubSlugger from 'github-slugger';
import type { Diagnostics } from '../core/diagnostics.ts';
import { isUrl } from '../core/urls.ts';
import type { EntrySpec, ManifestSpec, SeeAlsoEntry } from '../load/types.ts';
import type { ChapterNode, ContentsNode, Flag, SectionNode, SeeAlsoLink, SeeAlsoNode } from '../core/book.ts';
import { AMENDMENTS_ANCHOR } from '../core/book.ts';
import { chapterAnchor } from './anchors.ts';

export interface NumberedContents {
  sections: SectionNode[];
  /** Every chapter of the contents, by id, in contents order. */
  chapters: Map<string, ChapterNode>;
}

interface Target {
  title: string;
  anchor: string;
}

/** What numbering collects on its way through the contents. */
interface State {
  titles: ReadonlyMap<string, string>;
  flags: ReadonlyMap<string, Flag>;
  slugger: GithubSlugger;
  chapters: Map<string, ChapterNode>;
  targets: Map<string, Target>;
  seeAlso: [SeeAlsoNode, SeeAlsoEntry][];
}

/**
 * Numbers the contents from the order and depth of its entries: sections 1, 2, 3; their entries
 * 2.1, 2.2; a subsection's entries 1.1.1 and so on. Entries marked `numbered: false`, notes and
 * see-also lines take no number. Resolves see-also targets, reporting the ones that do not exist.
 */
export function numberContents(
  manifest: ManifestSpec,
  titles: ReadonlyMap<string, string>,
  flags: ReadonlyMap<string, Flag>,
  diagnostics: Diagnostics,
): NumberedContents {
  const state: State = {
    titles,
    flags,
    slugger: new GithubSlugger(),
    chapters: new Map(),
    targets: new Map(),
    seeAlso: [],
  };
  const sections = manifest.sections.map((section, i): SectionNode => {
    const number = String(i + 1);
    const anchor = `sec-${state.slugger.slug(section.id ?? section.title)}`;
    if (section.id) state.targets.set(section.id, { title: section.title, anchor });
    return {
      kind: 'section',
      number,
      title: section.title,
      anchor,
      entries: numberEntries(section.entries, `${number}.`, state),
    };
  });
  for (const [node, entry] of state.seeAlso) node.links.push(...resolveSeeAlso(entry, state, diagnostics));
  return { sections, chapters: state.chapters };
}

function numberEntries(entries: EntrySpec[], prefix: string, state: State): ContentsNode[] {
  const nodes: ContentsNode[] = [];
  let count = 0;
  for (const entry of entries) {
    const number = 'numbered' in entry && entry.numbered ? `${prefix}${++count}` : undefined;
    const node = entryNode(entry, number ?? prefix.slice(0, -1), number, state, nodes.at(-1));
    if (node) nodes.push(node);
  }
  return nodes;
}

/**
 * The node for one entry, or undefined when the entry joins the node before it. `place` numbers
 * a subsection's entries: its own number, or its parent's when it is unnumbered.
 */
function entryNode(
  entry: EntrySpec,
  place: string,
  number: string | undefined,
  state: State,
  previous: ContentsNode | undefined,
): ContentsNode | undefined {
  switch (entry.kind) {
    case 'chapter': {
      const node: ChapterNode = {
        kind: 'chapter',
        id: entry.id,
        number,
        title: state.titles.get(entry.id) ?? entry.id,
        anchor: chapterAnchor(entry.id),
        remark: entry.remark,
        flag: state.flags.get(entry.id),
        ...origin(entry),
      };
      state.chapters.set(entry.id, node);
      return node;
    }
    case 'subsection': {
      const anchor = `sec-${state.slugger.slug(entry.id ?? entry.title)}`;
      if (entry.id) state.targets.set(entry.id, { title: entry.title, anchor });
      const entries = numberEntries(entry.entries, `${place}.`, state);
      return {
        kind: 'subsection',
        number,
        title: entry.title,
        anchor,
        remark: entry.remark,
        entries,
        ...origin(entry),
      };
    }
    case 'outside-document':
      return {
        kind: 'outside-document',
        number,
        title: entry.title,
        url: entry.url,
        remark: entry.remark,
        ...origin(entry),
      };
    case 'document':
      return { kind: 'document', number, title: entry.title, file: entry.file, remark: entry.remark, ...origin(entry) };
    case 'note':
      return { kind: 'note', text: entry.text, ...origin(entry) };
    case 'amendments':
      return { kind: 'amendments', number, title: entry.title, anchor: AMENDMENTS_ANCHOR, remark: entry.remark };
    case 'see-also': {
      const joins = previous?.kind === 'see-also';
      const node: SeeAlsoNode = joins ? previous : { kind: 'see-also', links: [] };
      state.seeAlso.push([node, entry]);
      return joins ? undefined : node;
    }
  }
}

/** Whose the entry is, only when the manual has a base: outputs of other manuals stay as they were. */
const origin = (entry: EntrySpec) => (entry.origin ? { origin: entry.origin } : {});

function resolveSeeAlso(entry: SeeAlsoEntry, state: State, diagnostics: Diagnostics): SeeAlsoLink[] {
  if (isUrl(entry.target)) {
    return [{ title: entry.title ?? entry.target, href: entry.target, external: true }];
  }
  const target = entry.target.startsWith('#')
    ? state.targets.get(entry.target.slice(1))
    : state.chapters.get(entry.target);
  if (!target) {
    const what = entry.target.startsWith('#')
      ? `no section or subsection has the id "${entry.target.slice(1)}"`
      : `chapter "${entry.target}" is not in the contents`;
    diagnostics.error(
      entry.where,
      `see-also target "${entry.target}" does not exist: ${what}`,
      'point it at a chapter path, at "#id" of a section or subsection, or at a web address',
      'see-also-missing',
    );
    return [];
  }
  return [{ title: entry.title ?? target.title, href: `#${target.anchor}`, external: false }];
}
