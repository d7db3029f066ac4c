import { registry } from '../content';
import { fact, fallback } from '../replies';
import { intentName } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

const factByIntent = new Map(registry.facts.map((entry) => [entry.intent, entry]));

export const FactHandler: MoveHandler = {
  canHandle: (input) => factByIntent.has(intentName(input) ?? ''),
  handle: (input) => {
    const entry = factByIntent.get(intentName(input) ?? '');
    return respond(input, entry === undefined ? fallback(0) : fact(entry));
  },
};
