/**
 * The SignatureCertChainUrl check. The URL is normalised first by the WHATWG parser (scheme and host
 * lower-cased, `.` and `..` segments resolved, the default port 443 dropped), and only then compared,
 * so `/echo.api/../other/` cannot pass as `/echo.api/`. A query string is refused too.
 */
import { Refusal } from './refusal';

const HOST = 's3.amazonaws.com';
const PATH_PREFIX = '/echo.api/';
/** An encoded `/`, `\` or `.` is left alone by the parser; refuse it rather than guess how S3 reads it. */
const ENCODED_SEPARATOR = /%(2f|5c|2e)/i;

/** The normalised URL to fetch the chain from; throws Refusal('cert_url') for anything else. */
export function certificateUrl(raw: string | undefined): URL {
  if (raw === undefined || raw.trim() === '') throw new Refusal('cert_url');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Refusal('cert_url');
  }
  // `port` is '' when no port was given and when 443 was given (the default for https).
  const acceptable =
    url.protocol === 'https:' &&
    url.hostname === HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.startsWith(PATH_PREFIX) &&
    !ENCODED_SEPARATOR.test(url.pathname) &&
    // Amazon's URL has no query; one would only make the same file look like a new URL to fetch.
    url.search === '';
  if (!acceptable) throw new Refusal('cert_url');
  url.hash = '';
  return url;
}
