import { registry } from '../content';
import { fallback, sectionSummary } from '../replies';
import { intentName } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

const sectionByIntent = new Map(registry.sections.map((section) => [section.intent, section.id]));

export const SectionHandler: MoveHandler = {
  canHandle: (input) => sectionByIntent.has(intentName(input) ?? ''),
  handle: (input) => {
    const section = sectionByIntent.get(intentName(input) ?? '');
    return respond(input, section === undefined ? fallback(0) : sectionSummary(section));
  },
};
