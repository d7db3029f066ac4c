import { context } from '../context';
import { declined, goodbye } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

/** "No" to "is there anything else?" ends the session kindly; any other "no" says what else there is. */
export const NoHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.NoIntent'),
  handle: (input) =>
    respond(input, context(input).session.offer?.kind === 'anythingElse' ? { ...goodbye(), move: 'no' } : declined()),
};
