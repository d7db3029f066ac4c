import { context } from '../context';
import {
  disclaimerPart,
  menu,
  nothingOffered,
  sectionPart,
  sectionSummary,
  tourStep,
  type Offer,
  type Reply,
} from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

function accept(locale: string, offer: Offer | undefined): Reply {
  switch (offer?.kind) {
    case 'part':
      return sectionPart(locale, offer.section, offer.part);
    case 'section':
      return sectionSummary(offer.section);
    case 'disclaimer':
      return disclaimerPart(locale, offer.part);
    case 'tour':
      return tourStep(locale, offer.section, offer.part);
    case 'menu':
      return menu(offer.page);
    case 'anythingElse':
      return menu(0);
    default:
      return nothingOffered();
  }
}

/** "Yes" accepts whatever was last offered ("anything else?" lists the choices); with nothing offered it helps. */
export const YesHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.YesIntent'),
  handle: (input) => respond(input, { ...accept(localeOf(input), context(input).session.offer), move: 'yes' }),
};
