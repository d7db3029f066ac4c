/**
 * The conversation's moves as structure: which content keys to say, what to ask, what "yes" would
 * accept. Handlers choose a move; speech/ turns it into words.
 */
import { contentFor, sectionOrder } from './content';
import type { Line, Offer, Reply, Topic } from './state';

function line(key: string, refs?: Record<string, string>): Line {
  return refs === undefined ? { key } : { key, refs };
}

const sectionTopics: Record<string, Topic> = { what: 'what', prep: 'prep', process: 'process', risks: 'risks' };

function topicOf(section: string): Topic {
  return sectionTopics[section] ?? 'fallback';
}

export function welcome(): Reply {
  return {
    topic: 'welcome',
    title: line('skill.name'),
    lines: [line('welcome.greeting'), line('disclaimer.short')],
    ask: { question: line('welcome.question'), reprompt: line('welcome.reprompt') },
  };
}

/** A section opens with its one-sentence summary, then offers the detail. */
export function sectionSummary(section: string): Reply {
  const name = `sections.${section}.menuName`;
  return {
    topic: topicOf(section),
    title: line(`sections.${section}.title`),
    lines: [line(`sections.${section}.summary`)],
    ask: {
      question: line('section.more', { name }),
      reprompt: line('section.moreReprompt', { name }),
    },
    offer: { kind: 'part', section, part: 0 },
  };
}

/** What follows the last part of a section: the next section, or the end of the topics. */
function afterSection(section: string): Pick<Reply, 'ask' | 'offer'> {
  const next = sectionOrder[sectionOrder.indexOf(section) + 1];
  if (next === undefined) {
    return { ask: { question: line('section.last'), reprompt: line('section.lastReprompt') } };
  }
  const name = `sections.${next}.menuName`;
  return {
    ask: { question: line('section.next', { name }), reprompt: line('section.nextReprompt', { name }) },
    offer: { kind: 'section', section: next },
  };
}

/** One part of a section's detail, short enough to hear in one breath. */
export function sectionPart(locale: string, section: string, part: number): Reply {
  const parts = contentFor(locale).sections[section]?.parts.length ?? 0;
  const index = Math.min(Math.max(part, 0), Math.max(parts - 1, 0));
  const reply: Reply = {
    topic: topicOf(section),
    title: line(`sections.${section}.title`),
    lines: [line(`sections.${section}.parts.${index}`)],
  };
  if (index + 1 < parts) {
    return {
      ...reply,
      ask: { question: line('section.goOn'), reprompt: line('section.goOnReprompt') },
      offer: { kind: 'part', section, part: index + 1 },
    };
  }
  return { ...reply, ...afterSection(section) };
}

export function disclaimerPart(locale: string, part: number): Reply {
  const parts = contentFor(locale).disclaimer.full.length;
  const index = Math.min(Math.max(part, 0), parts - 1);
  const lines = [line(`disclaimer.full.${index}`)];
  const reply: Reply = {
    topic: 'disclaimer',
    title: line('disclaimer.title'),
    lines: index === 0 ? [line('disclaimer.intro'), ...lines] : lines,
  };
  if (index + 1 < parts) {
    return {
      ...reply,
      ask: { question: line('disclaimer.goOn'), reprompt: line('disclaimer.goOnReprompt') },
      offer: { kind: 'disclaimer', part: index + 1 },
    };
  }
  return { ...reply, ask: { question: line('disclaimer.done'), reprompt: line('disclaimer.doneReprompt') } };
}

export function help(): Reply {
  return {
    topic: 'help',
    title: line('skill.name'),
    lines: [line('help.emergency'), line('help.options')],
    ask: { question: line('help.question'), reprompt: line('help.reprompt') },
  };
}

export function fallback(): Reply {
  return {
    topic: 'fallback',
    title: line('skill.name'),
    lines: [line('fallback.sorry')],
    ask: { question: line('fallback.question'), reprompt: line('fallback.reprompt') },
  };
}

export function declined(): Reply {
  return {
    topic: 'help',
    title: line('skill.name'),
    lines: [line('no.text')],
    ask: { question: line('no.question'), reprompt: line('no.reprompt') },
  };
}

export function nothingOffered(): Reply {
  return {
    topic: 'help',
    title: line('skill.name'),
    lines: [line('yesNothing.text')],
    ask: { question: line('yesNothing.question'), reprompt: line('yesNothing.reprompt') },
  };
}

export function goodbye(): Reply {
  return { topic: 'goodbye', title: line('skill.name'), lines: [line('goodbye.text')] };
}

export function unsupported(): Reply {
  return {
    topic: 'fallback',
    title: line('skill.name'),
    lines: [line('unsupported.text')],
    ask: { question: line('unsupported.question'), reprompt: line('unsupported.reprompt') },
  };
}

export function problem(): Reply {
  return {
    topic: 'fallback',
    title: line('skill.name'),
    lines: [line('error.text')],
    ask: { question: line('error.question'), reprompt: line('error.reprompt') },
  };
}

/** A specific fact, then an offer of the detail of the section it belongs to. */
export function fact(fact: string, section: string): Reply {
  const name = `sections.${section}.menuName`;
  return {
    topic: topicOf(section),
    title: line(`sections.${section}.title`),
    lines: [line(`facts.${fact}.text`)],
    ask: { question: line('factPrompts.more', { name }), reprompt: line('factPrompts.moreReprompt', { name }) },
    offer: { kind: 'part', section, part: 0 },
  };
}

/** A definition. If the listener was in the middle of something, offer to carry on with it. */
export function definition(term: string, pending: Offer | undefined): Reply {
  const reply: Reply = { topic: 'glossary', title: line(`glossary.${term}.term`), lines: [line(`glossary.${term}.definition`)] };
  if (pending === undefined) {
    return { ...reply, ask: { question: line('glossaryPrompts.whatElse'), reprompt: line('glossaryPrompts.whatElseReprompt') } };
  }
  return {
    ...reply,
    ask: { question: line('glossaryPrompts.carryOn'), reprompt: line('glossaryPrompts.carryOnReprompt') },
    offer: pending,
  };
}

export function unknownTerm(): Reply {
  return {
    topic: 'glossary',
    title: line('skill.name'),
    lines: [line('glossaryPrompts.unknown')],
    ask: { question: line('glossaryPrompts.unknownQuestion'), reprompt: line('glossaryPrompts.unknownReprompt') },
  };
}

export function symptom(): Reply {
  return {
    topic: 'symptom',
    title: line('symptom.title'),
    lines: [line('symptom.text')],
    ask: { question: line('symptom.question'), reprompt: line('symptom.reprompt') },
  };
}
