import type { RequestHandler } from 'ask-sdk-core';
import { volumeChanged } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import { stepVolume } from '../speech/volume';
import { readState, updateState } from '../state';

const LOUDER = 'LouderIntent';
const SOFTER = 'SofterIntent';

/** "Louder", "softer": the skill's own volume, one step, heard at once and remembered like the rate. */
export const VolumeHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, LOUDER, SOFTER),
  handle: (input) => {
    const { volume, offer } = readState(input);
    const louder = isIntent(input, LOUDER);
    const next = stepVolume(volume, louder ? 1 : -1);
    if (next === undefined) return respond(input, volumeChanged(louder ? 'volume.loudest' : 'volume.softest', offer));
    updateState(input, { volume: next });
    return respond(input, volumeChanged(louder ? 'volume.louder' : 'volume.softer', offer));
  },
};
