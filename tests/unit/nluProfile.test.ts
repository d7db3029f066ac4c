/** npm run nlu:profile reads the Utterance Profiler's answer into what the handler is sent. */
import { heardFrom } from '../../tools/profiler';

it('takes the selected intent, a resolved slot with its id, and an unresolved one without', () => {
  const answer = {
    sessionEnded: false,
    selectedIntent: {
      name: 'SymptomReportIntent',
      confirmationStatus: 'NONE',
      slots: {
        bodyPart: {
          name: 'bodyPart',
          value: 'legs',
          resolutions: {
            resolutionsPerAuthority: [
              { status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: 'legs', id: 'legs' } }] },
            ],
          },
        },
        state: {
          name: 'state',
          value: 'gone all wobbly',
          resolutions: { resolutionsPerAuthority: [{ status: { code: 'ER_SUCCESS_NO_MATCH' } }] },
        },
        symptom: { name: 'symptom' },
      },
    },
    consideredIntents: [],
  };
  expect(heardFrom(answer)).toEqual({
    intent: 'SymptomReportIntent',
    slots: {
      bodyPart: { value: 'legs', id: 'legs', type: 'CUSTOM' },
      state: { value: 'gone all wobbly', type: 'CUSTOM' },
    },
  });
});

it('a search-query slot has no resolutions, and an answer without a selected intent is the fallback', () => {
  expect(
    heardFrom({
      selectedIntent: { name: 'ReportTextIntent', slots: { text: { name: 'text', value: 'my legs feel funny' } } },
    }),
  ).toEqual({
    intent: 'ReportTextIntent',
    slots: { text: { value: 'my legs feel funny', type: 'AMAZON.SearchQuery' } },
  });
  expect(heardFrom({ consideredIntents: [] })).toEqual({ intent: 'AMAZON.FallbackIntent', slots: {} });
});
