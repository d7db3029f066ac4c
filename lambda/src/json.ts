/** The one check on untyped JSON (session attributes, stored items, request bodies, files). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
