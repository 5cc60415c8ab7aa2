import GithubSlugger from 'github-slugger';
import type { Html, Parent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import path from 'node:path';
import { SKIP, visit } from 'unist-util-visit';

/** A chapter being imported: its id (`DIR/slug`) and its body, after its `# Title`. */
export interface LinkedChapter {
  id: string;
  body: Root;
  /** Ids of the bookmarks on its title heading. */
  titleIds: readonly string[];
}

interface Target {
  chapter: LinkedChapter;
  /** A heading's slug, or a raw anchor's id; none for the chapter's title. */
  fragment?: string;
}

/**
 * Links inside the document (`#_Toc123`, `#bookmark`) become links to the chapter and heading
 * they now land in: `#slug` within a chapter, `other.md#slug` to another (slugs made as the
 * number stage makes them, github-slugger over the chapter's headings in order); a bookmark
 * that is not on a heading stays a raw `<a id>` anchor, linked as `other.md#id`. Anchors no
 * link points at are dropped, and a link to a bookmark the document lacks keeps only its text.
 * Returns what the report says about the latter.
 */
export function linkChapters(chapters: readonly LinkedChapter[]): string[] {
  const targets = new Map<string, Target>();
  for (const chapter of chapters) collectTargets(chapter, targets);
  const used = new Set<string>();
  const notes: string[] = [];
  for (const chapter of chapters) {
    visit(chapter.body, 'link', (link, index, parent) => {
      if (!link.url.startsWith('#') || link.url.length < 2) return undefined;
      const id = decodeURIComponent(link.url.slice(1));
      const target = targets.get(id);
      if (target) {
        link.url = address(chapter, target);
        if (target.fragment === id) used.add(id);
        return undefined;
      }
      notes.push(`a link to "${link.url}", which is not in the document, was kept as text: "${toString(link)}"`);
      if (parent && index !== undefined) parent.children.splice(index, 1, ...link.children);
      return [SKIP, index];
    });
  }
  for (const chapter of chapters) dropUnusedAnchors(chapter.body, used);
  return notes;
}

function collectTargets(chapter: LinkedChapter, targets: Map<string, Target>): void {
  for (const id of chapter.titleIds) targets.set(id, { chapter });
  const slugger = new GithubSlugger();
  visit(chapter.body, (node) => {
    if (node.type === 'heading') {
      const slug = slugger.slug(toString(node).trim());
      for (const id of node.data?.ids ?? []) targets.set(id, { chapter, fragment: slug });
    } else if (node.type === 'html' && node.data?.anchorId && !targets.has(node.data.anchorId)) {
      targets.set(node.data.anchorId, { chapter, fragment: node.data.anchorId });
    }
  });
}

function address(from: LinkedChapter, to: Target): string {
  if (to.chapter === from && to.fragment) return `#${to.fragment}`;
  const file = `${path.posix.relative(path.posix.dirname(from.id), to.chapter.id)}.md`;
  return to.fragment ? `${file}#${to.fragment}` : file;
}

function dropUnusedAnchors(body: Root, used: ReadonlySet<string>): void {
  visit(body, 'html', (node: Html, index, parent: Parent | undefined) => {
    const id = node.data?.anchorId;
    if (id === undefined || used.has(id) || !parent || index === undefined) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  // A paragraph that held only an anchor is gone with it.
  visit(body, 'paragraph', (node, index, parent) => {
    if (node.children.length > 0 || !parent || index === undefined) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}
