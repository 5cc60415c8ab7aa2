import type { Book } from '../core/book.ts';
import type { OutputFile, RenderContext, Renderer } from '../render/contract.ts';

/**
 * Runs every renderer at once (each waits only for the results it reads) and returns their
 * files in the order of `renderers`. A renderer that fails withdraws what it would have
 * published, with its error, so the renderers waiting for it stop too; the first failure is the
 * one reported, once every renderer has settled.
 */
export async function renderBook(
  book: Book,
  renderers: readonly Renderer[],
  context: RenderContext,
): Promise<OutputFile[]> {
  let failure: { error: unknown } | undefined;
  const runs = renderers.map(async (renderer) => {
    try {
      if (renderer.startsAfter) await context.results.get(renderer.startsAfter);
      return await renderer.render(book, context);
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
  return settled.flatMap((run) => (run.status === 'fulfilled' ? run.value : []));
}
