import { describe, expect, it } from 'vitest';
import { chromiumEnvironment } from '../../scripts/core/chromium-flags.ts';

describe("Chromium's environment", () => {
  const env = { PATH: '/usr/bin', TMPDIR: 'unchanged' };

  it('keeps a TMPDIR short enough for its singleton socket', () => {
    expect(chromiumEnvironment(env, `/tmp/${'x'.repeat(57)}`)).toBe(env);
  });

  it('gives Chromium /tmp when TMPDIR would make the socket path longer than 107 bytes', () => {
    const long = chromiumEnvironment(env, `/tmp/${'x'.repeat(58)}`);
    expect(long).toEqual({ PATH: '/usr/bin', TMPDIR: '/tmp' });
    expect(env.TMPDIR).toBe('unchanged');
  });

  it('counts bytes, not characters', () => {
    expect(chromiumEnvironment(env, `/tmp/${'é'.repeat(29)}`).TMPDIR).toBe('/tmp');
  });
});
