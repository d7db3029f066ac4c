/** The spoken-duration model: more words or slower speech take longer, and its calibration matches DESIGN.md. */
import { durationsAtRates, spokenParts, spokenSeconds } from '../../lambda/src/speech/duration';
import { NORMAL_RATE, RATES } from '../../lambda/src/speech/rate';
import { languages } from '../../lambda/src/content';

const sentence = 'Short walks are good for you, so start slowly.';

describe('spoken duration', () => {
  it('counts words, sentence ends and commas', () => {
    expect(spokenParts(sentence)).toEqual({ words: 9, sentences: 1, commas: 1 });
    expect(spokenParts('Call 911 now. It is 2016.')).toEqual({ words: 10, sentences: 2, commas: 0 });
    expect(spokenParts('')).toEqual({ words: 0, sentences: 0, commas: 0 });
  });

  it('takes twice as long for the same text said twice', () => {
    const once = spokenSeconds(sentence, NORMAL_RATE);
    expect(spokenSeconds(`${sentence} ${sentence}`, NORMAL_RATE)).toBeCloseTo(once * 2, 5);
  });

  it('scales with the rate: half the rate, twice the time', () => {
    expect(spokenSeconds(sentence, 50)).toBeCloseTo(spokenSeconds(sentence, 100) * 2, 5);
  });

  it('rejects a rate that is not a positive percentage', () => {
    expect(() => spokenSeconds(sentence, 0)).toThrow(RangeError);
    expect(() => spokenSeconds(sentence, Number.NaN)).toThrow(RangeError);
  });

  it('reports the slowest, normal and fastest rates from speech/rate.ts, slowest longest', () => {
    const [slowest, normal, fastest] = durationsAtRates(sentence);
    expect([slowest.rate, normal.rate, fastest.rate]).toEqual([Math.min(...RATES), NORMAL_RATE, Math.max(...RATES)]);
    expect(slowest.seconds).toBeGreaterThan(normal.seconds);
    expect(normal.seconds).toBeGreaterThan(fastest.seconds);
  });

  it('puts about 90 words of the guide at about 35 seconds at the normal rate (DESIGN.md: one breath)', () => {
    const prose = languages.en.sections.after.parts.join(' ');
    const words = spokenParts(prose).words;
    const secondsFor90 = (spokenSeconds(prose, NORMAL_RATE) * 90) / words;
    expect(secondsFor90).toBeGreaterThan(30);
    expect(secondsFor90).toBeLessThan(40);
  });
});
