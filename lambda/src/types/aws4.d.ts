/**
 * aws4 ships no types, and @types/aws4 would be one more package for one function. Declared here is only
 * what persistence/dynamodbClient.ts uses: `sign`, which adds the SigV4 headers (Authorization,
 * X-Amz-Date unless given, X-Amz-Security-Token with a session token, Content-Length) to a copy of the
 * request's headers and returns the request.
 */
declare module 'aws4' {
  export interface Aws4Request {
    service: string;
    region: string;
    method: string;
    path: string;
    headers: Record<string, string | number>;
    body: string;
  }

  export interface Aws4Credentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }

  export function sign<T extends Aws4Request>(request: T, credentials: Aws4Credentials): T;
}
