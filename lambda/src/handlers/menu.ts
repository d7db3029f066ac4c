import { menu } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

export const MenuHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'MenuIntent'),
  handle: (input) => respond(input, menu(0)),
};
