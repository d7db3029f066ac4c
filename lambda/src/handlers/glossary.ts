import { context } from '../context';
import { registry } from '../content';
import { definition, unknownTerm } from '../replies';
import { isIntent, resolvedSlotId } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

const terms: ReadonlySet<string> = new Set(registry.glossary);

export const GlossaryHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'GlossaryIntent'),
  handle: (input) => {
    const term = resolvedSlotId(input, 'term');
    if (term === undefined || !terms.has(term)) return respond(input, unknownTerm());
    return respond(input, definition(term, context(input).session.offer));
  },
};
