import { distance } from 'fastest-levenshtein';
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostics, Where } from '../core/diagnostics.ts';
import { monthLabels } from '../core/dates.ts';
import { TECH_DOCS_KEYS, techDocsReview } from './tech-docs-review.ts';
import type { ChapterSource, EditionSpec, Review } from './types.ts';
import type { YamlFile } from './yaml-file.ts';

export const OWNER_KEY = 'owner';
export const REVIEW_BY_KEY = 'review-by';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Reads `owner:` and `review-by: YYYY-MM` from a chapter's front matter. Other keys are the
 * author's own (`last-reviewed`, `review-due`: kept as metadata), but one within two letters of
 * these two is reported as a misspelling: a review date silently ignored would never come due.
 */
export function readReview(yaml: YamlFile): Review {
  const map = yaml.doc.contents;
  if (!isMap(map)) return {};
  const review: Review = {};
  const techDocs: Record<string, { value: Node | null; where: Where }> = {};
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = pair.value as Node | null;
    const where = yaml.where(value ?? (pair.key as Node));
    if (key === OWNER_KEY) review.owner = readOwner(yaml, value, where);
    else if (key === REVIEW_BY_KEY) Object.assign(review, readMonth(yaml, value, where));
    else if (TECH_DOCS_KEYS.includes(key)) techDocs[key] = { value, where };
    else warnIfMisspelt(yaml, key, yaml.where(pair.key as Node));
  }
  return { ...techDocsReview(yaml, techDocs), ...definedOnly(review) };
}

function definedOnly(review: Review): Review {
  return Object.fromEntries(Object.entries(review).filter(([, value]) => value !== undefined));
}

function readOwner(yaml: YamlFile, value: Node | null, where: Where): string | undefined {
  const text = isScalar(value) && typeof value.value === 'string' ? value.value.trim() : undefined;
  if (text) return text;
  yaml.diagnostics.error(
    where,
    `"${OWNER_KEY}" must name who keeps the chapter current`,
    'write it as owner: "Head of Fostering", a role rather than a person who may move on',
    'owner-format',
  );
  return undefined;
}

function readMonth(yaml: YamlFile, value: Node | null, where: Where): Pick<Review, 'by' | 'at'> {
  const text = isScalar(value) ? String(value.value).trim() : '';
  if (MONTH.test(text)) return { by: text, at: where };
  const fullDate = /^(\d{4}-(0[1-9]|1[0-2]))-\d{2}$/.exec(text);
  yaml.diagnostics.error(
    where,
    `"${REVIEW_BY_KEY}" must be a year and month, YYYY-MM`,
    fullDate ? `write the month only: review-by: ${fullDate[1]}` : 'write it as review-by: 2026-03',
    'review-by-format',
  );
  return {};
}

function warnIfMisspelt(yaml: YamlFile, key: string, where: Where): void {
  const written = key.toLowerCase().replace(/[_ ]/g, '-');
  const near = [OWNER_KEY, REVIEW_BY_KEY].find((known) => distance(written, known) <= 2 && key !== known);
  if (!near) return;
  yaml.diagnostics.warning(
    where,
    `"${key}" in the front matter is not read: did you mean "${near}"?`,
    near === REVIEW_BY_KEY
      ? 'rename it to review-by: and give the month, as in review-by: 2026-03'
      : `rename it to ${near}:`,
    'review-key-misspelt',
  );
}

/**
 * A warning at the `review-by` line of every chapter whose review month ended before the current
 * edition's date, naming its owner, so the policy team can chase each one before the deadline.
 */
export function warnOverdueReviews(
  chapters: Iterable<ChapterSource>,
  edition: EditionSpec,
  language: string,
  diagnostics: Diagnostics,
): void {
  const month = monthLabels(language);
  for (const chapter of chapters) {
    const { by, at, owner } = chapter.review;
    if (!by || !at || !isOverdue(by, edition.date)) continue;
    diagnostics.warning(
      at,
      `the chapter was due for review by the end of ${month(`${by}-01`)}, before the ${edition.label} edition`,
      `${owner ? `ask its owner (${owner}) to review it` : 'review it'}, then set review-by: to the month of its next review`,
      'review-overdue',
    );
  }
}

/** Due by the end of `by`: overdue once the edition's date falls in a later month. */
export const isOverdue = (by: string, editionDate: string) => by < editionDate.slice(0, 7);
