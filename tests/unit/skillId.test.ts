/**
 * The skill ID check in code (ask-sdk's withSkillId), on top of the Lambda trigger's EventSourceToken:
 * with SKILL_ID set, a request meant for another skill is refused before any handler, interceptor or
 * store sees it. Without SKILL_ID (tests, the simulator), there is no check.
 */
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { createSkill, lambdaHandler, OtherSkillError } from '../../lambda/src/skill';
import { setLogSink } from '../../lambda/src/log';
import { envelope, intentRequest, launchRequest } from '../helpers/envelopes';

/** The skill ID the envelope helper puts in every request. */
const OURS = 'amzn1.ask.skill.test';
const OTHER = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

function forSkill(applicationId: string, request = launchRequest()): RequestEnvelope {
  const base = envelope(request);
  const application = { applicationId };
  return {
    ...base,
    session: base.session === undefined ? undefined : { ...base.session, application },
    context: { ...base.context, System: { ...base.context.System, application } },
  };
}

/** A store that records every call, to show that a refused request never reaches it. */
class RecordingStore implements PersistenceAdapter {
  readonly calls: string[] = [];

  async getAttributes(): Promise<Record<string, unknown>> {
    this.calls.push('get');
    return {};
  }

  async saveAttributes(): Promise<void> {
    this.calls.push('save');
  }

  async deleteAttributes(): Promise<void> {
    this.calls.push('delete');
  }
}

const saved = process.env.SKILL_ID;

function setSkillId(value: string | undefined): void {
  if (value === undefined) delete process.env.SKILL_ID;
  else process.env.SKILL_ID = value;
}

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());
afterEach(() => setSkillId(saved));

describe('with SKILL_ID set', () => {
  beforeEach(() => setSkillId(OURS));

  it('refuses a request for another skill, before the store or any handler sees it', async () => {
    const store = new RecordingStore();
    await expect(createSkill(store).invoke(forSkill(OTHER))).rejects.toThrow(/verification failed/);
    await expect(createSkill(store).invoke(forSkill(OTHER, intentRequest('EmergencyIntent')))).rejects.toThrow(
      /verification failed/,
    );
    expect(store.calls).toEqual([]);
  });

  it('answers a request for this skill', async () => {
    const store = new RecordingStore();
    const response = await createSkill(store).invoke(forSkill(OURS));
    expect(response.response.outputSpeech).toMatchObject({ type: 'SSML' });
    expect(store.calls).toContain('get');
  });

  it('is read when the module builds the Lambda skill', async () => {
    let built: typeof import('../../lambda/src/index') | undefined;
    await jest.isolateModulesAsync(async () => {
      (await import('../../lambda/src/log')).setLogSink(() => undefined);
      built = await import('../../lambda/src/index');
    });
    if (built === undefined) throw new Error('the module did not load');
    await expect(built.skill.invoke(forSkill(OTHER))).rejects.toThrow(/verification failed/);
    expect((await built.skill.invoke(forSkill(OURS))).response.outputSpeech).toMatchObject({ type: 'SSML' });
  });
});

describe('without SKILL_ID', () => {
  it.each([
    ['unset', undefined],
    ['empty', ''],
  ])('checks nothing when it is %s', async (_, value) => {
    setSkillId(value);
    const response = await createSkill(new RecordingStore()).invoke(forSkill(OTHER));
    expect(response.response.outputSpeech).toMatchObject({ type: 'SSML' });
  });
});

describe('the Lambda handler', () => {
  it('rejects a request for another skill, so Lambda reports an error and nothing is spoken', async () => {
    const store = new RecordingStore();
    const handler = lambdaHandler(createSkill(store), OURS);
    await expect(handler(forSkill(OTHER, intentRequest('EmergencyIntent')))).rejects.toThrow(OtherSkillError);
    expect(store.calls).toEqual([]);
  });

  it('answers a request for this skill', async () => {
    const handler = lambdaHandler(createSkill(new RecordingStore()), OURS);
    expect((await handler(forSkill(OURS))).response.outputSpeech).toMatchObject({ type: 'SSML' });
  });
});
