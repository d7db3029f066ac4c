import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { context } from '../context';
import { registry } from '../content';
import { emergencyResponse } from '../emergency/answer';
import {
  cautionLine,
  definition,
  fact,
  fallback,
  mild,
  sectionSummary,
  unknownTerm,
  urgent,
  type Reply,
} from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import { inputSupportsApl } from '../speech/screen';
import type { Answer, Reading } from '../understanding';
import { carriesWords } from '../words';
import { perform } from './commands';
import type { MoveHandler } from './dispatch';

const factById = new Map(registry.facts.map((entry) => [entry.id, entry]));

function answerReply(input: HandlerInput, answer: Answer, caution: boolean): Reply | undefined {
  const before = caution ? [cautionLine()] : [];
  if (answer.kind === 'section') return sectionSummary(answer.id, before);
  if (answer.kind === 'term') return definition(answer.id, context(input).session.offer, before);
  const entry = factById.get(answer.id);
  return entry === undefined ? undefined : fact(entry, before);
}

async function act(input: HandlerInput, reading: Reading | undefined): Promise<Response> {
  const { misses, offer } = context(input).session;
  const misheard = (): Response =>
    respond(input, isIntent(input, registry.intents.glossary) ? unknownTerm() : fallback(misses, offer));
  switch (reading?.kind) {
    case 'command':
      return (await perform(input, reading.move)) ?? misheard();
    case 'report':
      if (reading.grade === 'emergency') return emergencyResponse(localeOf(input), inputSupportsApl(input));
      return respond(input, reading.grade === 'urgent' ? urgent(reading.concepts) : mild(reading.concepts));
    case 'question': {
      const reply = answerReply(input, reading.answer, reading.caution);
      return reply === undefined ? misheard() : respond(input, reply);
    }
    default:
      return misheard();
  }
}

/**
 * Words that arrive in an open slot (a topic, a report, free text, a word the model did not list)
 * go through the skill's own understanding, which decides the move: a command, a graded report, or
 * the answer to a question. The emergency handler, registered first, has already taken emergencies.
 */
export const WordsHandler: MoveHandler = {
  canHandle: (input) => carriesWords(input),
  handle: (input) => act(input, context(input).reading),
};
