/** Something a build starts once and stops at its end: Chromium. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * What the renderers of one build share, made by the first renderer that asks for it (or by one
 * warming up before the book is made) and closed when the build ends, however it ends. Each is
 * known by a key its maker names; renderers that need the same thing ask with the same key.
 */
export class SharedResources {
  private readonly made = new Map<string, Closable>();

  use<T extends Closable>(key: string, make: () => T): T {
    let found = this.made.get(key);
    if (!found) this.made.set(key, (found = make()));
    return found as T;
  }

  async close(): Promise<void> {
    const all = [...this.made.values()];
    this.made.clear();
    await Promise.all(all.map((resource) => resource.close()));
  }
}
