import type { RequestHandler } from 'ask-sdk-core';
import { sectionOrder } from '../content';
import { tourStep } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';

/** "Tell me everything": a guided tour of every section in order. */
export const TourHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'TourIntent'),
  handle: (input) => respond(input, tourStep(localeOf(input), sectionOrder[0], -1, true)),
};
