import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { MORPH_LIBRARY } from './morph-library.ts';

/** The preview's own routes; no file of a manual can be named so (site paths never start with a dot or `_`). */
export const PREVIEW_PREFIX = '/__preview/';
export const EVENTS_PATH = `${PREVIEW_PREFIX}events`;

/** What every open page is told after each rebuild: the problems to show, and each page's version. */
export interface PreviewState {
  /**
   * Each HTML page's version, by its path: `FRAME-CONTENT`, two short hashes (`pageVersion`). A
   * page whose content changed patches itself in place; one whose frame changed reloads.
   */
  pages: Record<string, string>;
  problems: Pick<Diagnostic, 'file' | 'line' | 'column' | 'severity' | 'message' | 'hint'>[];
  /** When the rebuild was told of the save (ms since the epoch), for the page to measure against. */
  savedAt?: number;
}

const shortHash = (data: string): string => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** A hash of the site's stylesheets and scripts, which every page is drawn with. */
export function assetsVersion(files: readonly (Uint8Array | string)[]): string {
  const hash = createHash('sha256');
  for (const data of files) hash.update(data);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A page's version, `FRAME-CONTENT`: FRAME hashes what the page is drawn with besides its body's
 * content (`pageFrame` and the site's `assets`), CONTENT the whole page. An open page can take in
 * new content in place, but a new stylesheet, script or inline style only by loading anew.
 */
export function pageVersion(html: string, assets: string): string {
  return `${shortHash(pageFrame(html) + assets)}-${shortHash(html)}`;
}

/**
 * The head but its title, and every script and inline style of the page: what a page patched in
 * place would not take in (scripts run and styles are allowed by the policy only as loaded).
 */
export function pageFrame(html: string): string {
  const end = html.search(/<\/head>/i);
  const head = end === -1 ? '' : html.slice(0, end).replace(/<title\b[\s\S]*?<\/title>/i, '');
  const parts = [...html.matchAll(/<(script|style)\b[\s\S]*?<\/\1>/gi)].map((match) => match[0]);
  return [head, ...parts].join('\n');
}

export function problemsOf(items: readonly Diagnostic[]): PreviewState['problems'] {
  return sortDiagnostics(items).map(({ file, line, column, severity, message, hint }) => ({
    file,
    line,
    column,
    severity,
    message,
    hint,
  }));
}

/** The open pages' event streams (server-sent events): each is sent the latest state on connecting, then every new one. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();
  private state: PreviewState = { pages: {}, problems: [] };

  connect(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    this.send(response);
  }

  publish(state: PreviewState): void {
    this.state = state;
    for (const client of this.clients) this.send(client);
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private send(client: ServerResponse): void {
    client.write(`event: state\ndata: ${JSON.stringify(this.state)}\n\n`);
  }
}

/**
 * The served copy of an HTML page: the preview's stylesheet, the morphing library and the client
 * script before `</head>`, and the page's version for the client to compare with the stream's
 * (a page made on demand, which the stream does not list, compares it with its copy as served).
 */
export function withClient(html: string, version: string, onDemand = false): string {
  const tags =
    `<meta name="preview-version" content="${version}">` +
    (onDemand ? '<meta name="preview-on-demand" content="">' : '') +
    `<link rel="stylesheet" href="${PREVIEW_PREFIX}overlay.css">` +
    `<script src="${PREVIEW_PREFIX}${MORPH_LIBRARY.served}" defer></script>` +
    `<script src="${PREVIEW_PREFIX}client.js" defer></script>`;
  const at = html.search(/<\/head>/i);
  return at === -1 ? tags + html : html.slice(0, at) + tags + html.slice(at);
}

/** The sha256 sources of a page's inline `<style>` elements, for its Content-Security-Policy. */
export function inlineStyleHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi))
    hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
  return [...hashes];
}
