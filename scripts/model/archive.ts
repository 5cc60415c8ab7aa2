import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Archive, ArchivedEdition } from '../core/book.ts';
import type { ArchivedRelease } from '../load/types.ts';

/**
 * The archive as the book model hands it to renderers: newest first, each edition in force from
 * its date until the next one's. The latest release before the current edition is in force until
 * the current edition's date whether or not the current one is archived yet, so what is made of
 * the list is the same before and after the current edition's release. Releases newer than the
 * current edition (an older edition built again) are left out: they had not been made then.
 */
export function bookArchive(releases: readonly ArchivedRelease[], current: { id: string; date: string }): Archive {
  const kept = releases.filter((r) => r.id <= current.id);
  const folders = new Map(kept.map((r) => [r.id, r.folder]));
  const editions = kept.map((release, i): ArchivedEdition => {
    const isCurrent = release.id === current.id;
    const until = isCurrent ? undefined : (kept[i + 1]?.date ?? current.date);
    return {
      id: release.id,
      label: release.label,
      from: release.date,
      ...(until === undefined ? {} : { until }),
      folder: release.shownFolder,
      files: release.files,
      hasWeb: release.hasWeb,
      chapters: release.chapters,
      ...(release.epub === undefined ? {} : { epub: release.epub }),
      current: isCurrent,
    };
  });
  return {
    editions: editions.reverse(),
    read: (edition, name) => {
      const folder = folders.get(edition);
      // A name from release.json stays inside its release's folder, links followed: the preview serves what this reads.
      if (folder === undefined || name.split('/').some((part) => part === '..' || part === ''))
        throw new Error(`no archived file ${name} in edition ${edition}`);
      const file = realpathSync(path.join(folder, ...name.split('/')));
      if (!file.startsWith(`${realpathSync(folder)}${path.sep}`))
        throw new Error(`the archived file ${name} of edition ${edition} is a link out of its release's folder`);
      return readFileSync(file);
    },
  };
}
