/** Text from agents and servers shown as a one-line label: what it may not contain. */

/**
 * Bidi embeddings, overrides, isolates and marks, invisible separators, the BOM and Unicode tag
 * characters: in a one-line label (a name, a title, a tool) they only serve to make it read as something
 * else, e.g. "\u202Erehcraeser" drawn as "researcher". (ZWJ and ZWNJ stay: emoji and several scripts need them.)
 */
const DISGUISING_CHARACTERS = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

/** A label from untrusted text, without the characters that could disguise it. */
export function labelText(text: string): string {
  return text.replace(DISGUISING_CHARACTERS, "");
}
