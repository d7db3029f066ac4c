import { context } from '../context';
import { volumeChanged } from '../replies';
import { isIntent, isIntentOf } from '../requests';
import { respond } from '../speech/respond';
import { stepVolume } from '../speech/volume';
import type { MoveHandler } from './dispatch';

const LOUDER = 'LouderIntent';
const SOFTER = 'SofterIntent';

const VOLUME_INTENTS: ReadonlySet<string> = new Set([LOUDER, SOFTER]);

/** "Louder", "softer": the skill's own volume, one step, heard at once and remembered like the rate. */
export const VolumeHandler: MoveHandler = {
  canHandle: (input) => isIntentOf(input, VOLUME_INTENTS),
  handle: (input) => {
    const request = context(input);
    const { volume } = request.settings;
    const { offer } = request.session;
    const louder = isIntent(input, LOUDER);
    const next = stepVolume(volume, louder ? 1 : -1);
    if (next === undefined) return respond(input, volumeChanged(louder ? 'volume.loudest' : 'volume.softest', offer));
    request.update({ settings: { volume: next } });
    return respond(input, volumeChanged(louder ? 'volume.louder' : 'volume.softer', offer));
  },
};
