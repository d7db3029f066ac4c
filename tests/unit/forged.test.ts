/**
 * Requests an attacker can shape: forged session attributes, odd locales and request types, and
 * values that end up in a log line. Each case is a finding from an attack on the skill (issue 18).
 */
import type { Request } from 'ask-sdk-model';
import { pronunciationsFor } from '../../lambda/src/content';
import { contentFor } from '../../tools/content';
import { hasText } from '../../lambda/src/content/i18n';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import * as state from '../../lambda/src/state';
import { createSkill, lambdaHandler } from '../../lambda/src/skill';
import { lastResort } from '../../lambda/src/lastResort';
import { log, MAX_FIELD_CHARS, serialize, setLogSink } from '../../lambda/src/log';
import { MemoryPersistenceAdapter } from '../../lambda/src/persistence/memory';
import { envelope, intentRequest, invoke, speechOf } from '../helpers/envelopes';
import { MAX_SSML_CHARS, spokenText, ssmlErrors } from '../helpers/speech';

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());
afterEach(() => jest.restoreAllMocks());

describe('finding 8: "repeat" of forged session attributes', () => {
  const part = { key: 'sections.what.parts.0' };

  it("a stored reply of 200 lines is not replayed: the speech stays within Alexa's limit", async () => {
    const said = {
      topic: 'what',
      move: 'section',
      title: { key: 'skill.name' },
      lines: Array.from({ length: 200 }, () => part),
    };
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'), { attributes: { said } });
    const ssml = speechOf(response);
    expect(ssml.length).toBeGreaterThan(0);
    expect(ssml.length).toBeLessThanOrEqual(MAX_SSML_CHARS);
    expect(await ssmlErrors(ssml)).toEqual([]);
  });

  it('a stored reply within the line limit whose placeholders each pull in a whole part is cut off too', async () => {
    const refs = { one: 'sections.risks.parts.0', two: 'sections.prep.parts.0', three: 'sections.process.parts.0' };
    const line = { key: 'menu.first', refs };
    const said = {
      topic: 'menu',
      move: 'menu',
      title: { key: 'skill.name' },
      lines: Array.from({ length: 6 }, () => line),
    };
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'), { attributes: { said } });
    expect(speechOf(response).length).toBeLessThanOrEqual(MAX_SSML_CHARS);
    expect(spokenText(speechOf(response))).toContain('911');
  });

  it('a reply with too many placeholders, or one named like a prototype property, is dropped', () => {
    const refs = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`ref${index}`, 'skill.name']));
    const many = { topic: 'what', move: 'section', title: { key: 'skill.name' }, lines: [{ key: 'skill.name', refs }] };
    const proto = {
      topic: 'what',
      move: 'section',
      title: { key: 'skill.name' },
      lines: [{ key: 'skill.name', refs: JSON.parse('{"__proto__":"skill.name"}') }],
    };
    for (const said of [many, proto]) {
      expect(state.parseAttributes({ said }).session.said).toBeUndefined();
    }
  });

  it.each(['sections.what', 'sections', 'facts'])(
    'a key naming a group of texts ("%s") is never spoken',
    async (key) => {
      expect(hasText('en-US', key)).toBe(false);
      const said = { topic: 'what', move: 'section', title: { key: 'skill.name' }, lines: [{ key }] };
      const response = await invoke(intentRequest('AMAZON.RepeatIntent'), { attributes: { said } });
      const heard = spokenText(speechOf(response));
      expect(heard).not.toMatch(/returned an object|sections|key/i);
      expect(heard).toContain('911');
    },
  );

  it('a key naming a text is still spoken', () => {
    expect(hasText('en-US', 'sections.what.summary')).toBe(true);
  });

  it('a reply kept as text (as the skill keeps it) is replayed', async () => {
    const said =
      'what;section;sections.what.title;sections.what.summary;section.more+name=sections.what.menuName section.moreReprompt;part:what:0;what:-1';
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'), { attributes: { said } });
    expect(spokenText(speechOf(response))).toContain(spokenText(contentFor('en-US').sections.what.summary));
    expect(response.sessionAttributes?.offer).toEqual({ kind: 'part', section: 'what', part: 0 });
  });

  it.each([
    ['seven lines', `what;section;skill.name;${Array.from({ length: 7 }, () => 'skill.name').join(' ')};;;`],
    ['four placeholders', 'what;section;skill.name;menu.first+a=skill.name+b=skill.name+c=skill.name+d=skill.name;;;'],
    ['a placeholder named like a prototype property', 'what;section;skill.name;skill.name+__proto__=skill.name;;;'],
    ['a placeholder without its key', 'what;section;skill.name;skill.name+name;;;'],
    ['a count that is not a number', 'what;tour;skill.name;tour.position#part=x;;;'],
    ['a count too large', 'what;tour;skill.name;tour.position#part=100;;;'],
    ['a key that is not a name', 'what;section;skill.name;<speak>;;;'],
    ['an empty line', 'what;section;skill.name;skill.name  skill.name;;;'],
    ['no title', 'what;section;;skill.name;;;'],
    ['an unknown move', 'what;dance;skill.name;skill.name;;;'],
    ['a question without its reprompt', 'what;section;skill.name;skill.name;section.more;;'],
    ['three lines where the question and reprompt go', 'what;section;skill.name;skill.name;a.b c.d e.f;;'],
    ['too few fields', 'what;section;skill.name;skill.name;;'],
    ['too many fields', 'what;section;skill.name;skill.name;;;;'],
  ])('a reply kept as text with %s is not read', (_what, said) => {
    expect(state.parseAttributes({ said }).session.said).toBeUndefined();
  });
});

describe('finding 9: locale lookups stay out of the prototype', () => {
  const inherited = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf'];

  it.each(inherited)('the locale "%s" gets the 911 fallback', (locale) => {
    expect(emergencyNumberFor(locale)).toBe('911');
  });

  it.each(inherited)('a request in the locale "%s" is answered in English with 911', async (locale) => {
    const request: Request = { ...intentRequest('EmergencyIntent'), locale };
    const response = await invoke(request);
    expect(spokenText(speechOf(response)).startsWith('Call 911 now.')).toBe(true);
    const launch = await invoke({ ...intentRequest('RisksIntent'), locale });
    expect(await ssmlErrors(speechOf(launch))).toEqual([]);
    expect(spokenText(speechOf(launch)).length).toBeGreaterThan(20);
  });

  it.each(inherited)('content and pronunciations for "%s" are English', (locale) => {
    expect(contentFor(locale)).toBe(contentFor('en-US'));
    expect(pronunciationsFor(locale)).toEqual(pronunciationsFor('en-US'));
  });
});

describe('finding 10: no speech where speech is not allowed', () => {
  const silent: Request[] = [
    {
      type: 'SessionEndedRequest',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      reason: 'USER_INITIATED',
    },
    {
      type: 'AudioPlayer.PlaybackStarted',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      token: 't',
      offsetInMilliseconds: 0,
    },
    {
      type: 'AudioPlayer.PlaybackFailed',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      token: 't',
      error: { type: 'MEDIA_ERROR_UNKNOWN', message: '' },
      currentPlaybackState: { token: 't', offsetInMilliseconds: 0, playerActivity: 'IDLE' },
    },
    {
      type: 'PlaybackController.PlayCommandIssued',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
    },
    {
      type: 'System.ExceptionEncountered',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      error: { type: 'INVALID_RESPONSE', message: '' },
      cause: { requestId: 'r' },
    },
  ];

  it.each(silent.map((request) => [request.type, request]))(
    'the last resort answers %s without speech',
    (_type, request) => {
      const response = lastResort(envelope(request));
      expect(response.response.outputSpeech).toBeUndefined();
      expect(response.response.reprompt).toBeUndefined();
    },
  );

  it('the last resort answers CanFulfillIntentRequest with "no", not speech', () => {
    const request: Request = {
      type: 'CanFulfillIntentRequest',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      intent: { name: 'RisksIntent', confirmationStatus: 'NONE' },
    };
    const response = lastResort(envelope(request));
    expect(response.response.outputSpeech).toBeUndefined();
    expect(response.response.canFulfillIntent?.canFulfill).toBe('NO');
  });

  it.each(silent.map((request) => [request.type, request]))(
    'when the skill itself throws on %s, the handler still answers without speech',
    async (_type, request) => {
      const skill = createSkill(new MemoryPersistenceAdapter({ secret: 'test' }));
      jest.spyOn(skill, 'invoke').mockRejectedValue(new Error('injected fault'));
      const response = await lambdaHandler(skill, undefined)(envelope(request));
      expect(response.response.outputSpeech).toBeUndefined();
    },
  );

  it.each(silent.map((request) => [request.type, request]))(
    'when reading the session fails on %s, the error handler does not speak',
    async (_type, request) => {
      jest.spyOn(state, 'parseAttributes').mockImplementation(() => {
        throw new Error('injected fault');
      });
      const response = await invoke(request);
      expect(response.response.outputSpeech).toBeUndefined();
    },
  );

  it('the last resort still speaks the number for an ordinary intent', () => {
    const response = lastResort(envelope(intentRequest('RisksIntent')));
    expect(speechOf(response)).toContain('911');
  });
});

describe('finding 11: logged strings have a length limit', () => {
  it('a megabyte locale, request type and error name make a short line', () => {
    const huge = 'x'.repeat(1_000_000);
    const line = serialize('warn', {
      event: 'test',
      locale: huge,
      requestType: huge,
      error: huge,
      intent: huge,
      requestId: huge,
      check: huge,
      topic: huge,
    });
    expect(line.length).toBeLessThan(10 * (MAX_FIELD_CHARS + 20));
    const parsed: unknown = JSON.parse(line);
    expect(parsed).toMatchObject({ level: 'warn', event: 'test' });
    expect(JSON.stringify(parsed)).toContain('x'.repeat(MAX_FIELD_CHARS - 1));
  });

  it('a short field is kept as it is', () => {
    expect(JSON.parse(serialize('info', { event: 'test', locale: 'en-GB' }))).toEqual({
      level: 'info',
      event: 'test',
      locale: 'en-GB',
    });
  });

  it('a line is one valid JSON object whatever its strings and numbers hold', () => {
    const odd = 'say "hi" \\ then\nnewline \u2028 and \u0000, a lone \ud800 and a pair \ud83d\ude00';
    const line = serialize('error', { event: odd, topic: '', handlerMs: 1.25, port: Number.NaN, error: 'x' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      level: 'error',
      event: odd,
      topic: '',
      handlerMs: 1.25,
      port: null,
      error: 'x',
    });
    expect(line).toBe(
      JSON.stringify({ level: 'error', event: odd, topic: '', handlerMs: 1.25, error: 'x', port: null }),
    );
    expect(serialize('info', { event: 'plain', handlerMs: -0, port: Infinity })).toBe(
      JSON.stringify({ level: 'info', event: 'plain', handlerMs: -0, port: Infinity }),
    );
  });

  it('a request with a megabyte locale logs lines of bounded length', async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      await invoke({ ...intentRequest('RisksIntent'), locale: 'x'.repeat(1_000_000) });
      log('info', { event: 'marker' });
    } finally {
      restore();
    }
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThan(2000);
  });
});
