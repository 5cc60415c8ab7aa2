import { Diagnostics } from '../core/diagnostics.ts';
import { numberedTitle } from '../core/numbered-title.ts';
import type { Settings } from '../core/settings.ts';
import { isOverdue } from '../load/review.ts';
import type { ChapterSource } from '../load/types.ts';
import { checkManual, pipelineOptions } from '../pipeline/pipeline.ts';
import { BASE_RULE, regionalReviews } from './regional-reviews.ts';
import { plural, report } from './report.ts';

/** A chapter as `manual reviews` lists it. */
interface Listed {
  label: string;
  source: ChapterSource;
}

/** The warnings the list shows instead. */
const LISTED = new Set<string>(['review-overdue', BASE_RULE]);

/**
 * Lists first, for a manual on a regional base, the local files over base chapters the base
 * changed since the latest release; then every chapter by the month it is due for review,
 * earliest first, with its owner, those overdue for the current edition marked; then the chapters
 * with no review date. What the lists show is not reported again as warnings.
 */
export async function runReviews(settings: Settings): Promise<number> {
  const diagnostics = new Diagnostics();
  const checked = await checkManual(settings.root, diagnostics, pipelineOptions(settings));
  const others = new Diagnostics();
  others.items.push(...diagnostics.items.filter((d) => !LISTED.has(d.ruleId)));
  others.acceptances.push(...diagnostics.acceptances.filter((a) => !LISTED.has(a.rule)));
  report(others);
  if (!checked) return 1;
  const edition = checked.source.editions[0];
  process.stdout.write(regionalReviews(checked.baseChanges, diagnostics));
  const listed: Listed[] = [...checked.numbered.contents.chapters.values()].flatMap((node) => {
    const source = checked.source.chapters.get(node.id);
    return source ? [{ label: numberedTitle(node), source }] : [];
  });
  const dated = listed.filter((c) => c.source.review.by).sort(byReviewMonth);
  const undated = listed.filter((c) => !c.source.review.by);
  const overdue = dated.filter((c) => isOverdue(c.source.review.by!, edition.date));
  process.stdout.write(
    `${checked.source.manifest.meta.title}, ${edition.label} edition: ${plural(overdue.length, 'chapter')} overdue for review, ${undated.length} with no review date\n`,
  );
  for (const chapter of dated) {
    const by = chapter.source.review.by!;
    process.stdout.write(`${line(isOverdue(by, edition.date) ? 'overdue' : '', by, chapter)}\n`);
  }
  for (const chapter of undated) process.stdout.write(`${line('no date', '', chapter)}\n`);
  return diagnostics.hasErrors() ? 1 : 0;
}

const byReviewMonth = (a: Listed, b: Listed) =>
  a.source.review.by! < b.source.review.by! ? -1 : a.source.review.by! > b.source.review.by! ? 1 : 0;

function line(state: string, by: string, { label, source }: Listed): string {
  const owner = source.review.owner ? `  owner: ${source.review.owner}` : '';
  return `${state.padEnd(8)} ${by.padEnd(7)}  ${label}${owner}  (${source.file})`;
}
