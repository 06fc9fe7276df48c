/** Base64 without Node's `Buffer`, so the web worker extension host runs the same code. */

/** Large files are turned into a binary string in slices: one spread of a whole image overflows the stack. */
const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let at = 0; at < bytes.length; at += SLICE) binary += String.fromCharCode(...bytes.subarray(at, at + SLICE));
  return btoa(binary);
}
