import { context } from '../context';
import { stoppedMidway } from '../preferences';
import { welcome, welcomeBack } from '../replies';
import { isType, localeOf } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

/** A first visit gets the welcome; a returning listener hears their rate at once and can carry on. */
export const LaunchHandler: MoveHandler = {
  canHandle: (input) => isType(input, 'LaunchRequest'),
  handle: (input) => {
    const { visitedBefore, returning } = context(input).session;
    if (!visitedBefore) return respond(input, welcome());
    return respond(input, welcomeBack(stoppedMidway(localeOf(input), returning) ? returning : undefined));
  },
};
