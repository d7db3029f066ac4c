import { sectionOrder } from '../content';
import { tourStep } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

/** "Tell me everything": a guided tour of every section in order. */
export const TourHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'TourIntent'),
  handle: (input) => respond(input, tourStep(localeOf(input), sectionOrder[0], -1, true)),
};
