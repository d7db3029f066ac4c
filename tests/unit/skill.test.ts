import type { Request, RequestEnvelope } from 'ask-sdk-model';
import en from '../../content/en/translation.json';
import { handler } from '../../lambda/src/index';
import { setLogSink } from '../../lambda/src/log';
import { envelope, intentRequest, invoke, launchRequest, repromptOf, speechOf, topicOf } from '../helpers/envelopes';
import { spokenText, ssmlErrors, wordCount } from '../helpers/speech';

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

const sections: [string, keyof typeof en.sections][] = [
  ['WhatIsIntent', 'what'],
  ['PrepareIntent', 'prep'],
  ['ProcedureIntent', 'process'],
  ['RisksIntent', 'risks'],
];

describe('launch', () => {
  it('welcomes, speaks the short disclaimer, and asks what to hear', async () => {
    const response = await invoke(launchRequest());
    const heard = spokenText(speechOf(response));
    expect(topicOf(response)).toBe('welcome');
    expect(heard).toContain('not medical advice');
    expect(heard).toContain('911');
    expect(heard.endsWith('?')).toBe(true);
    expect(repromptOf(response)).not.toBe('');
    expect(response.response.shouldEndSession).toBe(false);
    expect(await ssmlErrors(speechOf(response))).toEqual([]);
  });

  it('keeps the short disclaimer under 15 seconds of speech', () => {
    // About 150 words a minute at the normal rate: 15 seconds is at most 37 words.
    expect(wordCount(en.disclaimer.short.replace('{{number}}', '911'))).toBeLessThanOrEqual(37);
  });
});

describe('sections', () => {
  it.each(sections)('%s answers with the %s summary and offers more', async (intent, section) => {
    const response = await invoke(intentRequest(intent), { attributes: { topic: 'welcome' } });
    expect(topicOf(response)).toBe(section);
    expect(spokenText(speechOf(response))).toContain(en.sections[section].summary.slice(0, 40));
    expect(response.sessionAttributes?.offer).toEqual({ kind: 'part', section, part: 0 });
    expect(spokenText(speechOf(response)).endsWith('?')).toBe(true);
  });

  it('"yes" after a summary plays the parts in order, then offers the next section', async () => {
    let attributes: Record<string, unknown> = { topic: 'prep', offer: { kind: 'part', section: 'prep', part: 0 } };
    const heard: string[] = [];
    while (heard.length < en.sections.prep.parts.length) {
      const response = await invoke(intentRequest('AMAZON.YesIntent'), { attributes });
      heard.push(spokenText(speechOf(response)));
      attributes = response.sessionAttributes ?? {};
    }
    en.sections.prep.parts.forEach((part, index) => expect(heard[index]).toContain(part.slice(0, 30)));
    expect(attributes.offer).toEqual({ kind: 'section', section: 'process' });
    expect(heard[heard.length - 1]).toContain('what happens on the day');
  });

  it('the last section ends by asking if there is anything else, which "yes" and "no" answer', async () => {
    const last = en.sections.after.parts.length - 1;
    const response = await invoke(intentRequest('AMAZON.YesIntent'), {
      attributes: { offer: { kind: 'part', section: 'after', part: last } },
    });
    expect(response.sessionAttributes?.offer).toEqual({ kind: 'anythingElse' });
    expect(spokenText(speechOf(response)).endsWith('?')).toBe(true);
  });

  it('a question about a risk is answered with the risks, not the emergency', async () => {
    const response = await invoke(intentRequest('RisksIntent'));
    expect(topicOf(response)).toBe('risks');
    expect(response.response.shouldEndSession).toBe(false);
  });
});

describe('disclaimer', () => {
  it('reads every part of the full disclaimer, one breath at a time', async () => {
    let response = await invoke(intentRequest('DisclaimerIntent'));
    const heard = [spokenText(speechOf(response))];
    while (response.sessionAttributes?.offer !== undefined) {
      response = await invoke(intentRequest('AMAZON.YesIntent'), { attributes: response.sessionAttributes });
      heard.push(spokenText(speechOf(response)));
    }
    expect(heard).toHaveLength(en.disclaimer.full.length);
    en.disclaimer.full.forEach((part, index) => expect(heard[index]).toContain(part.slice(0, 30)));
    expect(topicOf(response)).toBe('disclaimer');
    expect(response.response.shouldEndSession).toBe(false);
  });
});

describe('emergency', () => {
  it('starts with the number, says it cannot call, slows down and ends the session', async () => {
    const response = await invoke(intentRequest('EmergencyIntent'), { attributes: { topic: 'what' } });
    const heard = spokenText(speechOf(response));
    expect(heard.startsWith('Call 911 now.')).toBe(true);
    expect(heard).toContain("I can't make the call");
    expect(speechOf(response)).toContain('<prosody rate="85%">');
    expect(speechOf(response)).toContain("<say-as interpret-as='digits'>911</say-as>");
    expect(response.response.shouldEndSession).toBe(true);
    expect(topicOf(response)).toBe('emergency');
  });

  it('a red-flag symptom report is an emergency, a fever is urgent, a mild one gets the calm answer', async () => {
    const redFlag = await invoke(
      intentRequest('SymptomReportIntent', { symptom: { value: 'chest pain', id: 'chestPain' } }),
    );
    expect(topicOf(redFlag)).toBe('emergency');
    const fever = await invoke(
      intentRequest('SymptomReportIntent', { symptom: { value: 'a high fever', id: 'fever' } }),
    );
    expect(topicOf(fever)).toBe('urgent');
    expect(spokenText(speechOf(fever)).startsWith('Please call your doctor or care team now')).toBe(true);
    const mild = await invoke(
      intentRequest('SymptomReportIntent', {
        bodyPart: { value: 'back', id: 'back' },
        state: { value: 'sore', id: 'sore' },
        severity: { value: 'a bit', id: 'mild' },
      }),
    );
    expect(topicOf(mild)).toBe('symptom');
    expect(spokenText(speechOf(mild))).toMatch(/call your doctor/i);
    expect(spokenText(speechOf(mild))).toContain('911');
  });

  it('an unresolved symptom with red-flag words is still an emergency', async () => {
    const response = await invoke(
      intentRequest('SymptomReportIntent', { symptom: { value: 'crushing pain in my chest' } }),
    );
    expect(topicOf(response)).toBe('emergency');
  });
});

describe('help, stop, fallback', () => {
  it('help names the emergency option first, then what to ask, then how to stop', async () => {
    const response = await invoke(intentRequest('AMAZON.HelpIntent'));
    const heard = spokenText(speechOf(response));
    expect(heard.startsWith('If this is an emergency')).toBe(true);
    expect(heard).toContain('say stop');
    expect(topicOf(response)).toBe('help');
  });

  it.each(['AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NavigateHomeIntent'])(
    '%s says goodbye and ends',
    async (intent) => {
      const response = await invoke(intentRequest(intent));
      expect(topicOf(response)).toBe('goodbye');
      expect(response.response.shouldEndSession).toBe(true);
      expect(response.response.reprompt).toBeUndefined();
    },
  );

  it('fallback says what the skill can do and asks again', async () => {
    const response = await invoke(intentRequest('AMAZON.FallbackIntent'));
    expect(topicOf(response)).toBe('fallback');
    expect(repromptOf(response)).not.toBe('');
  });
});

describe('requests the skill does not expect', () => {
  it('a SessionEndedRequest gets an empty response', async () => {
    const request: Request = {
      type: 'SessionEndedRequest',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      reason: 'USER_INITIATED',
    };
    const response = await invoke(request);
    expect(response.response.outputSpeech).toBeUndefined();
  });

  it('an intent this version does not know gets the fallback answer', async () => {
    const response = await invoke(intentRequest('SomeRetiredIntent'));
    expect(topicOf(response)).toBe('fallback');
    expect(speechOf(response)).not.toBe('');
  });

  it('an unknown request type gets a spoken answer', async () => {
    const request: Request = {
      type: 'Alexa.Presentation.APL.UserEvent',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      token: 't',
      arguments: [],
    };
    const response = await invoke(request);
    expect(speechOf(response)).not.toBe('');
    expect(response.response.shouldEndSession).toBe(false);
  });

  it('an IntentRequest with no intent gets a spoken answer', async () => {
    const broken: RequestEnvelope = envelope(launchRequest());
    const request: Record<string, unknown> = {
      type: 'IntentRequest',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
    };
    const response = await handler({ ...broken, request: JSON.parse(JSON.stringify(request)) });
    expect(speechOf(response)).not.toBe('');
  });

  it('an envelope with nothing in it still answers, and never throws', async () => {
    const response = await handler(JSON.parse('{}'));
    expect(spokenText(speechOf(response)).endsWith('?')).toBe(true);
  });

  it('session attributes left by an older version are ignored safely', async () => {
    const response = await invoke(intentRequest('AMAZON.YesIntent'), {
      attributes: { topic: 42, offer: { kind: 'part', section: 'gone', part: -3 }, extra: 'kept' },
    });
    expect(topicOf(response)).toBe('help');
    expect(response.sessionAttributes?.extra).toBe('kept');
  });

  it('a glossary question with an unknown word asks which word', async () => {
    const response = await invoke(intentRequest('GlossaryIntent', { term: { value: 'spondylolisthesis' } }));
    expect(topicOf(response)).toBe('glossary');
    expect(spokenText(speechOf(response))).not.toContain('spondylolisthesis');
  });
});
