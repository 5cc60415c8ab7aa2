import type { FootnoteDefinition, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Gives a chapter the notes it refers to, numbered 1, 2, 3 in the order it refers to them (a
 * document split into chapters numbers its notes per chapter, as the manual prints them), as
 * footnote definitions at its end. Returns the ids of references to notes the document lacks.
 */
export function attachNotes(chapter: Root, notes: ReadonlyMap<string, FootnoteDefinition>): string[] {
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
  }
  return missing;
}
