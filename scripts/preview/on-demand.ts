import type { Book } from '../core/book.ts';
import { formatDiagnostic, ManualError, type Diagnostic } from '../core/diagnostics.ts';
import type { Renderer } from '../render/contract.ts';
import { renderSite, SITE_FOLDER, type SiteSettings } from './render-site.ts';
import type { OnDemand, SiteData } from './site-files.ts';

/** The renderers the preview runs when a file is asked for: by the file each names, and those asked for any file. */
export interface OnDemandRenderers {
  named: ReadonlyMap<string, Renderer>;
  anyFile: readonly Renderer[];
}

/** The renderers that may make `name` (a site path), in the order they are asked: the one naming it, else each asked for any file. */
export function onDemandRenderers({ named, anyFile }: OnDemandRenderers, name: string): Renderer[] {
  const naming = named.get(name);
  return naming ? [naming] : [...anyFile];
}

/**
 * Makes a file of `book` that a renderer makes on demand, asking each renderer that may make it
 * for that file alone (`only`), in turn until one does: a request costs one file of a large
 * archive, never the archive. A file a renderer names (the search index, made from the whole book)
 * is made once for the book; any other is made on each request, since it is one file and what it
 * reads may change under the preview (an archived file changed is told at once), and none is
 * held. What each attempt found is told to `told` by the file's name (no problems: made, or made
 * by none); a failure fails the request with its problems, naming the file, and is tried again
 * when asked again.
 */
export function onDemandFiles(
  book: Book,
  renderers: OnDemandRenderers,
  settings: SiteSettings,
  told: (name: string, problems: Diagnostic[]) => void,
): OnDemand {
  const kept = new Map<string, Promise<SiteData | undefined>>();
  const make = async (name: string) => {
    for (const renderer of onDemandRenderers(renderers, name)) {
      let files: Map<string, SiteData>;
      try {
        files = await renderSite(book, [renderer], settings, undefined, `${SITE_FOLDER}${name}`);
      } catch (error) {
        const problems = problemsOf(renderer, name, error);
        told(name, problems);
        throw new Error(`${name} could not be made:\n${problems.map(formatDiagnostic).join('\n')}`);
      }
      const made = files.get(name);
      if (made !== undefined) {
        told(name, []);
        return made;
      }
    }
    told(name, []);
    return undefined;
  };
  return (name) => {
    if (!renderers.named.has(name)) return make(name);
    let found = kept.get(name);
    if (!found) {
      found = make(name);
      kept.set(name, found);
      found.catch(() => kept.delete(name));
    }
    return found;
  };
}

/** What a renderer's failure says: a stopped stage's problems, else its error as one problem. */
function problemsOf(renderer: Renderer, name: string, error: unknown): Diagnostic[] {
  if (error instanceof ManualError) return error.diagnostics;
  const message = `the ${renderer.name} renderer could not make it: ${(error as Error)?.message ?? String(error)}`;
  return [{ severity: 'error', file: name, message, ruleId: 'preview-failed' }];
}
