/**
 * Why a request was refused. The name of the check goes to the log; the caller only ever sees a
 * generic body, so a refusal tells a prober nothing about which check it tripped.
 */
export type Check =
  | 'body_too_large'
  | 'body_json'
  | 'body_shape'
  | 'signature_missing'
  | 'signature_sha1_only'
  | 'cert_url'
  | 'cert_fetch'
  | 'cert_parse'
  | 'cert_validity'
  | 'cert_san'
  | 'cert_chain'
  | 'cert_usage'
  | 'signature'
  | 'timestamp'
  | 'skill_id';

export class Refusal extends Error {
  override name = 'Refusal';

  constructor(readonly check: Check) {
    super(`Request refused: ${check}`);
  }
}

/** HTTP status for a refusal: 413 for a body over the limit, 400 for everything else. */
export function statusFor(check: Check): 400 | 413 {
  return check === 'body_too_large' ? 413 : 400;
}
