/** What renderers publish for each other while a build runs, and how one waits for another's. */

/** Where the pages of a printed edition fall: the page of every anchor and block, and how many pages. */
export interface PagePositions {
  pageOf: ReadonlyMap<string, number>;
  pageCount: number;
}

/** A printed binder PDF: its bytes, and where each of its parts starts and how many pages it has. */
export interface PrintedBinder {
  bytes: Uint8Array;
  layout: { pageOf: ReadonlyMap<string, number>; counts: ReadonlyMap<string, number> };
}

export interface Published {
  /** The partner PDF's pages as planned, before its final print lands: the EPUB is made from them while it prints. */
  'partner-pages-planned': PagePositions;
  /** The partner PDF's pages as printed. */
  'partner-pages': PagePositions;
  /** The binder PDF as printed: the amendment pack copies its pages, and a release records its page counts. */
  'binder-pdf': PrintedBinder;
  /** The version of the Chromium that printed the PDFs: a release records it. */
  'printed-with': string;
}

export type ResultName = keyof Published;

/** The partner PDF's pages when no PDF is printed: no page at all, and no page number for any anchor. */
export const NO_PAGES: PagePositions = { pageOf: new Map(), pageCount: 0 };

/**
 * What a result is when no renderer of a build publishes it (the preview prints no PDF): a
 * renderer reading page numbers then finds none and prints none. A result with no such value
 * must be published by a renderer of every build that has a renderer reading it.
 */
export const ABSENT: { readonly [K in ResultName]?: Published[K] } = {
  'partner-pages-planned': NO_PAGES,
  'partner-pages': NO_PAGES,
  'printed-with': '',
};

interface Slot {
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  done: boolean;
}

/**
 * The results of one build. Every result settles: its renderer publishes it, or the scheduler
 * withdraws it when that renderer ends without, so a renderer waiting for it never waits forever.
 */
export class Results {
  private readonly slots = new Map<ResultName, Slot>();

  /** Publishes a result, or the promise of one (its failure is the result's). */
  publish<K extends ResultName>(name: K, value: Published[K] | Promise<Published[K]>): void {
    const slot = this.slot(name);
    slot.done = true;
    slot.resolve(value);
  }

  get<K extends ResultName>(name: K): Promise<Published[K]> {
    return this.slot(name).promise as Promise<Published[K]>;
  }

  /** Fails every result of `names` not yet published, with `error`. */
  withdraw(names: readonly ResultName[], error: unknown): void {
    for (const name of names) {
      const slot = this.slot(name);
      if (slot.done) continue;
      slot.done = true;
      slot.reject(error);
    }
  }

  private slot(name: ResultName): Slot {
    let slot = this.slots.get(name);
    if (!slot) {
      let resolve!: Slot['resolve'];
      let reject!: Slot['reject'];
      const promise = new Promise((yes, no) => {
        resolve = yes;
        reject = no;
      });
      // A result nobody waits for may fail unseen: its renderer's own failure is what is reported.
      promise.catch(() => undefined);
      slot = { promise, resolve, reject, done: false };
      this.slots.set(name, slot);
    }
    return slot;
  }
}
