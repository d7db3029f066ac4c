import type { RequestHandler } from 'ask-sdk-core';
import { menu } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';

export const MenuHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'MenuIntent'),
  handle: (input) => respond(input, menu(0)),
};
