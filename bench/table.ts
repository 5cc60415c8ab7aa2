import type { ShapeName } from './manual-shapes.ts';
import type { PreviewResult } from './preview-bench.ts';
import type { WebResult } from './web-bench.ts';

/** What the benchmark measured for one size of manual; seconds are medians of the runs. */
export interface SizeResult {
  /** The synthetic manual's shape; results from before there were two hold only Derby's, without it. */
  shape?: ShapeName;
  target: number;
  chapters: number;
  markdownBytes: number;
  pages: { partner: number; binder: number };
  check: Measured;
  floor: Measured;
  cold: Build;
  rebuild: Build;
  /** Cold builds with the two editions printed one after the other (MANUAL_PRINT_ONE_AT_A_TIME=1), as on a machine short of memory. */
  coldOneAtATime: Build;
  epub: Measured;
  /** The fidelity ledger's step of each cold build (`checking the outputs` in its timings); none in results from before it. */
  ledger?: Measured & { share: number };
  /** The web edition's renderers alone, in the process, without page numbers; the index's size; the preview and the search. */
  web?: Measured;
  searchIndexGzipBytes?: number;
  preview?: PreviewResult;
  /** `manual build --timings` of the last cold build: where its time went. */
  lastBuildTimings: string;
}

interface Measured {
  seconds: number[];
  median: number;
}

interface Build extends Measured {
  peakBytes: number;
  /** The median of each run's ratio to the floor measured just before it. */
  ratio: number;
}

export interface Report {
  date: string;
  machine: { cpus: number; cpu: string; memoryGB: number; node: string; chromium: string };
  runs: number;
  sizes: SizeResult[];
}

/** The shape a size was measured in: Derby's when the results predate shapes. */
export const shapeOf = (r: Pick<SizeResult, 'shape'>): ShapeName => r.shape ?? 'derby';

const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GB`;

/** The results as a markdown table, as the README shows them. */
export function resultsTable(report: Report): string {
  const m = report.machine;
  const head = [
    '| Shape (chapters) | Partner / binder pages | `check` | Floor (1 bare print) | Cold build | Cold / floor | Rebuild, 1 chapter changed | Rebuild / floor | Pages a second (cold, both PDFs) | EPUB alone | Ledger (its share of cold) | Peak memory | Cold, one PDF at a time | Its ratio and peak |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = report.sizes.map((r) => {
    const cells = [
      `${shapeOf(r)} (${r.chapters})`,
      `${r.pages.partner} / ${r.pages.binder}`,
      s(r.check.median),
      s(r.floor.median),
      s(r.cold.median),
      x(r.cold.ratio),
      s(r.rebuild.median),
      x(r.rebuild.ratio),
      ((r.pages.partner + r.pages.binder) / r.cold.median).toFixed(0),
      s(r.epub.median),
      r.ledger ? `${s(r.ledger.median)} (${(100 * r.ledger.share).toFixed(1)}%)` : '-',
      gigabytes(Math.max(r.cold.peakBytes, r.rebuild.peakBytes)),
      s(r.coldOneAtATime.median),
      `${x(r.coldOneAtATime.ratio)}, ${gigabytes(r.coldOneAtATime.peakBytes)}`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const footer = `Medians of ${report.runs} runs (a ratio: the median of each run's build over the floor measured just before it), ${report.date.slice(0, 10)}, on ${m.cpus} cores (${m.cpu}), ${m.memoryGB} GB, Node ${m.node}, ${m.chromium}.`;
  const web = report.sizes.flatMap((r) =>
    r.web && r.preview && r.searchIndexGzipBytes
      ? [
          {
            label: `${shapeOf(r)} ${r.pages.partner}`,
            web: { web: r.web, searchIndexGzipBytes: r.searchIndexGzipBytes, preview: r.preview },
          },
        ]
      : [],
  );
  return [...head, ...rows, '', ...webTable(web), footer].join('\n');
}

const ms = (value: number) => `${value} ms`;

/** A row of the web edition's table: the size it was measured on, and what was. */
export interface WebRow {
  label: string;
  web: WebResult;
}

/** The web edition and the preview: a table of their own, after the builds'. */
export function webTable(rows: WebRow[]): string[] {
  if (!rows.length) return [];
  return [
    '| Pages | Web edition alone | Search index (gzip) | Preview start (warm cache) | Edit shown in the open page | contents.yml change shown | Search index loaded (file://) | First search result |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(({ label, web: { web, searchIndexGzipBytes, preview: p } }) => {
      const cells = [
        label,
        s(web.median),
        `${(searchIndexGzipBytes / 2 ** 20).toFixed(2)} MB`,
        ms(p.start.median),
        ms(p.edit.median),
        ms(p.contents.median),
        ms(p.searchLoad.median),
        ms(p.searchResult.median),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
  ];
}
