import type { RequestHandler } from 'ask-sdk-core';
import { rateChanged } from '../replies';
import { isIntent } from '../requests';
import { NORMAL_RATE, stepRate } from '../speech/rate';
import { respond } from '../speech/respond';
import { readState, updateState } from '../state';

const SLOWER = 'SlowerIntent';
const FASTER = 'FasterIntent';
const NORMAL = 'NormalSpeedIntent';

/** "Speak slower", "speak faster", "normal speed": the new rate applies at once, to this answer too. */
export const RateHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, SLOWER, FASTER, NORMAL),
  handle: (input) => {
    const { rate, offer } = readState(input);
    if (isIntent(input, NORMAL)) {
      updateState(input, { rate: NORMAL_RATE });
      return respond(input, rateChanged('rate.normal', offer));
    }
    const slower = isIntent(input, SLOWER);
    const next = stepRate(rate, slower ? -1 : 1);
    if (next === undefined) return respond(input, rateChanged(slower ? 'rate.slowest' : 'rate.fastest', offer));
    updateState(input, { rate: next });
    return respond(input, rateChanged(slower ? 'rate.slower' : 'rate.faster', offer));
  },
};
