/** Reads the Utterance Profiler's answer (`ask smapi profile-nlu`) into what the handler is sent. */
import { isRecord } from '../lambda/src/json';
import type { Heard, HeardSlot } from './hearing';

/** The selected intent and its slots from the profiler's answer; an unresolved one is the fallback. */
export function heardFrom(answer: unknown): Heard {
  const selected = isRecord(answer) ? answer.selectedIntent : undefined;
  if (!isRecord(selected) || typeof selected.name !== 'string') return { intent: 'AMAZON.FallbackIntent', slots: {} };
  const slots: Record<string, HeardSlot> = {};
  for (const [name, slot] of Object.entries(isRecord(selected.slots) ? selected.slots : {})) {
    if (!isRecord(slot) || typeof slot.value !== 'string') continue;
    const authorities =
      isRecord(slot.resolutions) && Array.isArray(slot.resolutions.resolutionsPerAuthority)
        ? slot.resolutions.resolutionsPerAuthority
        : [];
    const first: unknown = authorities[0];
    const status = isRecord(first) && isRecord(first.status) ? first.status.code : undefined;
    const values = isRecord(first) && Array.isArray(first.values) ? first.values : [];
    const value: unknown = values[0];
    const id =
      isRecord(value) && isRecord(value.value) && typeof value.value.id === 'string' ? value.value.id : undefined;
    const type = authorities.length === 0 ? 'AMAZON.SearchQuery' : 'CUSTOM';
    slots[name] =
      status === 'ER_SUCCESS_MATCH' && id !== undefined ? { value: slot.value, id, type } : { value: slot.value, type };
  }
  return { intent: selected.name, slots };
}
