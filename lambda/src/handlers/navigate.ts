import { context } from '../context';
import { sectionOrder } from '../content';
import { neighbour, sectionSummary } from '../replies';
import { isIntent, isIntentOf } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

const NAVIGATE_INTENTS: ReadonlySet<string> = new Set([
  'AMAZON.NextIntent',
  'AMAZON.PreviousIntent',
  'AMAZON.StartOverIntent',
]);

/** "Next" and "previous"/"go back" move through the sections; "start over" goes to the first. */
export const NavigateHandler: MoveHandler = {
  canHandle: (input) => isIntentOf(input, NAVIGATE_INTENTS),
  handle: (input) => {
    if (isIntent(input, 'AMAZON.StartOverIntent'))
      return respond(input, { ...sectionSummary(sectionOrder[0]), move: 'startOver' });
    const next = isIntent(input, 'AMAZON.NextIntent');
    return respond(input, {
      ...neighbour(context(input).session.place?.section, next ? 1 : -1),
      move: next ? 'next' : 'previous',
    });
  },
};
