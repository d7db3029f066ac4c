/**
 * The time budget of every call to the preference store. Storage that is slow, down, throttled,
 * missing or corrupt costs the listener nothing but their saved settings: each call is raced against
 * its budget, and a call that loses is a failure like any other.
 */
import type { AttributesManager } from 'ask-sdk-core';

export const LOAD_BUDGET_MS = 300;
export const SAVE_BUDGET_MS = 1000;
/** Deleting, for "forget my settings", gets the same budget as saving. */
export const DELETE_BUDGET_MS = SAVE_BUDGET_MS;

class StorageTimeout extends Error {
  override name = 'StorageTimeout';
}

/**
 * The work's answer, or a StorageTimeout once `ms` have passed without one. One promise and one
 * timer, cleared as the work settles: a warm request that saves makes nothing more for its budget.
 */
export function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageTimeout()), ms);
    const settled = (): void => clearTimeout(timer);
    work.then(settled, settled);
    work.then(resolve, reject);
  });
}

/** Deletes everything stored for the listener, within its budget. Throws if that failed. */
export async function forgetStored(attributes: AttributesManager): Promise<void> {
  await withinBudget(attributes.deletePersistentAttributes?.() ?? Promise.resolve(), DELETE_BUDGET_MS);
}
