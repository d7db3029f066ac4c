/**
 * @aws-lite/dynamodb ships no types (its -types package pulls in the whole AWS SDK v3). What is
 * declared here is only what the client reads from a plugin; the methods are reached through the
 * client's `DynamoDB` property, which persistence/dynamodb.ts checks at run time.
 */
declare module '@aws-lite/dynamodb' {
  const plugin: { name: string; service: string; property: string; methods: Record<string, unknown> };
  export default plugin;
}
