/** Rendering is memoised: each answer is worked out once per lexicon, number, rate and words, and never mixed up. */
import { buildLexicon, toSsml, type Voice } from '../../lambda/src/speech/render';

const lexicon = buildLexicon({ vertebrae: { ipa: 'ˈvɜːtɪbɹeɪ' }, kyphoplasty: { alias: 'kie foe plasty' } });
const voice = (rate: number, emergencyNumber = '911', volume = 'medium'): Voice => ({
  lexicon,
  emergencyNumber,
  rate,
  volume,
});

describe('toSsml, rendered once and remembered', () => {
  it('renders each volume on its own', () => {
    const normal = toSsml(['One.'], 'Next?', voice(100));
    const loud = toSsml(['One.'], 'Next?', voice(100, '911', 'loud'));
    expect(normal).not.toContain('volume=');
    expect(loud).toContain('<prosody volume="loud">');
  });

  it('gives the same document for the same words, rate and number', () => {
    const first = toSsml(['Your vertebrae are the bones of the spine.'], 'Shall I go on?', voice(100));
    expect(toSsml(['Your vertebrae are the bones of the spine.'], 'Shall I go on?', voice(100))).toBe(first);
    expect(first).toBe(
      "<speak>Your <phoneme alphabet='ipa' ph='ˈvɜːtɪbɹeɪ'>vertebrae</phoneme> are the bones of the spine. <break time='600ms'/> Shall I go on?</speak>",
    );
  });

  it('renders each rate on its own: the prosody and the pauses follow it', () => {
    const normal = toSsml(['One.', 'Two.'], 'Next?', voice(100));
    const slow = toSsml(['One.', 'Two.'], 'Next?', voice(70));
    expect(normal).not.toContain('prosody');
    expect(slow).toContain('<prosody rate="70%">');
    expect(slow).toContain("<break time='571ms'/>");
    expect(normal).toContain("<break time='400ms'/>");
  });

  it('renders each emergency number on its own', () => {
    expect(toSsml(['Call 911 now.'], undefined, voice(100))).toContain("<say-as interpret-as='digits'>911</say-as>");
    expect(toSsml(['Call 911 now.'], undefined, voice(100, '112'))).not.toContain('<say-as');
  });

  it('tells apart no lines from one empty line, and a question from none', () => {
    const withoutLines = toSsml([], 'Next?', voice(100));
    const withEmptyLine = toSsml([''], 'Next?', voice(100));
    expect(withoutLines).toBe('<speak>Next?</speak>');
    expect(withEmptyLine).toBe("<speak><break time='600ms'/> Next?</speak>");
    expect(toSsml(['Next?'], undefined, voice(100))).toBe('<speak>Next?</speak>');
  });
});
