/**
 * The skill manifest declares every interface the skill uses (issue 18). Alexa reports a device's
 * support for an interface, and accepts its directives, only when the manifest declares it: without
 * ALEXA_PRESENTATION_APL the large-text transcript never rendered on a real device, while the unit
 * tests, which set supportedInterfaces by hand, could not notice. So the interfaces are read from
 * what the skill really sends, over requests of every kind, on a device that supports everything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, ResponseEnvelope } from 'ask-sdk-model';
import { setLogSink } from '../../lambda/src/log';
import { envelope, intentRequest, launchRequest } from '../helpers/envelopes';
import { handler } from '../../lambda/src/index';
import { isRecord } from '../../lambda/src/json';

/** Each directive namespace and the manifest interface it needs; Dialog directives need none. */
const interfaceFor: Record<string, string | null> = {
  'Alexa.Presentation.APL': 'ALEXA_PRESENTATION_APL',
  'Alexa.Presentation.APLA': null,
  'Alexa.Presentation.APLT': 'ALEXA_PRESENTATION_APLT',
  'Alexa.Presentation.HTML': 'ALEXA_PRESENTATION_HTML',
  AudioPlayer: 'AUDIO_PLAYER',
  VideoApp: 'VIDEO_APP',
  Display: 'RENDER_TEMPLATE',
  Dialog: null,
  Connections: null,
};

const manifest: unknown = JSON.parse(readFileSync(join(__dirname, '../../skill-package/skill.json'), 'utf8'));

function declaredInterfaces(): string[] {
  if (!isRecord(manifest) || !isRecord(manifest.manifest) || !isRecord(manifest.manifest.apis)) return [];
  const custom = manifest.manifest.apis.custom;
  if (!isRecord(custom) || !Array.isArray(custom.interfaces)) return [];
  return custom.interfaces.flatMap((entry: unknown) =>
    isRecord(entry) && typeof entry.type === 'string' ? [entry.type] : [],
  );
}

/** A device that reports every interface, as Alexa would once each is declared. */
const everything = {
  'Alexa.Presentation.APL': { runtime: { maxVersion: '2023.3' } },
  'Alexa.Presentation.APLT': { runtime: { maxVersion: '1.0' } },
  AudioPlayer: {},
  VideoApp: {},
  Display: { templateVersion: '1.0', markupVersion: '1.0' },
};

/** The intents of the English model, so the list follows the model when intents are added or renamed. */
function modelIntents(): string[] {
  const model: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../skill-package/interactionModels/custom/en-US.json'), 'utf8'),
  );
  const language =
    isRecord(model) && isRecord(model.interactionModel) ? model.interactionModel.languageModel : undefined;
  const intents = isRecord(language) && Array.isArray(language.intents) ? language.intents : [];
  return intents.flatMap((intent: unknown) =>
    isRecord(intent) && typeof intent.name === 'string' ? [intent.name] : [],
  );
}

const requests: Request[] = [
  launchRequest(),
  ...modelIntents().map((name) => intentRequest(name)),
  intentRequest('SymptomReportIntent', { symptom: { value: 'chest pain', id: 'chestPain' } }),
];

async function directiveTypes(): Promise<string[]> {
  const restore = setLogSink(() => undefined);
  try {
    const responses: ResponseEnvelope[] = await Promise.all(
      requests.map((request) => {
        const built = envelope(request, { apl: true });
        const device = built.context.System.device;
        if (device !== undefined) device.supportedInterfaces = everything;
        return handler(built);
      }),
    );
    return responses.flatMap((response) => (response.response.directives ?? []).map((directive) => directive.type));
  } finally {
    restore();
  }
}

describe('the manifest declares every interface the skill uses', () => {
  it('every directive the skill sends belongs to an interface the manifest declares', async () => {
    const types = await directiveTypes();
    // The transcript screen must be among them, or this test checks nothing.
    expect(requests.length).toBeGreaterThan(30);
    expect(types).toContain('Alexa.Presentation.APL.RenderDocument');
    const declared = declaredInterfaces();
    for (const type of new Set(types)) {
      const namespace = type.slice(0, type.lastIndexOf('.'));
      expect(Object.keys(interfaceFor)).toContain(namespace);
      const needed = interfaceFor[namespace];
      if (needed !== null) expect(declared).toContain(needed);
    }
  });

  it('APL is declared with the viewports the transcript is laid out for', () => {
    expect(declaredInterfaces()).toContain('ALEXA_PRESENTATION_APL');
    const custom =
      isRecord(manifest) && isRecord(manifest.manifest) && isRecord(manifest.manifest.apis)
        ? manifest.manifest.apis.custom
        : undefined;
    const apl =
      isRecord(custom) && Array.isArray(custom.interfaces)
        ? custom.interfaces.find((entry: unknown) => isRecord(entry) && entry.type === 'ALEXA_PRESENTATION_APL')
        : undefined;
    const viewports: unknown = isRecord(apl) ? apl.supportedViewports : undefined;
    expect(Array.isArray(viewports) && viewports.length).toBeGreaterThan(0);
  });

  it('the English description tells a newcomer the skill covers recovery at home', () => {
    const locales =
      isRecord(manifest) && isRecord(manifest.manifest) && isRecord(manifest.manifest.publishingInformation)
        ? manifest.manifest.publishingInformation.locales
        : undefined;
    expect(isRecord(locales)).toBe(true);
    const english = Object.entries(isRecord(locales) ? locales : {}).filter(([locale]) => locale.startsWith('en-'));
    expect(english.length).toBe(5);
    for (const [, info] of english) expect(isRecord(info) ? info.description : '').toMatch(/recover/i);
  });
});
