import { createRequire } from 'node:module';
import path from 'node:path';
import { toolRoot } from '../core/tool-root.ts';

/**
 * The DOM-morphing library an open page patches itself with, served from the installed package
 * under /__preview/ (the page's policy allows scripts of the preview only). Its browser build
 * defines the global `Idiomorph`.
 */
export const MORPH_LIBRARY = { package: 'idiomorph', file: 'dist/idiomorph.js', served: 'idiomorph.js' } as const;

/** The library's file, or undefined when the package is not installed: pages then reload on every change. */
export function morphLibraryFile(): string | undefined {
  try {
    return createRequire(path.join(toolRoot(), 'package.json')).resolve(
      `${MORPH_LIBRARY.package}/${MORPH_LIBRARY.file}`,
    );
  } catch {
    return undefined;
  }
}
