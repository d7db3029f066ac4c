/** The spoken-duration model: more words or slower speech take longer, and its calibration matches DESIGN.md. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handler } from '../../lambda/src/index';
import { setLogSink } from '../../lambda/src/log';
import { everyAnswer } from '../../tools/answers';
import { durationsAtRates, RATE_STEPS, spokenParts, spokenSeconds, ssmlTiming } from '../../tools/duration';
import { NORMAL_RATE, RATES } from '../../lambda/src/speech/rate';
import { languages } from '../../tools/content';

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
    const [slowest, normal, fastest] = durationsAtRates(sentence, 'en-US');
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

describe('the spoken length of SSML', () => {
  const plain = 'Short walks are good for you, so start slowly.';
  it('times plain text inside <speak> as the text model does, and asks nothing', () => {
    expect(ssmlTiming(`<speak>${plain}</speak>`)).toEqual({
      seconds: spokenSeconds(plain, NORMAL_RATE),
      beforeQuestion: spokenSeconds(plain, NORMAL_RATE),
    });
  });

  it('adds breaks as written, in either quoting, without stretching them by the rate', () => {
    const base = ssmlTiming(`<speak><prosody rate="80%">${plain}</prosody></speak>`).seconds;
    expect(
      ssmlTiming(`<speak><prosody rate="80%">${plain} <break time='600ms'/></prosody></speak>`).seconds,
    ).toBeCloseTo(base + 0.6, 5);
    expect(ssmlTiming(`<speak>${plain}<break time="1.5s"/></speak>`).seconds).toBeCloseTo(
      spokenSeconds(plain, NORMAL_RATE) + 1.5,
      5,
    );
  });

  it('stretches words by the prosody rate in force, and only inside it', () => {
    const inside = ssmlTiming(`<speak><prosody rate="50%">${plain}</prosody></speak>`).seconds;
    expect(inside).toBeCloseTo(spokenSeconds(plain, 50), 5);
    expect(ssmlTiming(`<speak><prosody rate="50%">${plain}</prosody> ${plain}</speak>`).seconds).toBeCloseTo(
      inside + spokenSeconds(plain, NORMAL_RATE),
      5,
    );
  });

  it('says digits one word each, and a sub as its alias', () => {
    const digits = ssmlTiming(`<speak>Call <say-as interpret-as="digits">911</say-as> now.</speak>`).seconds;
    expect(digits).toBeCloseTo(spokenSeconds('Call one one nine now.', NORMAL_RATE), 5);
    expect(ssmlTiming(`<speak>You get an <sub alias="I.V.">IV</sub>.</speak>`).seconds).toBeCloseTo(
      spokenSeconds('You get an I V.', NORMAL_RATE),
      5,
    );
  });

  it('finds where the closing question starts, after the pause before it, in English and Spanish', () => {
    const lines = `${plain} Rest well.`;
    const before = spokenSeconds(lines, NORMAL_RATE);
    expect(ssmlTiming(`<speak>${lines} <break time="600ms"/> Shall I go on?</speak>`).beforeQuestion).toBeCloseTo(
      before + 0.6,
      5,
    );
    expect(ssmlTiming(`<speak>${lines} <break time="600ms"/> ¿Le sigo contando?</speak>`).beforeQuestion).toBeCloseTo(
      before + 0.6,
      5,
    );
    expect(ssmlTiming(`<speak>${lines}</speak>`).beforeQuestion).toBeCloseTo(before, 5);
  });
});

/**
 * The model against a real synthesiser. espeak-ng reads the skill's own SSML (breaks, prosody rate, digits) and
 * writes a WAV; the speech runs from the first to the last sample above a noise floor, so the silence espeak-ng adds
 * at either end is not counted. Its -s 130 is the speed at which its English matches the model's words a minute on
 * plain prose. Over a sample of real answers, the model's total must be within 15% of espeak-ng's, in each language
 * and at the slowest, normal and fastest rates. Single short answers vary more than that (one word-count model
 * cannot know every word's length), which is why the sum is what is held.
 */
const espeak = spawnSync('espeak-ng', ['--version']).status === 0;
const VOICES: Record<string, string> = { en: 'en-us', es: 'es-419' };
const NOISE_FLOOR = 500;

function speechSeconds(wav: Buffer): number {
  const sampleRate = wav.readUInt32LE(24);
  for (let offset = 12; offset + 8 <= wav.length; offset += 8 + wav.readUInt32LE(offset + 4)) {
    if (wav.toString('ascii', offset, offset + 4) !== 'data') continue;
    const samples = Math.floor(Math.min(wav.readUInt32LE(offset + 4), wav.length - offset - 8) / 2);
    let first = -1;
    let last = -1;
    for (let index = 0; index < samples; index += 1) {
      if (Math.abs(wav.readInt16LE(offset + 8 + index * 2)) <= NOISE_FLOOR) continue;
      if (first < 0) first = index;
      last = index;
    }
    return first < 0 ? 0 : (last - first) / sampleRate;
  }
  throw new Error('espeak-ng wrote no data chunk');
}

function espeakSeconds(ssml: string, language: string): number {
  const file = join(mkdtempSync(join(tmpdir(), 'espeak-')), 'answer.wav');
  execFileSync('espeak-ng', ['-m', '-v', VOICES[language] ?? language, '-s', '130', '-w', file, ssml]);
  return speechSeconds(readFileSync(file));
}

(espeak ? describe : describe.skip)('the duration model against espeak-ng', () => {
  let restoreLogs: () => void;
  beforeAll(() => {
    restoreLogs = setLogSink(() => undefined);
  });
  afterAll(() => restoreLogs());

  const cases = ['en-US', 'es-US'].flatMap((locale) => RATE_STEPS.map(({ rate }): [string, number] => [locale, rate]));
  it.each(cases)(
    'in %s at %d%%, a sample of answers sums to within 15%% of espeak-ng',
    async (locale, rate) => {
      const sample = (await everyAnswer(handler, locale, rate)).filter((_, index) => index % 12 === 0);
      expect(sample.length).toBeGreaterThanOrEqual(10);
      const modelled = sample.reduce((sum, answer) => sum + ssmlTiming(answer.ssml).seconds, 0);
      const spoken = sample.reduce((sum, answer) => sum + espeakSeconds(answer.ssml, locale.slice(0, 2)), 0);
      expect(modelled / spoken).toBeGreaterThan(0.85);
      expect(modelled / spoken).toBeLessThan(1.15);
    },
    60_000,
  );
});

if (!espeak) {
  it('skips the espeak-ng comparison: espeak-ng is not installed', () => {
    expect(espeak).toBe(false);
  });
}
