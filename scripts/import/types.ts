import type { Root as HastRoot } from 'hast';
import type { RootContent } from 'mdast';

/** Something the report tells about one imported file: what was dropped, listed or changed. */
export interface ImportNote {
  /** The imported file's name, as given. */
  file: string;
  message: string;
}

/** A file the import writes beside its chapters, by its path relative to the chapter's folder. */
export interface ImportImage {
  /** `images/fostering-1.png`, relative to `chapters/DIR/`. */
  path: string;
  bytes: Uint8Array;
}

/** A document read into HTML, before it becomes markdown. */
export interface ReadDocument {
  /** The document's own title: Word's dc:title, or the page's <title>. */
  title?: string;
  /** The content, HTML as mammoth wrote it or a web page's main content. */
  tree: HastRoot;
  images: ImportImage[];
  /** Documents a saved web page links to and was saved with (`documents/NAME`): forms, guides. */
  linkedDocuments?: ImportImage[];
  notes: string[];
}

/** One chapter cut from a document: its title and its blocks, headings already shifted to ## and below. */
export interface ChapterDraft {
  title: string;
  blocks: RootContent[];
  /** Ids of the bookmarks on the heading that became the title: links to them link to the chapter. */
  titleIds?: string[];
  /** The Heading 1 it sits under when the document was split at Heading 2. */
  group?: string;
}

/** A chapter ready to write: its id (`DIR/slug`) and its markdown. */
export interface ChapterFile {
  id: string;
  title: string;
  group?: string;
  markdown: string;
}

declare module 'mdast' {
  interface HtmlData {
    /** The id of a bookmark this raw `<a id>` anchor stands for. */
    anchorId?: string;
  }
  interface HeadingData {
    /** Ids links to this heading may use: its own, and bookmarks on it. */
    ids?: string[];
  }
}
