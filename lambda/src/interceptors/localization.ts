import type { RequestInterceptor } from 'ask-sdk-core';
import { conversation } from '../conversation';
import { errorName, log } from '../log';

/** Attaches the locale's fixed T and voice to the request. A failure here is logged, never thrown. */
export const LocalizationInterceptor: RequestInterceptor = {
  process: (input) => {
    try {
      conversation(input);
    } catch (error) {
      log('warn', { event: 'localization_failed', error: errorName(error) });
    }
  },
};
