import { rmSync } from 'node:fs';
import path from 'node:path';
import { copyManual, edit, manual, write } from './fixture.ts';

/**
 * Three releases of a copy of the small manual, with changes between: February 2025; August 2025
 * with Placements changed and a Contact chapter added before Visits (which is renumbered 2.1.2 to
 * 2.1.3); February 2026 with Placements changed again, Visits changed and Early Help removed.
 * Returns the copy's folder; its current edition is February 2026, released.
 */
export function editionStory(): string {
  const root = copyManual();
  const release = (edition: string) => {
    const result = manual(['release', '--root', root, '-q']);
    if (result.status !== 0) throw new Error(`release ${edition}: ${result.stderr}`);
  };
  const addEdition = (text: string) => edit(root, 'chapters/amendments.yml', 'editions:\n', `editions:\n${text}`);
  release('2025-02');
  edit(root, 'chapters/care/placements.md', 'Plan first.', 'Plan first, with the family.');
  write(root, 'chapters/care/contact.md', '# Contact\n\nFamily time is arranged by the team.\n');
  edit(
    root,
    'chapters/contents.yml',
    '          - chapter: care/visits\n',
    '          - chapter: care/contact\n          - chapter: care/visits\n',
  );
  addEdition(
    '  - edition: 2025-08\n    date: 2025-08-04\n    updated:\n      - chapter: care/placements\n        details: Planning involves the family.\n' +
      '    new:\n      - chapter: care/contact\n        details: How family time is arranged.\n',
  );
  release('2025-08');
  edit(root, 'chapters/care/placements.md', 'Check the home.', 'Check the home and the school.');
  edit(root, 'chapters/care/visits.md', 'Visit every six weeks.', 'Visit every four weeks.');
  edit(root, 'chapters/contents.yml', '      - chapter: help/early-help\n', '');
  rmSync(path.join(root, 'chapters/help/early-help.md'));
  addEdition(
    '  - edition: 2026-02\n    date: 2026-02-02\n    updated:\n      - chapter: care/visits\n        details: Visits are more frequent.\n' +
      '      - chapter: care/placements\n        details: Checks include the school.\n' +
      '    removed:\n      - chapter: help/early-help\n        title: Early Help\n        details: Early help is in the partnership manual.\n',
  );
  release('2026-02');
  return root;
}

/** The story, then a build of its current edition: the copy's folder and its web edition's. */
export function builtEditionStory(): { root: string; web: string } {
  const root = editionStory();
  const built = manual(['build', '--root', root, '-q']);
  if (built.status !== 0) throw new Error(built.stderr);
  return { root, web: path.join(root, 'dist/web') };
}
