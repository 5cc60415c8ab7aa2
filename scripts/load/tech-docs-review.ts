import { isScalar, type Node } from 'yaml';
import type { Where } from '../core/diagnostics.ts';
import type { Review } from './types.ts';
import type { YamlFile } from './yaml-file.ts';

/**
 * The GOV.UK Tech Docs Template's review keys: `last_reviewed_on: 2024-01-31` and `review_in:
 * 6 months` say when a page is next due, and `owner_slack: "#team"` who keeps it. They mean what
 * `review-by` and `owner` mean here, so a page moved in keeps its review date.
 */
export const TECH_DOCS_KEYS = ['last_reviewed_on', 'review_in', 'owner_slack'];

const PERIOD = /^(\d+)\s*(day|week|month|year)s?$/i;

/** The review the Tech Docs keys give; `owner` and `review-by`, where a chapter has them too, win. */
export function techDocsReview(yaml: YamlFile, keys: Record<string, { value: Node | null; where: Where }>): Review {
  const owner = textOf(keys.owner_slack?.value);
  const reviewed = textOf(keys.last_reviewed_on?.value);
  const period = textOf(keys.review_in?.value);
  if (reviewed === undefined && period === undefined) return owner ? { owner } : {};
  const due = reviewed && period ? dueMonth(reviewed, period) : undefined;
  if (due === undefined) {
    const at = (keys.review_in ?? keys.last_reviewed_on)!.where;
    yaml.diagnostics.warning(
      at,
      'the review date of this page cannot be worked out from "last_reviewed_on" and "review_in"',
      'give both, as last_reviewed_on: 2024-01-31 and review_in: 6 months, or write review-by: YYYY-MM',
      'review-date-unreadable',
    );
    return owner ? { owner } : {};
  }
  return { ...(owner ? { owner } : {}), by: due, at: keys.review_in!.where };
}

function textOf(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const value = node.value instanceof Date ? node.value.toISOString().slice(0, 10) : String(node.value).trim();
  return value || undefined;
}

/** `2024-01-31` and `6 months` -> `2024-07`; undefined when either cannot be read. */
function dueMonth(reviewed: string, period: string): string | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(reviewed);
  const every = PERIOD.exec(period.trim());
  if (!date || !every) return undefined;
  const due = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
  if (Number.isNaN(due.getTime())) return undefined;
  const count = Number(every[1]);
  const unit = every[2].toLowerCase();
  if (unit === 'day') due.setUTCDate(due.getUTCDate() + count);
  else if (unit === 'week') due.setUTCDate(due.getUTCDate() + 7 * count);
  else due.setUTCMonth(due.getUTCMonth() + (unit === 'year' ? 12 * count : count), 1);
  return due.toISOString().slice(0, 7);
}
