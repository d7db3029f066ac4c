const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};

/** Text from SSML with the five XML entities turned back into their characters, in one pass. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** What a listener hears, without markup. */
export function spokenText(ssml: string): string {
  return decodeEntities(ssml.replace(/<[^>]+>/g, ' '))
    .replace(/\s+([.,;:?!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
