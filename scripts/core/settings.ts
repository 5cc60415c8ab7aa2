/**
 * What a command is told, from its flags and the MANUAL_* variables: built once, by the command
 * line, and passed down to each stage that needs a part of it. No stage reads the environment.
 */
export interface Settings {
  /** The manual's folder. */
  root: string;
  /** Where `build` writes the editions. */
  out: string;
  /** The archive of releases. */
  archive: string;
  /** Where parsed chapters and layouts are kept between runs; none keeps nothing. */
  cacheDir?: string;
  /** The templates the outputs are made from: the manual's own `templates/` (each file it holds overrides the built-in one), else the built-in ones. */
  templatesDir: string;
  /** Print how long each step took. */
  timings: boolean;
  /** False for `--no-change-marks`: no change bars or inline marks, whatever the edition says. */
  changeMarks: boolean;
  /** How `build` and `release` show their steps: a task list on a terminal, plain lines off one, or nothing. */
  progress: ProgressMode;
  /** How problems are printed: `text` for people, `json` for editors and CI, `github` for GitHub Actions. */
  format: ReportFormat;
  print: PrintSettings;
}

export type ReportFormat = 'text' | 'json' | 'github';
export type ProgressMode = 'terminal' | 'lines' | 'quiet';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'github'];

/** How the PDFs are printed. */
export interface PrintSettings {
  /** Chromium's path. */
  chromium: string;
  /** Milliseconds Chromium may take to start, and each print. */
  timeout: number;
  /** Bytes of memory the final prints may take. */
  memoryBudget: number;
  /** Print the PDFs one after the other (true), both at once (false), or as the memory budget decides (undefined). */
  oneAtATime?: boolean;
}

export const GIGABYTE = 2 ** 30;
