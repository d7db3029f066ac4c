/**
 * The skill's own volume, a step of SSML prosody volume. It changes only what this skill says; the
 * device's volume ("Alexa, volume up") is the listener's to change.
 */
export const VOLUMES: readonly string[] = ['x-soft', 'soft', 'medium', 'loud', 'x-loud'];

export const NORMAL_VOLUME = 'medium';

export function isVolume(value: unknown): value is string {
  return typeof value === 'string' && VOLUMES.includes(value);
}

/** One step softer (-1) or louder (+1), or undefined at the end of the range. */
export function stepVolume(current: string | undefined, direction: 1 | -1): string | undefined {
  return VOLUMES[VOLUMES.indexOf(isVolume(current) ? current : NORMAL_VOLUME) + direction];
}
