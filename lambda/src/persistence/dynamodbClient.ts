/**
 * The store's DynamoDB client: GetItem and PutItem, signed with aws4 (SigV4) and sent with node's own
 * https (http only where the endpoint says so, for a local DynamoDB such as dynalite), on a keep-alive
 * agent so that a warm function reuses its connection.
 *
 * Why not aws-lite's client (@aws-lite/client), which the store used before: for these two operations it
 * was 53.4 KiB of the 381.4 KiB Lambda bundle (aws4, 8.0 KiB, is what both sign with), it starts
 * asynchronously (it looks for configuration files and credentials before the first call), and most of
 * it (plugins, pagination, XML, streams, credential sources) serves other services. Without it the
 * bundle measured 332.1 KiB, and a fresh process answering a LaunchRequest on DynamoDB (dynalite) took
 * a median 13.5 ms less wall time and 9.3 ms less CPU, in 60 interleaved pairs on Node 20 (README).
 *
 * Every call runs within the store's budget (budget.ts): the socket is destroyed when the budget is
 * spent, so a hung connection cannot hold a request, and a failed attempt is retried only where the
 * retry still fits it (see `dynamoDbRequest`). Errors are DynamoDbErrors named for what went wrong
 * (DynamoDB's own error type, or a timeout, network or configuration error); their messages carry the
 * operation and the HTTP status, never a key, an item, a credential or DynamoDB's message.
 */
import type { Agent, AgentOptions, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { sign } from 'aws4';
import { isRecord } from '../json';
import { LOAD_BUDGET_MS, SAVE_BUDGET_MS } from './budget';
import { fromAttributes, toAttributes } from './dynamodbJson';

/** The two DynamoDB operations the store uses, with plain-JSON items (the client types them). */
export interface DynamoDbApi {
  GetItem(input: Record<string, unknown>): Promise<unknown>;
  PutItem(input: Record<string, unknown>): Promise<unknown>;
}

export type Operation = keyof DynamoDbApi;

export interface DynamoDbCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface DynamoDbConfig {
  region: string;
  /** Where requests go: DynamoDB's own https endpoint for the region, or the one the environment names. */
  endpoint: URL;
  credentials: DynamoDbCredentials;
}

/** A configuration the client cannot work with. The message names the variable, never its value. */
export class DynamoDbConfigError extends Error {
  override name = 'DynamoDbConfigError';
}

/**
 * A call that failed. `name` is DynamoDB's error type where it sent one (ConditionalCheckFailedException,
 * ResourceNotFoundException, ProvisionedThroughputExceededException, …), else one of DynamoDbTimeout,
 * DynamoDbNetworkError, DynamoDbHttpError (an error status without a type) or DynamoDbBadAnswer.
 */
export class DynamoDbError extends Error {
  constructor(
    override readonly name: string,
    readonly operation: string,
    /** Whether the same request may succeed if sent again: throttling, a 5xx, a connection reset. */
    readonly retryable: boolean,
    detail = '',
  ) {
    super(`DynamoDB ${operation}: ${name}${detail === '' ? '' : ` (${detail})`}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** AWS_ENDPOINT_URL_DYNAMODB, the standard per-service variable, then AWS_ENDPOINT_URL, then AWS's own. */
function endpointFrom(env: NodeJS.ProcessEnv, region: string): URL {
  const variable = ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL'].find((name) => nonEmpty(env[name]) !== undefined);
  if (variable === undefined) {
    return new URL(`https://dynamodb.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}/`);
  }
  let endpoint: URL;
  try {
    endpoint = new URL(env[variable] ?? '');
  } catch {
    throw new DynamoDbConfigError(`${variable} is not a URL`);
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new DynamoDbConfigError(`${variable} is not an http or https URL`);
  }
  // Signed requests to AWS itself never go in clear text: aws-lite sent them over TLS whatever the URL said, and
  // so does this client.
  if (/\.amazonaws\.com(\.cn)?$/.test(endpoint.hostname)) endpoint.protocol = 'https:';
  endpoint.search = '';
  endpoint.hash = '';
  return endpoint;
}

/**
 * The configuration Lambda gives a function: the region in AWS_REGION (AWS_DEFAULT_REGION where only that is
 * set), the execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and
 * an endpoint override for a local DynamoDB. Throws DynamoDbConfigError when one is missing or malformed.
 */
export function dynamoDbConfigFromEnv(env: NodeJS.ProcessEnv): DynamoDbConfig {
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (region === undefined) throw new DynamoDbConfigError('neither AWS_REGION nor AWS_DEFAULT_REGION is set');
  // The region becomes part of a host name and of the signature's scope.
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new DynamoDbConfigError('the region is not an AWS region name');
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new DynamoDbConfigError('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set');
  }
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  return {
    region,
    endpoint: endpointFrom(env, region),
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) },
  };
}

/** YYYYMMDDTHHMMSSZ, SigV4's form of a time. */
function amzDate(time: Date): string {
  return time.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

export interface SignedRequest {
  path: string;
  headers: Record<string, string | number>;
  body: string;
}

/**
 * A DynamoDB JSON-1.0 request for `operation`, signed for `time`: Host, Content-Type, X-Amz-Target and
 * X-Amz-Date signed, with Authorization, Content-Length and (with a session token) X-Amz-Security-Token added.
 */
export function signedRequest(config: DynamoDbConfig, operation: string, body: string, time: Date): SignedRequest {
  const { path, headers } = sign(
    {
      service: 'dynamodb',
      region: config.region,
      method: 'POST',
      path: config.endpoint.pathname,
      headers: {
        Host: config.endpoint.host,
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `DynamoDB_20120810.${operation}`,
        'X-Amz-Date': amzDate(time),
      },
      body,
    },
    config.credentials,
  );
  return { path, headers, body };
}

/** What the client needs of node:http and node:https, which both have it. */
interface HttpModule {
  request(options: RequestOptions, answer: (message: IncomingMessage) => void): ClientRequest;
  Agent: new (options: AgentOptions) => Agent;
}

function isHttpModule(value: unknown): value is HttpModule {
  return isRecord(value) && typeof value.request === 'function' && typeof value.Agent === 'function';
}

const transports = new Map<string, { module: HttpModule; agent: Agent }>();

/**
 * node:https or node:http with one keep-alive agent each, loaded on the first request: https (with tls and
 * net) takes about 5 ms to load, which a function keeping preferences in memory never needs.
 */
function transport(protocol: string): { module: HttpModule; agent: Agent } {
  const known = transports.get(protocol);
  if (known !== undefined) return known;
  const loaded: unknown =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above; checked below
    protocol === 'https:' ? require('node:https') : require('node:http');
  if (!isHttpModule(loaded)) throw new Error(`node has no ${protocol} client`);
  const made = { module: loaded, agent: new loaded.Agent({ keepAlive: true }) };
  transports.set(protocol, made);
  return made;
}

/** Socket errors after which the same request may well succeed: a reused connection the server had closed. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

function networkError(operation: string, error: unknown): DynamoDbError {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : '';
  return new DynamoDbError('DynamoDbNetworkError', operation, RETRYABLE_CODES.has(code), code.slice(0, 40));
}

interface Answer {
  status: number;
  body: string;
}

/** Sends one signed request; rejects with DynamoDbTimeout, destroying the socket, once `deadline` has passed. */
function send(config: DynamoDbConfig, operation: string, signed: SignedRequest, deadline: number): Promise<Answer> {
  const { endpoint } = config;
  const { module, agent } = transport(endpoint.protocol);
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(
      () => {
        settle(() => reject(new DynamoDbError('DynamoDbTimeout', operation, false)));
        request.destroy();
      },
      Math.max(0, deadline - Date.now()),
    );
    const request = module.request(
      {
        protocol: endpoint.protocol,
        // URL keeps an IPv6 address in brackets, which a host name for a socket must not have.
        hostname: endpoint.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: endpoint.port === '' ? undefined : Number(endpoint.port),
        method: 'POST',
        path: signed.path,
        headers: signed.headers,
        agent,
      },
      (message) => {
        const chunks: Buffer[] = [];
        message.on('data', (chunk: Buffer) => chunks.push(chunk));
        message.on('end', () => {
          settle(() => resolve({ status: message.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        });
        message.on('error', (error) => settle(() => reject(networkError(operation, error))));
        // Closed before its end: cut off.
        message.on('close', () => settle(() => reject(networkError(operation, { code: 'ECONNRESET' }))));
      },
    );
    request.on('error', (error) => settle(() => reject(networkError(operation, error))));
    request.end(signed.body);
  });
}

/** DynamoDB's error types that say "try again shortly", besides any 5xx or 429 status. */
const RETRYABLE_TYPES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/** The error an answer other than 200 stands for: DynamoDB's `__type` ("com.amazonaws.dynamodb.v20120810#Name"). */
function errorFrom(operation: string, status: number, answer: unknown): DynamoDbError {
  const type = isRecord(answer) && typeof answer.__type === 'string' ? answer.__type : '';
  const name = type.slice(type.lastIndexOf('#') + 1);
  const known = /^\w{1,100}$/.test(name);
  const retryable = status >= 500 || status === 429 || (known && RETRYABLE_TYPES.has(name));
  return new DynamoDbError(known ? name : 'DynamoDbHttpError', operation, retryable, `HTTP ${status}`);
}

async function attempt(
  config: DynamoDbConfig,
  operation: string,
  body: string,
  deadline: number,
): Promise<Record<string, unknown>> {
  const { status, body: text } = await send(
    config,
    operation,
    signedRequest(config, operation, body, new Date()),
    deadline,
  );
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  if (status !== 200) throw errorFrom(operation, status, answer);
  if (!isRecord(answer))
    throw new DynamoDbError('DynamoDbBadAnswer', operation, false, 'HTTP 200 without a JSON object');
  return answer;
}

/** At most two retries, as the AWS SDK's standard mode makes, and only those that fit the budget. */
export const MAX_ATTEMPTS = 3;
/** Full jitter: the wait before retry n is random below 25·2^(n-1) ms, so at most 25, then 50 ms. */
const BACKOFF_MS = 25;
/**
 * A retry is sent only if at least this long is left of the budget after its wait: enough for a request to a
 * DynamoDB in the function's region, new connection included, to answer. With less, it would only be cut off.
 */
export const MIN_ATTEMPT_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One DynamoDB operation with its payload in DynamoDB's own typed JSON, and its answer as DynamoDB sent it,
 * all within `budgetMs` of now. A retryable failure is sent again, freshly signed, while attempts remain and
 * the retry fits the budget (MAX_ATTEMPTS, MIN_ATTEMPT_MS). Retrying a PutItem is safe for the store: the same
 * stamped write lands or fails the same way twice.
 */
export async function dynamoDbRequest(
  config: DynamoDbConfig,
  operation: string,
  payload: Record<string, unknown>,
  budgetMs: number,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + budgetMs;
  const body = JSON.stringify(payload);
  for (let attempts = 1; ; attempts += 1) {
    try {
      return await attempt(config, operation, body, deadline);
    } catch (error) {
      const wait = Math.random() * BACKOFF_MS * 2 ** (attempts - 1);
      const again =
        error instanceof DynamoDbError &&
        error.retryable &&
        attempts < MAX_ATTEMPTS &&
        deadline - Date.now() - wait >= MIN_ATTEMPT_MS;
      if (!again) throw error;
      await sleep(wait);
    }
  }
}

/** The payload fields that hold items or values, typed on the way out; the answer's, made plain on the way back. */
const TYPED_IN = ['Key', 'Item', 'ExpressionAttributeValues'];
const TYPED_OUT = ['Item', 'Attributes'];

function mapFields(
  record: Record<string, unknown>,
  fields: readonly string[],
  map: (values: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  const mapped = { ...record };
  for (const field of fields) {
    const values = record[field];
    if (isRecord(values)) mapped[field] = map(values);
  }
  return mapped;
}

/** Each operation's budget: a load's for GetItem; a save's, which a forget shares, for PutItem. */
export const STORE_BUDGETS: Readonly<Record<Operation, number>> = { GetItem: LOAD_BUDGET_MS, PutItem: SAVE_BUDGET_MS };

export function dynamoDbClient(
  config: DynamoDbConfig,
  budgets: Readonly<Record<Operation, number>> = STORE_BUDGETS,
): DynamoDbApi {
  const call = async (operation: Operation, input: Record<string, unknown>): Promise<unknown> => {
    const answer = await dynamoDbRequest(
      config,
      operation,
      mapFields(input, TYPED_IN, toAttributes),
      budgets[operation],
    );
    return mapFields(answer, TYPED_OUT, fromAttributes);
  };
  return { GetItem: (input) => call('GetItem', input), PutItem: (input) => call('PutItem', input) };
}
