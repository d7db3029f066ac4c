/**
 * The words a request brings for the skill's own understanding: the values of the open slots of the
 * intents that carry words (a topic, a report, free text, a word to define). They are read, never
 * spoken back, logged or stored.
 */
import type { HandlerInput } from 'ask-sdk-core';
import { registry } from './content';
import { intentName, localeOf, resolvedSlotId, slotValues } from './requests';
import { understand, type Reading } from './understanding';
import { frames, type Frame } from './understanding/source';

const { freeText } = registry.intents;
const carriers: ReadonlySet<string> = new Set([
  registry.intents.topic,
  registry.intents.report,
  registry.intents.glossary,
  ...Object.values(freeText),
]);

/**
 * The frame the carrier words of a free-text intent put the text in. The report intent's words are
 * read without one: some of its samples are open slots alone, which may hold a whole question.
 */
function frameOf(name: string | undefined): Frame | undefined {
  return frames.find((frame) => freeText[frame] === name);
}

/** Whether the request is one whose words the skill reads itself. A defined word the model resolved needs no reading. */
export function carriesWords(input: HandlerInput): boolean {
  const name = intentName(input);
  if (name === undefined || !carriers.has(name)) return false;
  return name !== registry.intents.glossary || resolvedSlotId(input, 'term') === undefined;
}

/**
 * What the words mean, or undefined when the request carries none. The request context (context.ts)
 * reads them once per request: the emergency handler, the interceptors and the words handler all ask.
 */
export function readWords(input: HandlerInput): Reading | undefined {
  if (!carriesWords(input)) return undefined;
  const topic = intentName(input) === registry.intents.topic ? resolvedSlotId(input, 'topic') : undefined;
  const [kind, id] = (topic ?? '').split('.');
  // The model's TOPIC ids are "section.<id>" and "term.<id>".
  if ((kind === 'section' || kind === 'term') && id !== undefined)
    return { kind: 'question', answer: { kind, id }, caution: false };
  const words = slotValues(input);
  if (words.length === 0) return undefined;
  return understand(words.join(' '), localeOf(input), frameOf(intentName(input)));
}
