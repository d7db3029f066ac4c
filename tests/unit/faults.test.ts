/**
 * Fault injection: break the texts, the interceptors, the session, logging and rendering in turn, and
 * check that an emergency still gets the right words and number.
 */
import * as conversationModule from '../../lambda/src/conversation';
import * as i18n from '../../lambda/src/content/i18n';
import { handler } from '../../lambda/src/index';
import * as logModule from '../../lambda/src/log';
import * as state from '../../lambda/src/state';
import { envelope, intentRequest, speechOf } from '../helpers/envelopes';
import { spokenText } from '../helpers/speech';

const broken = (): never => {
  throw new Error('injected fault');
};

type Fault = [string, () => void];

const faults: Fault[] = [
  ['the texts', () => jest.spyOn(i18n, 'translatorFor').mockImplementation(broken)],
  ['the localization interceptor', () => jest.spyOn(conversationModule, 'conversationFor').mockImplementation(broken)],
  ['reading the session', () => jest.spyOn(state, 'parseAttributes').mockImplementation(broken)],
  ['writing the session', () => jest.spyOn(state, 'withChanges').mockImplementation(broken)],
  [
    'the reply recorder',
    () => {
      jest.spyOn(state, 'afterReply').mockImplementation(broken);
      jest.spyOn(state, 'afterEmergency').mockImplementation(broken);
    },
  ],
  ['logging', () => jest.spyOn(logModule, 'serialize').mockImplementation(broken)],
];

const everything: Fault = ['all of them at once', () => faults.forEach(([, inject]) => inject())];

afterEach(() => jest.restoreAllMocks());

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = logModule.setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

describe.each([...faults, everything])('when %s fails', (_name, inject) => {
  it('an emergency still hears "Call 911 now" first, and the session ends', async () => {
    inject();
    const response = await handler(envelope(intentRequest('EmergencyIntent')));
    expect(spokenText(speechOf(response)).startsWith('Call 911 now.')).toBe(true);
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('a red-flag symptom report still gets the emergency answer', async () => {
    inject();
    const response = await handler(
      envelope(intentRequest('SymptomReportIntent', { symptom: { value: 'chest pain', id: 'chestPain' } })),
    );
    expect(spokenText(speechOf(response))).toContain('911');
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('any other request still gets a spoken answer, not an exception', async () => {
    inject();
    const response = await handler(envelope(intentRequest('RisksIntent')));
    expect(speechOf(response)).not.toBe('');
  });
});

describe('when even rendering fails', () => {
  it('the last words still speak the number', async () => {
    await jest.isolateModulesAsync(async () => {
      const render = await import('../../lambda/src/speech/render');
      jest.spyOn(render, 'toSsml').mockImplementation(broken);
      const fresh = await import('../../lambda/src/index');
      const response = await fresh.handler(envelope(intentRequest('EmergencyIntent')));
      expect(spokenText(speechOf(response))).toContain('Call 911 now.');
    });
  });
});

describe('the faults really are injected', () => {
  it('with the texts broken, a content question gets the apology with the number, not its answer', async () => {
    jest.spyOn(i18n, 'translatorFor').mockImplementation(broken);
    const response = await handler(envelope(intentRequest('RisksIntent')));
    const heard = spokenText(speechOf(response));
    expect(heard).toContain('something went wrong');
    expect(heard).toContain('911');
  });
});
