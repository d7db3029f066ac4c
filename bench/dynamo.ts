/** dynalite, an in-process DynamoDB server on loopback, for measuring the skill as it runs on Lambda: with a table. */
import { localDynamo } from '../tests/helpers/dynalite';

export interface LocalTable {
  /** The environment that points the skill's DynamoDB client at this table, as the stack's does on Lambda. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function localTable(table: string): Promise<LocalTable> {
  const dynamo = await localDynamo(table);
  return {
    env: {
      PREFERENCES_TABLE: table,
      PREFERENCES_HMAC_KEY: 'bench-hmac-key',
      // As on Lambda, the region and credentials are in the environment; the standard endpoint override points it here.
      ...dynamo.env,
    },
    close: () => dynamo.close(),
  };
}
