/**
 * Speech rates a listener can step through, in percent of Alexa's normal rate, inside Alexa's limits
 * of 20% to 200%. The slowest is only modestly slow (very slow synthetic speech is harder for older
 * listeners to follow; pauses between sentences help more), and the fastest suits screen-reader
 * users, who often listen at around 300 words a minute.
 */
export const RATES: readonly number[] = [80, 90, 100, 125, 150, 175, 200];

export const NORMAL_RATE = 100;

/** The allowed rate nearest to a stored value; anything unusable is the normal rate. */
export function normalRate(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return NORMAL_RATE;
  return RATES.reduce((best, rate) => (Math.abs(rate - value) < Math.abs(best - value) ? rate : best), NORMAL_RATE);
}

/** One step slower (-1) or faster (+1), or undefined at the end of the range. */
export function stepRate(current: number | undefined, direction: 1 | -1): number | undefined {
  const index = RATES.indexOf(normalRate(current)) + direction;
  return RATES[index];
}
