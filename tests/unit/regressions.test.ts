/** Regression tests, each named after what broke. */
import { setLogSink } from '../../lambda/src/log';
import { lastWordsSsml } from '../../lambda/src/speech/render';
import { Conversation } from '../../tools/conversation';
import { envelope, intentRequest, invoke, speechOf, topicOf } from '../helpers/envelopes';
import { spokenText, ssmlErrors } from '../helpers/speech';

process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

describe('background conditions were treated as emergencies', () => {
  it.each(['weak bones', 'severe osteoporosis', 'a heart condition', 'high blood pressure'])(
    'an unresolved "%s" is neither an emergency nor urgent',
    async (words) => {
      const response = await invoke(intentRequest('SymptomReportIntent', { symptom: { value: words } }));
      expect(['emergency', 'urgent']).not.toContain(topicOf(response));
    },
  );

  it.each(['I have osteoporosis', "I'm having the procedure next week"])(
    '"%s" is not read as a symptom report',
    async (utterance) => {
      const turns = await new Conversation('en-US').say(utterance);
      expect(['emergency', 'urgent', 'symptom']).not.toContain(turns[turns.length - 1].move);
    },
  );
});

describe('an offer left by an older version named a section that no longer exists', () => {
  it('"yes" does not read a content key aloud', async () => {
    const response = await invoke(intentRequest('AMAZON.YesIntent'), {
      attributes: { offer: { kind: 'section', section: 'nonexistent' } },
    });
    expect(spokenText(speechOf(response))).not.toMatch(/sections\.|nonexistent/);
    expect(topicOf(response)).toBe('help');
  });

  it('"repeat" of a stored reply with a missing key answers through the error handler', async () => {
    const said = {
      topic: 'what',
      move: 'section',
      title: { key: 'skill.name' },
      lines: [{ key: 'sections.gone.summary' }],
    };
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'), { attributes: { said } });
    const heard = spokenText(speechOf(response));
    expect(heard).not.toContain('sections.gone');
    expect(heard).toContain('911');
  });
});

describe('"didn\'t catch that" never mentioned the emergency number', () => {
  it('the first and the second miss both say to call 911 if it is an emergency', async () => {
    const first = await invoke(intentRequest('AMAZON.FallbackIntent'));
    const second = await invoke(intentRequest('AMAZON.FallbackIntent'), { attributes: { misses: 1 } });
    expect(spokenText(speechOf(first))).toContain('If this is an emergency, call 911 now.');
    expect(spokenText(speechOf(second))).toContain('If this is an emergency, call 911 now.');
  });
});

describe('common emergencies had no sample', () => {
  it.each(["I can't walk", 'I feel faint', 'my face is drooping', 'call for help'])(
    '"%s" gets the emergency answer',
    async (utterance) => {
      const turns = await new Conversation('en-US').say(utterance);
      expect(turns[turns.length - 1].topic).toBe('emergency');
    },
  );

  // The one triage policy grades a fall and a little bleeding as urgent: call the care team now.
  it.each(['I fell', "I've had a fall", "I'm bleeding"])('"%s" gets the urgent answer', async (utterance) => {
    const turns = await new Conversation('en-US').say(utterance);
    expect(turns[turns.length - 1].topic).toBe('urgent');
  });

  it.each(["what if I can't feel my legs afterwards", 'will I be paralyzed', 'what is the risk'])(
    '"%s" is a question about the risks or warning signs',
    async (utterance) => {
      const turns = await new Conversation('en-US').say(utterance);
      const turn = turns[turns.length - 1];
      expect(turn.topic === 'risks' || turn.keys.includes('facts.callDoctor.text')).toBe(true);
      expect(turn.endSession).toBe(false);
    },
  );

  it('"my head hurts" gets the calm answer, which still gives the number', async () => {
    const turns = await new Conversation('en-US').say('my head hurts');
    const turn = turns[turns.length - 1];
    expect(turn.topic).toBe('symptom');
    expect(turn.speech).toContain('911');
  });
});

describe('a fact answered a yes-or-no question the wrong way round', () => {
  it('"do I need to fast" is not answered "No"', async () => {
    const turns = await new Conversation('en-US').say('do I need to fast');
    expect(turns[turns.length - 1].speech.startsWith('No')).toBe(false);
  });
});

describe('the last words, if even rendering failed', () => {
  it('are valid SSML and speak the number twice', async () => {
    const ssml = lastWordsSsml('999');
    expect(await ssmlErrors(ssml)).toEqual([]);
    expect(ssml.match(/999/g)).toHaveLength(2);
  });

  it('never put anything but digits in the markup', () => {
    expect(lastWordsSsml('<audio/>')).not.toContain('<audio');
  });
});

describe('events outside a conversation were answered with speech (found by the property suite)', () => {
  it.each([
    'AudioPlayer.PlaybackFailed',
    'PlaybackController.NextCommandIssued',
    'AlexaSkillEvent.SkillDisabled',
    'Messaging.MessageReceived',
  ])('%s gets an empty response', async (type) => {
    const request = JSON.parse(
      JSON.stringify({ type, requestId: 'r', timestamp: new Date().toISOString(), locale: 'en-US' }),
    );
    const response = await invoke(request);
    expect(response.response.outputSpeech).toBeUndefined();
    expect(response.response.reprompt).toBeUndefined();
    expect(response.response.card).toBeUndefined();
  });
});

describe('CanFulfillIntentRequest was answered with speech (found by the property suite)', () => {
  it('gets a plain "no", without speech', async () => {
    const request = JSON.parse(
      JSON.stringify({
        type: 'CanFulfillIntentRequest',
        requestId: 'r',
        timestamp: new Date().toISOString(),
        locale: 'en-US',
        intent: { name: 'RisksIntent', confirmationStatus: 'NONE' },
      }),
    );
    const response = await invoke(request);
    expect(response.response.outputSpeech).toBeUndefined();
    expect(response.response.canFulfillIntent?.canFulfill).toBe('NO');
  });
});

describe('a red-flag symptom in another intent did not get the emergency answer (found by the property suite)', () => {
  it('a chest-pain symptom slot on the help intent is an emergency', async () => {
    const response = await invoke(
      intentRequest('AMAZON.HelpIntent', { symptom: { value: 'chest pain', id: 'chestPain' } }),
    );
    expect(topicOf(response)).toBe('emergency');
  });
});

describe('caches keyed by the raw locale could grow without bound', () => {
  it('a thousand odd locales leave the emergency answer cache the same size', async () => {
    const { emergencyResponse } = await import('../../lambda/src/emergency/answer');
    const first = emergencyResponse('zz-00');
    for (let i = 0; i < 1000; i += 1) expect(emergencyResponse(`zz-${i}`)).toBe(first);
  });
});

describe('"forget my settings" had no time budget (review finding)', () => {
  it('a store that never answers still gets a spoken answer, that says it could not forget', async () => {
    const { createSkill, lambdaHandler } = await import('../../lambda/src/skill');
    const hanging = {
      getAttributes: async (): Promise<Record<string, unknown>> => ({}),
      saveAttributes: async (): Promise<void> => undefined,
      deleteAttributes: (): Promise<void> => new Promise<void>(() => undefined),
    };
    const started = Date.now();
    const response = await lambdaHandler(createSkill(hanging))(envelope(intentRequest('ForgetSettingsIntent')));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(spokenText(speechOf(response))).toContain("couldn't reach your saved settings");
  });
});

describe('after a handler error, "yes" accepted an offer from before the error (review finding)', () => {
  it('the error answer replaces the offer in the session', async () => {
    const said = {
      topic: 'what',
      move: 'section',
      title: { key: 'skill.name' },
      lines: [{ key: 'sections.gone.summary' }],
    };
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'), {
      attributes: { said, offer: { kind: 'part', section: 'what', part: 1 } },
    });
    expect(response.sessionAttributes?.offer).toBeUndefined();
    expect(response.sessionAttributes?.topic).toBe('fallback');
  });
});
