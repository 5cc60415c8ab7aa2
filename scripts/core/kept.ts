import { Diagnostics, type Diagnostic } from './diagnostics.ts';

/**
 * Returns the value `make` made in `slot` when it was last made under the same `key`, and reports
 * again the problems it reported then; else makes it, with its own problems, and keeps it there
 * in place of the old one. A key names everything the value and its problems are made from, so a
 * kept value is always what `make` would make now. A value that is a promise has its problems
 * reported once it settles, and is not kept if it fails.
 */
export type KeepChecked = <T>(
  slot: string,
  key: string,
  diagnostics: Diagnostics,
  make: (diagnostics: Diagnostics) => T,
) => T;

/** Keeps nothing: every value is made, its problems reported as found. */
export const KEEP_NO_CHECKS: KeepChecked = (_slot, _key, diagnostics, make) => make(diagnostics);

/** A keep for runs of the pipeline on one manual, one after another (the preview). */
export function keptChecks(): KeepChecked {
  const slots = new Map<string, { key: string; value: unknown; problems: Diagnostic[] }>();
  return <T>(slot: string, key: string, diagnostics: Diagnostics, make: (diagnostics: Diagnostics) => T): T => {
    let kept = slots.get(slot);
    if (kept?.key !== key) {
      const own = new Diagnostics();
      kept = { key, value: make(own), problems: own.items };
      slots.set(slot, kept);
    }
    const { value, problems } = kept;
    const report = () => void diagnostics.items.push(...problems);
    if (!(value instanceof Promise)) {
      report();
      return value as T;
    }
    const made = kept;
    return value.then(
      (settled: unknown) => (report(), settled),
      (error: unknown) => {
        if (slots.get(slot) === made) slots.delete(slot);
        throw error;
      },
    ) as T;
  };
}
