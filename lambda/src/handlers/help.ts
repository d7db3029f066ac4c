import { help } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

export const HelpHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.HelpIntent'),
  handle: (input) => respond(input, help()),
};
