import type { FootnoteDefinition, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * Gives a chapter the notes it refers to, numbered 1, 2, 3 in the order it refers to them (a
 * document split into chapters numbers its notes per chapter, as the manual prints them), as
 * footnote definitions at its end; a note referred to twice is defined once. Adds the ids of the
 * notes it gave to `used`. Returns the ids of references to notes the document lacks.
 */
export function attachNotes(
  chapter: Root,
  notes: ReadonlyMap<string, FootnoteDefinition>,
  used = new Set<string>(),
): string[] {
  const numbers = new Map<string, string>();
  const missing: string[] = [];
  visit(chapter, 'footnoteReference', (reference) => {
    const id = reference.identifier;
    if (!notes.has(id)) {
      missing.push(id);
      return;
    }
    if (!numbers.has(id)) numbers.set(id, String(numbers.size + 1));
    reference.identifier = reference.label = numbers.get(id)!;
  });
  for (const [id, number] of numbers) {
    const note = structuredClone(notes.get(id)!);
    chapter.children.push({ ...note, identifier: number, label: number });
    used.add(id);
  }
  return missing;
}

/**
 * What the report says of each note no chapter refers to: its mark was where the import keeps
 * no note mark (a heading that became a chapter's title), so its text would be lost unsaid.
 */
export function notesNotCarried(notes: ReadonlyMap<string, FootnoteDefinition>, used: ReadonlySet<string>): string[] {
  return [...notes]
    .filter(([id]) => !used.has(id))
    .map(([id, note]) => {
      const text = toString(note).replace(/\s+/g, ' ').trim();
      const shown = text.length > 80 ? `${text.slice(0, 80).replace(/\s+\S*$/, '')}…` : text;
      return `the ${id.split('-')[0]} "${shown}" was not carried over: no chapter kept a mark of it (a mark on a heading that becomes a chapter's title is not kept)`;
    });
}
