/**
 * Everything the skill knows about one request, in one typed object: the conversation (locale, fixed
 * T and voice), the session's state, the listener's settings, the preference store's bookkeeping,
 * what the request's words mean, when it arrived, and the reply it is answered with. Handlers and
 * interceptors reach per-request state only through `context(input)`.
 *
 * Why a property under a module-private symbol on the attributes manager, and not ask-sdk's request
 * attributes: ask-sdk makes one attributes manager per request, and every HandlerInput of that
 * request shares it, including the one a move said in free text is handed on with (handlers/
 * commands.ts), which carries a copied envelope, so a key on the envelope would lose the context
 * there. Request attributes are typed `any` and any code holding the input can replace them; the
 * symbol's property can only be read and written here, and goes with the request.
 *
 * Why not a WeakMap keyed by the manager, as before: V8's young-generation collector keeps every
 * value of a WeakMap alive while its key is young, so each request's whole object graph (the input,
 * the envelope, the response) was copied and promoted to the old generation. That made every scavenge
 * slow (about 1 ms, where it is a few hundred µs without) and a full collection follow every few
 * thousand requests: the warm p99 (bench/child.ts, `warm`) was set by those pauses.
 */
import type { HandlerInput } from 'ask-sdk-core';
import { conversationFor, type Conversation } from './conversation';
import { isRecord } from './json';
import { errorName, log } from './log';
import { forgetStored } from './persistence/budget';
import { defaultPreferences, storedText, toStored, today } from './preferences';
import type { StoredReply } from './replies';
import { localeOf } from './requests';
import {
  afterEmergency,
  afterReply,
  parseAttributes,
  partsAfter,
  withChanges,
  type ListenerSettings,
  type SessionChanges,
  type SessionParts,
  type SessionState,
  type StoreBookkeeping,
} from './state';
import type { Reading } from './understanding';
import { readWords } from './words';

export interface RequestContext {
  /** The locale, its fixed T and the voice. Built on first use; it throws if i18next is broken. */
  readonly conversation: Conversation;
  /** Builds the conversation now, so that a broken i18next is found (and can be logged) before any handler. */
  prepare(): void;
  /** The conversation so far, in this session. */
  readonly session: SessionState;
  /** The listener's rate and volume, as this session has them. */
  readonly settings: ListenerSettings;
  /** Whether the stored preferences were loaded this session, and what was last saved. */
  readonly store: StoreBookkeeping;
  /** What the words of the request, as Alexa sent it, mean; undefined when it carries none. Read once. */
  readonly reading: Reading | undefined;
  /** When the request reached the skill, on performance.now()'s clock. */
  readonly startedAt: number;
  /** The reply this request is answered with, once speech/respond.ts has rendered it. */
  reply: StoredReply | undefined;
  /** Changes the session: what is kept in it for the next turn. Outside a session, nothing is kept. */
  update(changes: SessionChanges): void;
  /** Keeps what a reply answered and offered, for "yes", "next" and "repeat". */
  record(reply: StoredReply): void;
  /** Keeps the emergency answer, which is not built from a reply, as what was said. */
  recordEmergency(): void;
  /**
   * Deletes everything stored for this listener, within the store's budget, and starts the session
   * again from the default settings; false (and the session unchanged) if the store failed.
   */
  forgetStoredSettings(): Promise<boolean>;
}

class Context implements RequestContext {
  readonly startedAt = performance.now();
  reply: StoredReply | undefined;
  private built: Conversation | undefined;
  private read: { reading: Reading | undefined } | undefined;
  /** Parsed once per attributes object: ask-sdk returns the same object until update replaces it. */
  private parsed: { from: object; parts: SessionParts } | undefined;

  constructor(private readonly input: HandlerInput) {}

  get conversation(): Conversation {
    this.built ??= conversationFor(localeOf(this.input));
    return this.built;
  }

  prepare(): void {
    this.built ??= conversationFor(localeOf(this.input));
  }

  get session(): SessionState {
    return this.parts().session;
  }

  get settings(): ListenerSettings {
    return this.parts().settings;
  }

  get store(): StoreBookkeeping {
    return this.parts().store;
  }

  get reading(): Reading | undefined {
    this.read ??= { reading: readWords(this.input) };
    return this.read.reading;
  }

  update(changes: SessionChanges): void {
    if (!this.inSession()) return;
    const parts = this.parts();
    const next = withChanges(this.attributes(), changes);
    this.input.attributesManager.setSessionAttributes(next);
    this.parsed = { from: next, parts: partsAfter(parts, changes) };
  }

  record(reply: StoredReply): void {
    this.update({ session: afterReply(this.session, reply) });
  }

  recordEmergency(): void {
    this.update({ session: afterEmergency() });
  }

  async forgetStoredSettings(): Promise<boolean> {
    try {
      await forgetStored(this.input.attributesManager);
    } catch (error) {
      log('warn', { event: 'preferences_delete_failed', error: errorName(error), locale: localeOf(this.input) });
      return false;
    }
    // The session starts again from defaults. Marking them as saved means nothing is written back
    // this turn; a setting changed later in the session is saved as new.
    const fresh = { ...defaultPreferences, lastVisit: today() };
    this.update({
      session: { place: undefined, returning: undefined, disclaimerHeard: false, visitedBefore: false },
      settings: { rate: fresh.rate, volume: undefined },
      store: { status: 'loaded', saved: storedText(toStored(fresh)) },
    });
    return true;
  }

  private inSession(): boolean {
    return this.input.requestEnvelope?.session !== undefined;
  }

  private attributes(): Record<string, unknown> {
    if (!this.inSession()) return {};
    const attributes: unknown = this.input.attributesManager.getSessionAttributes();
    return isRecord(attributes) ? attributes : {};
  }

  private parts(): SessionParts {
    const source: unknown = this.inSession() ? this.input.attributesManager.getSessionAttributes() : undefined;
    const key = typeof source === 'object' && source !== null ? source : this;
    if (this.parsed?.from === key) return this.parsed.parts;
    const parts = parseAttributes(source);
    this.parsed = { from: key, parts };
    return parts;
  }
}

/** The property of the attributes manager that holds its request's context; only this module has the symbol. */
const CONTEXT = Symbol('requestContext');

/** For a manager that takes no new property (ask-sdk's always does): slower to collect, but still one context. */
const frozenManagers = new WeakMap<object, RequestContext>();

/** The context of the request this input belongs to, made on first use. Total: it never throws. */
export function context(input: HandlerInput): RequestContext {
  const key: unknown = input.attributesManager;
  if (typeof key !== 'object' || key === null) return new Context(input);
  const known: unknown = Reflect.get(key, CONTEXT);
  if (known instanceof Context) return known;
  const kept = frozenManagers.get(key);
  if (kept !== undefined) return kept;
  const made = new Context(input);
  if (!Reflect.set(key, CONTEXT, made)) frozenManagers.set(key, made);
  return made;
}
