import { context } from '../context';
import { emergencyResponse } from '../emergency/answer';
import { nothingToRepeat } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import { EMERGENCY_SAID } from '../state';
import { inputSupportsApl } from '../speech/screen';
import type { MoveHandler } from './dispatch';

/** Replays the last response word for word, at the current rate; the emergency answer included. */
export const RepeatHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.RepeatIntent'),
  handle: (input) => {
    const { said } = context(input).session;
    if (said === EMERGENCY_SAID) return emergencyResponse(localeOf(input), inputSupportsApl(input));
    return respond(input, said === undefined ? nothingToRepeat() : { ...said, move: 'repeat' });
  },
};
