import type { Book } from '../core/book.ts';
import type { OutputFile, RenderContext, Renderer } from '../render/contract.ts';
import { ABSENT, type ResultName } from '../render/results.ts';

/** The files one renderer made. */
export interface Rendered {
  renderer: Renderer;
  files: OutputFile[];
}

/**
 * Runs every renderer at once (each waits only for the results it reads) and returns what each
 * made, in the order of `renderers`. A result none of them publishes is what it is when absent
 * (see ABSENT). A renderer that fails withdraws what it would have published, with its error, so
 * the renderers waiting for it stop too; the first failure is the one reported, once every
 * renderer has settled.
 */
export async function renderBook(
  book: Book,
  renderers: readonly Renderer[],
  context: RenderContext,
): Promise<Rendered[]> {
  let failure: { error: unknown } | undefined;
  const published = new Set(renderers.flatMap((renderer) => renderer.publishes ?? []));
  for (const [name, value] of Object.entries(ABSENT) as [ResultName, never][])
    if (!published.has(name)) context.results.publish(name, value);
  const runs = renderers.map(async (renderer) => {
    try {
      if (renderer.startsAfter) await context.results.get(renderer.startsAfter);
      return { renderer, files: await renderer.render(book, context) };
    } catch (error) {
      failure ??= { error };
      context.results.withdraw(renderer.publishes ?? [], error);
      throw error;
    } finally {
      context.results.withdraw(
        renderer.publishes ?? [],
        new Error(`the ${renderer.name} renderer ended without publishing all it promised`),
      );
    }
  });
  const settled = await Promise.allSettled(runs);
  if (failure) throw failure.error;
  return settled.flatMap((run) => (run.status === 'fulfilled' ? [run.value] : []));
}
