import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data and the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An 8-bit greyscale PNG, white with a black stripe every `period` rows, written by hand so a test
 * can make an image of any size without an image library: each row is filter byte 0 and its pixels.
 */
export function stripedPng(width: number, height: number, period = 500): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per pixel
  header[9] = 0; // greyscale; compression, filter and interlace stay 0
  const white = Buffer.alloc(1 + width, 255);
  white[0] = 0;
  const black = Buffer.alloc(1 + width, 0);
  const rows = Array.from({ length: height }, (_, y) => (y % period < period / 5 ? black : white));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
