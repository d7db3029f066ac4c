/** Checks on what the skill says: valid Alexa SSML, its length, and its words as a listener hears them. */
import { check } from 'ssml-check-core';
import { spokenText } from '../../tools/spoken';

export const MAX_SSML_CHARS = 8000;
export const MAX_WORDS = 90;

export async function ssmlErrors(ssml: string): Promise<string[]> {
  const errors = await check(ssml, { platform: 'amazon' });
  return (errors ?? []).map((error) => JSON.stringify(error));
}

export function wordCount(ssml: string): number {
  const words = spokenText(ssml).match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words === null ? 0 : words.length;
}

export { spokenText };
