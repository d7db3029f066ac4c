/** Speech rates a listener can step through, in percent of Alexa's normal rate. */
export const RATES: readonly number[] = [70, 85, 100, 115, 130];

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
