/**
 * The offer after a fact fits the fact's subject (issue 15): "does it work?" is followed by the risks, a referral or
 * the cost by "anything else?", and every other fact by the detail of its own section. Checked for every fact of
 * the registry in every locale, by what "yes" then says.
 */
import { locales, registry, sectionOrder } from '../../lambda/src/content';
import type { FactEntry } from '../../lambda/src/content/types';
import { intentRequest, invoke } from '../helpers/envelopes';
import { silenceLogs } from '../helpers/talk';

silenceLogs();

it('names a section or anythingElse in every followUp of the registry', () => {
  const named = registry.facts.flatMap((entry) => (entry.followUp === undefined ? [] : [entry.followUp]));
  expect(named.length).toBeGreaterThan(0);
  expect(named.filter((id) => id !== 'anythingElse' && !sectionOrder.includes(id))).toEqual([]);
});

describe.each(locales)('in %s', (locale) => {
  it.each(registry.facts.map((entry): [string, FactEntry] => [entry.id, entry]))(
    'after %s, "yes" goes where the fact points',
    async (_id, entry) => {
      const answer = await invoke(intentRequest(entry.intent, {}, locale));
      const attributes = answer.sessionAttributes ?? {};
      const yes = await invoke(intentRequest('AMAZON.YesIntent', {}, locale), { attributes, newSession: false });
      const keys = JSON.stringify(yes.sessionAttributes?.said);
      if (entry.kind === 'referral' || entry.followUp === 'anythingElse') {
        expect(yes.sessionAttributes?.topic).toBe('menu');
      } else {
        const next = entry.followUp ?? entry.section;
        // Its own section goes on with the detail; another opens with its summary, as "next" would.
        expect(keys).toContain(next === entry.section ? `sections.${next}.parts.0` : `sections.${next}.summary`);
      }
    },
  );
});
