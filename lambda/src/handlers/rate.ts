import { context } from '../context';
import { rateChanged } from '../replies';
import { isIntent, isIntentOf } from '../requests';
import { NORMAL_RATE, stepRate } from '../speech/rate';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

const SLOWER = 'SlowerIntent';
const FASTER = 'FasterIntent';
const NORMAL = 'NormalSpeedIntent';

const RATE_INTENTS: ReadonlySet<string> = new Set([SLOWER, FASTER, NORMAL]);

/** "Speak slower", "speak faster", "normal speed": the new rate applies at once, to this answer too. */
export const RateHandler: MoveHandler = {
  canHandle: (input) => isIntentOf(input, RATE_INTENTS),
  handle: (input) => {
    const request = context(input);
    const { rate } = request.settings;
    const { offer } = request.session;
    if (isIntent(input, NORMAL)) {
      request.update({ settings: { rate: NORMAL_RATE } });
      return respond(input, rateChanged('rate.normal', offer));
    }
    const slower = isIntent(input, SLOWER);
    const next = stepRate(rate, slower ? -1 : 1);
    if (next === undefined) return respond(input, rateChanged(slower ? 'rate.slowest' : 'rate.fastest', offer));
    request.update({ settings: { rate: next } });
    return respond(input, rateChanged(slower ? 'rate.slower' : 'rate.faster', offer));
  },
};
