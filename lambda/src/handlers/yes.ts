import type { RequestHandler } from 'ask-sdk-core';
import { disclaimerPart, nothingOffered, sectionPart, sectionSummary } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import { readState, type Reply } from '../state';

export const YesHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.YesIntent'),
  handle: (input) => {
    const { offer } = readState(input);
    const locale = localeOf(input);
    const accepted = (): Reply => {
      switch (offer?.kind) {
        case 'part':
          return sectionPart(locale, offer.section, offer.part);
        case 'section':
          return sectionSummary(offer.section);
        case 'disclaimer':
          return disclaimerPart(locale, offer.part);
        case undefined:
          return nothingOffered();
      }
    };
    return respond(input, accepted());
  },
};
