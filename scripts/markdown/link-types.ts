import type { Image, Link } from 'mdast';
import type { HeadingInfo } from '../core/book.ts';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import type { LinkedDocuments } from './linked-documents.ts';
import type { SiteAddresses } from './site-addresses.ts';

/** What a link can point at: a chapter of the contents and its headings. */
export interface LinkTarget {
  number?: string;
  title: string;
  anchor: string;
  headings: HeadingInfo[];
  /** The chapter's file (`chapters/care/visits.md`); fixes name it. Default: its id and `.md`. */
  file?: string;
  /** A local chapter in a base chapter's place: base links to its headings that it lacks lead to its top. */
  substituted?: boolean;
  /** A base chapter the local manual leaves out: a link to it prints its text alone. */
  leftOut?: boolean;
  /** The ids the chapter's raw HTML gives (`<span id="which">`, `<a name="_Toc1">`), as written. */
  rawIds?: () => ReadonlySet<string>;
}

export interface ResolveLinksOptions {
  /** Absolute path of the manual's root. */
  root: string;
  /** A base manual's folder (absolute), and the same relative to the root with "/" (`../regional/`): its chapters link as if they were this manual's. */
  base?: {
    root: string;
    prefix: string;
    /** Base chapters the local manual leaves out, by id: their titles, which links to them print instead. */
    leftOut?: ReadonlyMap<string, string>;
  };
  /** Folder relative links are written from, relative to the root (`chapters/care`). */
  baseDir: string;
  /** The folder the chapter's page is published as on a web site (`chapters/care/placements`), if it is a chapter. */
  pageDir?: string;
  /** Chapters of the contents by id; `self` is the one being resolved, if any. */
  targets: ReadonlyMap<string, LinkTarget>;
  self?: LinkTarget;
  /** The id of the chapter being resolved, whose address on the site it was written for relative site links start from. */
  selfId?: string;
  /** The addresses of the site the chapters were written for; none: links starting with "/" are read from chapters/. */
  addresses?: SiteAddresses;
  /** The documents linked so far, which links to documents join; none: such links are warned about as files the editions do not include. */
  documents?: LinkedDocuments;
  diagnostics: Diagnostics;
  /** Where a node is in its source file. */
  locate: (node: Link | Image) => Where;
}

/**
 * What checking resolved of one link or image, for the HTML conversion to write: its address as
 * the renderers read it, and for a link with empty text the text it gets.
 */
export interface Resolved {
  url?: string;
  text?: string;
  /** The link's text alone, with no address (a link to a chapter left out). */
  plain?: boolean;
  /** For a link to a document: its file, relative to the manual's root (renderers write where they publish it). */
  document?: string;
}

/** What checking resolved of a chapter's links and images, by where each starts in its source (its offset). */
export type ResolvedLinks = ReadonlyMap<number, Resolved>;
