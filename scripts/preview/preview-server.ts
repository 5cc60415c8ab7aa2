import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import mime from 'mime';
import { containedDocument, containedImage, IMAGE_TYPES, sitePath } from './contain.ts';
import { EVENTS_PATH, PREVIEW_PREFIX, type LiveReload } from './live-reload.ts';
import { MORPH_LIBRARY } from './morph-library.ts';

/** A file of the built site as it is served: its bytes and its Content-Security-Policy. */
export interface ServedFile {
  data: Buffer;
  type: string;
  policy: string;
}

/** The preview's own files, by name under /__preview/: they live in templates/preview/ (and the morphing library in its package). */
const PREVIEW_FILES: Readonly<Record<string, string>> = {
  'client.js': 'text/javascript; charset=utf-8',
  'overlay.css': 'text/css; charset=utf-8',
};

/** The files of a site by path. */
export interface SiteFiles {
  get(name: string): ServedFile | undefined;
  /** A file made only when asked for, for a path the site and the manual's folder have no file at; none when nothing makes it. */
  make(name: string): Promise<ServedFile | undefined>;
  /** The manual's file (relative to its folder) of a document the site publishes at `name`: served from disk, never held. */
  documentOf(name: string): string | undefined;
}

export interface ServerOptions {
  /** The manual's folder: only the documents the site publishes are served from it, and the images of its chapters/. */
  manualDir: string;
  /** The folder holding the preview's client script and overlay stylesheet. */
  previewDir: string;
  /** The morphing library's file (`morphLibraryFile`); none: it is not served, and pages reload. */
  morphLibrary?: string;
  /** The site as last built, by path ('index.html', 'chapters/x.html'). */
  site: () => SiteFiles;
  live: LiveReload;
  /** The Host headers answered (`127.0.0.1:4000`); none: any. A page of another site that renames itself to this address (DNS rebinding) names its own host. */
  hosts: () => ReadonlySet<string> | undefined;
}

/** Every resource of the preview comes from the preview itself; inline styles only by their hash. */
export function contentPolicy(styleHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${styleHashes.join(' ')}`.trim(),
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function servedFile(name: string, data: Buffer, styleHashes?: string[]): ServedFile {
  return { data, type: typeOf(name), policy: contentPolicy(styleHashes) };
}

function typeOf(name: string): string {
  const type = IMAGE_TYPES[path.posix.extname(name).toLowerCase()] ?? mime.getType(name) ?? 'application/octet-stream';
  return /^text\/|javascript|json|[/+]xml$/.test(type) ? `${type}; charset=utf-8` : type;
}

/** The preview's HTTP server: the site in memory, the manual's images, the client script and the event stream. */
export function previewServer(options: ServerOptions): Server {
  return createServer((request, response) => {
    route(request, response, options).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `${(error as Error).message}\n`);
      else response.destroy();
    });
  });
}

async function route(request: IncomingMessage, response: ServerResponse, options: ServerOptions): Promise<void> {
  const hosts = options.hosts();
  if (hosts && !hosts.has(request.headers.host?.toLowerCase() ?? '')) return notFound(response, 421);
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(response, 405);
  const target = request.url ?? '';
  if (target.split('?', 1)[0] === EVENTS_PATH) return options.live.connect(response);
  if (target.startsWith(PREVIEW_PREFIX)) {
    const name = target.slice(PREVIEW_PREFIX.length).split('?', 1)[0];
    const file = previewFile(name, options);
    if (!file) return notFound(response);
    return send(response, 200, file.type, await readFile(file.path), request.method === 'HEAD');
  }
  const asked = sitePath(target);
  if (asked === undefined) return notFound(response);
  const name = asked === '' || asked.endsWith('/') ? `${asked}index.html` : asked;
  const site = options.site();
  const headOnly = request.method === 'HEAD';
  const file = site.get(name);
  if (file) return send(response, 200, file.type, file.data, headOnly, file.policy);
  const found = await fromDisk(name, site, options.manualDir);
  if (found) return send(response, 200, typeOf(found), await readFile(found), headOnly);
  const made = await site.make(name);
  if (!made) return notFound(response);
  send(response, 200, made.type, made.data, headOnly, made.policy);
}

/**
 * A file of the site served from the manual's folder, realpath-contained: an image of chapters/
 * (as a chapter's raw HTML may name it), or a document the site publishes at `name`.
 */
function fromDisk(name: string, site: SiteFiles, manualDir: string): Promise<string | undefined> {
  if (name.startsWith('chapters/'))
    return containedImage(path.join(manualDir, 'chapters'), name.slice('chapters/'.length));
  const document = site.documentOf(name);
  return document === undefined ? Promise.resolve(undefined) : containedDocument(manualDir, document);
}

/** A file of the preview's own by its name under /__preview/: only those named here, never a path from the request. */
function previewFile(name: string, options: ServerOptions): { path: string; type: string } | undefined {
  if (name === MORPH_LIBRARY.served)
    return options.morphLibrary ? { path: options.morphLibrary, type: PREVIEW_FILES['client.js'] } : undefined;
  return Object.hasOwn(PREVIEW_FILES, name)
    ? { path: path.join(options.previewDir, name), type: PREVIEW_FILES[name] }
    : undefined;
}

const REFUSALS: Record<number, string> = {
  404: 'Not found\n',
  405: 'Method not allowed\n',
  421: 'This preview answers only to the address it printed\n',
};

function notFound(response: ServerResponse, status = 404): void {
  send(response, status, 'text/plain; charset=utf-8', REFUSALS[status]);
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
  headOnly = false,
  policy = contentPolicy(),
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(headOnly ? undefined : body);
}
