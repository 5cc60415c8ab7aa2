/**
 * The flags every Chromium this project starts is given: no sandbox (it runs as root in
 * containers), no GPU, and none of the background connections a closed network refuses.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
