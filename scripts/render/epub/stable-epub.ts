import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { EPub, type Chapter, type Options } from 'epub-gen-memory';

/** An image as epub-gen-memory collects it from the documents. */
export interface EpubImage {
  url: string;
  id: string;
  extension: string;
  mediaType: string;
}

export interface StableParts {
  /** The `dc:identifier`, the same for every build of an edition. */
  identifier: string;
  /** Every file's date in the zip: the edition date (JSZip writes it in UTC, so every time zone agrees). */
  date: Date;
  /** `file:` URL of the manual's root: image names are made from paths below it. */
  rootUrl: string;
  /** The package document, once the embedded images are known. */
  packageDocument: (images: EpubImage[]) => string;
  /** The navigation document. */
  navDocument: string;
  /** The bytes the EPUB carries of an image, by its path relative to the manual's root. */
  imageData: (file: string, image: EpubImage) => Uint8Array;
}

/**
 * epub-gen-memory assembles the EPUB: XHTML documents, embedded images, the zip. Left to itself
 * it gives every build a random identifier, random image names and the time of the build, and a
 * package document with `xml:lang="en"` and a flat contents list. This subclass makes the same
 * sources give the same bytes, and writes the package and navigation documents from our templates.
 */
export class StableEPub extends EPub {
  constructor(
    options: Options,
    documents: Chapter[],
    private readonly parts: StableParts,
  ) {
    super(options, documents);
    this.uuid = parts.identifier;
    this.nameImagesByPath();
    this.keepEmptyTextAlternatives();
  }

  /** The finished EPUB file. */
  async bytes(): Promise<Buffer> {
    await this.render();
    this.zip.forEach((_, entry) => {
      entry.date = this.parts.date;
    });
    return this.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
  }

  protected override async generateTemplateFiles(): Promise<void> {
    await super.generateTemplateFiles();
    const oebps = this.zip.folder('OEBPS')!;
    oebps.file('content.opf', this.parts.packageDocument(this.images as EpubImage[]));
    oebps.file('toc.xhtml', this.parts.navDocument);
    // EPUB 3 readers use the navigation document; the EPUB 2 NCX would be a second, flat contents.
    this.zip.remove('OEBPS/toc.ncx');
  }

  /** The images are the manual's own files, read through the model rather than fetched by URL, so each can be prepared for the EPUB. */
  protected override async downloadAllImages(): Promise<void> {
    // An empty folder in the container is an epubcheck warning (PKG-014): a manual may show no image.
    if (this.images.length === 0) return void this.zip.remove('OEBPS/images');
    const folder = this.zip.folder('OEBPS')!.folder('images')!;
    for (const image of this.images as EpubImage[]) {
      const file = this.fileOf(image.url);
      folder.file(`${image.id}.${image.extension}`, this.parts.imageData(file, image));
    }
  }

  /**
   * epub-gen-memory writes "image-placeholder" where an image's text alternative is empty, which
   * screen readers then read out; an empty one is the author's: the image says nothing the text
   * around it does not (a figure's caption, a decoration).
   */
  private keepEmptyTextAlternatives(): void {
    for (const document of this.content)
      document.content = document.content.replaceAll(' alt="image-placeholder"', ' alt=""');
  }

  /** An image's path relative to the manual's root: a base manual's images are outside it (`../regional/...`). */
  private fileOf(url: string): string {
    return path.relative(fileURLToPath(this.parts.rootUrl), fileURLToPath(url)).split(path.sep).join('/');
  }

  private nameImagesByPath(): void {
    for (const image of this.images) {
      const relative = this.fileOf(image.url);
      const id = `image-${createHash('sha256').update(relative).digest('hex').slice(0, 16)}`;
      for (const document of this.content)
        document.content = document.content.split(`images/${image.id}.`).join(`images/${id}.`);
      image.id = id;
    }
  }
}
