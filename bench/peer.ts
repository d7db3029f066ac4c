/**
 * The usual peer: an ask-sdk skill with the official DynamoDB persistence adapter (which uses the AWS
 * SDK v2), loaded from node_modules as such skills are usually deployed. Its launch reads and writes
 * the listener's attributes, as the skill's launch does; every other request gets a fixed answer.
 * The table is the skill's own (partition key `id`); the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB.
 */
import { getRequestType, SkillBuilders } from 'ask-sdk-core';
import { DynamoDbPersistenceAdapter } from 'ask-sdk-dynamodb-persistence-adapter';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { DynamoDB } from 'aws-sdk';

const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;

const skill = SkillBuilders.custom()
  .withPersistenceAdapter(
    new DynamoDbPersistenceAdapter({
      tableName: process.env.PREFERENCES_TABLE ?? 'preferences',
      createTable: false,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- aws-sdk v2 types its options as a class, and documents plain objects
      dynamoDBClient: new DynamoDB(endpoint === undefined ? {} : { endpoint }),
    }),
  )
  .addRequestHandlers(
    {
      canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
      handle: async (input) => {
        const stored = await input.attributesManager.getPersistentAttributes();
        input.attributesManager.setPersistentAttributes({
          ...stored,
          lastVisit: new Date().toISOString().slice(0, 10),
        });
        await input.attributesManager.savePersistentAttributes();
        return input.responseBuilder.speak('Welcome back.').reprompt('What would you like?').getResponse();
      },
    },
    {
      canHandle: () => true,
      handle: (input) => input.responseBuilder.speak('Hello.').reprompt('Hello?').getResponse(),
    },
  )
  .create();

export const handler = async (event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> =>
  skill.invoke(event, context);
