import path from 'node:path';

/** The largest document a manual may offer for download, unless a setting says otherwise. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * The endings of the files a manual publishes as documents when a chapter links to them: forms,
 * guides, spreadsheets, and images offered for download. SVG is left out: opened from the web
 * edition's address, its scripts would run as the site's own.
 */
// prettier-ignore
export const DOCUMENT_ENDINGS = new Set([
  '.pdf', '.doc', '.docx', '.odt', '.ods', '.odp', '.xls', '.xlsx', '.ppt', '.pptx', '.csv', '.txt', '.rtf',
  '.png', '.jpg', '.jpeg', '.gif', '.webp',
]);

/** Whether a file's name makes it a document when linked (see DOCUMENT_ENDINGS). */
export const isDocumentName = (name: string) => DOCUMENT_ENDINGS.has(path.extname(name).toLowerCase());

/** A size as readers are told it: "48 KB", "1.2 MB". */
export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** What a file linked from the manual is, read from its bytes. */
export interface DocumentKind {
  /** As a reader is told: "PDF document", "Word document", ... */
  label: string;
  /** Why it must never be handed to a reader, when it must not. */
  refusal?: { rule: 'document-macros' | 'document-program' | 'document-misnamed'; why: string };
}

const MACRO_ENDINGS = new Set(['.docm', '.dotm', '.xlsm', '.xltm', '.xlam', '.pptm', '.potm', '.ppsm']);
// prettier-ignore
const PROGRAM_ENDINGS = new Set([
  '.exe', '.com', '.scr', '.msi', '.bat', '.cmd', '.ps1', '.vbs', '.vbe', '.wsf', '.js', '.jse', '.sh', '.jar',
  '.app', '.dll', '.so', '.dylib', '.hta', '.lnk', '.reg', '.pif', '.cpl',
]);
/** Endings that promise a format, and the labels whose bytes keep that promise. */
const PROMISED: Record<string, string[]> = {
  '.pdf': ['PDF document'],
  '.docx': ['Word document'],
  '.xlsx': ['Excel spreadsheet'],
  '.pptx': ['PowerPoint presentation'],
  '.odt': ['OpenDocument text'],
  '.ods': ['OpenDocument spreadsheet'],
  '.odp': ['OpenDocument presentation'],
  '.doc': ['Word 97-2003 document'],
  '.xls': ['Excel 97-2003 spreadsheet'],
  '.ppt': ['PowerPoint 97-2003 presentation'],
  '.csv': ['text file'],
  '.txt': ['text file'],
  '.rtf': ['Rich Text document'],
  '.png': ['PNG image'],
  '.jpg': ['JPEG image'],
  '.jpeg': ['JPEG image'],
  '.gif': ['GIF image'],
  '.webp': ['WebP image'],
};

const starts = (bytes: Uint8Array, ...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes start as a program: Windows (MZ), Linux (ELF), macOS (Mach-O), or a script's `#!`. */
function isProgram(bytes: Uint8Array): boolean {
  return (
    starts(bytes, 0x4d, 0x5a) ||
    starts(bytes, 0x7f, 0x45, 0x4c, 0x46) ||
    starts(bytes, 0xcf, 0xfa, 0xed, 0xfe) ||
    starts(bytes, 0xce, 0xfa, 0xed, 0xfe) ||
    starts(bytes, 0xfe, 0xed, 0xfa, 0xcf) ||
    starts(bytes, 0xca, 0xfe, 0xba, 0xbe) ||
    starts(bytes, 0x23, 0x21)
  );
}

/**
 * What a document is, from its bytes (its name only where the bytes cannot tell, and to catch a
 * name that promises another format): refused when it is a program or script, an Office file
 * that carries macros, or not what its name says.
 */
export function documentKind(bytes: Uint8Array, name: string): DocumentKind {
  const ending = path.extname(name).toLowerCase();
  if (isProgram(bytes) || PROGRAM_ENDINGS.has(ending))
    return refused('a program or script', 'document-program', 'programs and scripts are never handed to readers');
  const label = labelOf(bytes);
  if (MACRO_ENDINGS.has(ending) || label.macros)
    return refused(label.label, 'document-macros', 'it carries macros (a VBA project), which run on opening');
  const promised = PROMISED[ending];
  if (promised && !promised.includes(label.label))
    return refused(
      label.label,
      'document-misnamed',
      `its name says ${promised[0]}, but its bytes are a ${label.label}`,
    );
  return { label: label.label };
}

function refused(label: string, rule: NonNullable<DocumentKind['refusal']>['rule'], why: string): DocumentKind {
  return { label, refusal: { rule, why } };
}

function labelOf(bytes: Uint8Array): { label: string; macros?: boolean } {
  if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return { label: 'PDF document' };
  if (starts(bytes, ...OLE2)) return { label: ole2Label(bytes), macros: hasText(bytes, '_VBA_PROJECT') };
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) return zipLabel(bytes);
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47)) return { label: 'PNG image' };
  if (starts(bytes, 0xff, 0xd8, 0xff)) return { label: 'JPEG image' };
  if (starts(bytes, 0x47, 0x49, 0x46, 0x38)) return { label: 'GIF image' };
  if (starts(bytes, 0x52, 0x49, 0x46, 0x46) && starts(bytes.subarray(8), 0x57, 0x45, 0x42, 0x50))
    return { label: 'WebP image' };
  if (starts(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return { label: 'Rich Text document' };
  if (!bytes.includes(0) && isUtf8Text(bytes)) return { label: 'text file' };
  return { label: 'file of an unknown kind' };
}

/** An OLE2 compound file by the stream its directory names (in UTF-16LE): Word, Excel or PowerPoint. */
function ole2Label(bytes: Uint8Array): string {
  if (hasText(bytes, 'WordDocument')) return 'Word 97-2003 document';
  if (hasText(bytes, 'Workbook')) return 'Excel 97-2003 spreadsheet';
  if (hasText(bytes, 'PowerPoint Document')) return 'PowerPoint 97-2003 presentation';
  return 'Office 97-2003 file';
}

const OPEN_DOCUMENT = /^application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)/;
const OPEN_DOCUMENT_LABELS: Record<string, string> = {
  text: 'OpenDocument text',
  spreadsheet: 'OpenDocument spreadsheet',
  presentation: 'OpenDocument presentation',
};

function zipLabel(bytes: Uint8Array): { label: string; macros?: boolean } {
  const names = zipNames(bytes);
  const macros = names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name));
  const has = (prefix: string) => names.some((name) => name.startsWith(prefix));
  if (has('word/')) return { label: 'Word document', macros };
  if (has('xl/')) return { label: 'Excel spreadsheet', macros };
  if (has('ppt/')) return { label: 'PowerPoint presentation', macros };
  // An OpenDocument file's first entry is `mimetype`, stored uncompressed: its text follows the
  // 30-byte local header and the 8-byte name. Macros live under Basic/.
  const type = OPEN_DOCUMENT.exec(new TextDecoder().decode(bytes.subarray(38, 100)));
  if (names[0] === 'mimetype' && type) {
    const basic = names.some((name) => /^Basic\/.+\.xml$/.test(name) && !name.endsWith('script-lc.xml'));
    return { label: OPEN_DOCUMENT_LABELS[type[1]], macros: basic };
  }
  return { label: 'ZIP archive', macros };
}

/** The names of a ZIP archive's entries, read from its central directory; none when it is damaged. */
export function zipNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 64 KB and 22 bytes (its comment at most 64 KB).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  if (end === -1) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) return names;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra;
  }
  return names;
}

/** Whether `text` occurs in the bytes as UTF-16LE, as an OLE2 directory names its streams. */
function hasText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'utf16le');
}

function isUtf8Text(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
    return true;
  } catch {
    // A cut in the middle of a character at the 64 KB mark is still text.
    return bytes.length > 64 * 1024;
  }
}
