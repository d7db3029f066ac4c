import type { RequestInterceptor } from 'ask-sdk-core';
import { context } from '../context';
import { errorName, log } from '../log';

/** Builds the locale's fixed T and voice for the request. A failure here is logged, never thrown. */
export const LocalizationInterceptor: RequestInterceptor = {
  process: (input) => {
    try {
      // A broken i18next is logged here, once.
      context(input).prepare();
    } catch (error) {
      log('warn', { event: 'localization_failed', error: errorName(error) });
    }
  },
};
