/**
 * The stack as code: ask-resources.json, the CloudFormation template it names, and the bundle it
 * deploys must agree. Reads the template with its short-form tags (!Ref, !GetAtt, !Sub...) as the
 * long form CloudFormation uses ({ Ref }, { 'Fn::GetAtt' }...), and the build's record,
 * build/lambda-build.json, which `npm test` writes by building first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { envelope, launchRequest } from '../helpers/envelopes';
import { isRecord } from '../../lambda/src/json';

const ROOT = join(__dirname, '..', '..');

type Json = unknown;

function record(value: Json, what: string): Record<string, Json> {
  if (!isRecord(value)) throw new Error(`${what} is not an object`);
  return value;
}

function list(value: Json, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

function callable(value: Json, what: string): (event: Json) => Json {
  if (typeof value !== 'function') throw new Error(`${what} is not a function`);
  return (event) => Reflect.apply(value, undefined, [event]);
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
}

/** Every intrinsic function's short form, read as its long form. */
const INTRINSICS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    [
      'GetAtt',
      'Sub',
      'Join',
      'Select',
      'Split',
      'If',
      'Equals',
      'Not',
      'And',
      'Or',
      'FindInMap',
      'Base64',
      'Cidr',
      'GetAZs',
      'ImportValue',
    ].map((name) => [name, `Fn::${name}`]),
  ),
};

const customTags: (ScalarTag | CollectionTag)[] = Object.entries(INTRINSICS).flatMap(
  ([short, long]): (ScalarTag | CollectionTag)[] => [
    // !GetAtt Resource.Attribute is the short form of { 'Fn::GetAtt': [Resource, Attribute] }.
    {
      tag: `!${short}`,
      resolve: (value: string) => ({ [long]: short === 'GetAtt' ? value.split(/\.(.*)/s, 2) : value }),
    },
    { tag: `!${short}`, collection: 'seq', resolve: (value) => ({ [long]: value.toJSON() }) },
    { tag: `!${short}`, collection: 'map', resolve: (value) => ({ [long]: value.toJSON() }) },
  ],
);

const resources = record(readJson('ask-resources.json'), 'ask-resources.json');
const profile = record(record(resources.profiles, 'profiles').default, 'the default profile');
const infrastructure = record(profile.skillInfrastructure, 'skillInfrastructure');
const userConfig = record(infrastructure.userConfig, 'userConfig');
const codeFolder = String(record(record(profile.code, 'code').default, 'code.default').src);
const templatePath = String(userConfig.templatePath);

const template = record(parse(readFileSync(join(ROOT, templatePath), 'utf8'), { customTags }), 'the template');
const templateResources = record(template.Resources, 'Resources');
const parameters = record(template.Parameters, 'Parameters');

/** The one resource of a type, with its logical ID. */
function only(type: string): { id: string; properties: Record<string, Json> } {
  const found = Object.entries(templateResources).filter(
    ([, resource]) => isRecord(resource) && resource.Type === type,
  );
  if (found.length !== 1) throw new Error(`The template has ${found.length} ${type} resources, not one`);
  const [id, resource] = found[0];
  return { id, properties: record(record(resource, id).Properties, `${id}.Properties`) };
}

const ref = (id: string): Json => ({ Ref: id });
const arnOf = (id: string): Json => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** A property given as a parameter reference is the parameter's only allowed value; otherwise the literal. */
function valueOf(property: Json): Json {
  if (isRecord(property) && typeof property.Ref === 'string' && property.Ref in parameters) {
    const allowed = list(record(parameters[property.Ref], property.Ref).AllowedValues, `${property.Ref}.AllowedValues`);
    if (allowed.length !== 1) throw new Error(`${property.Ref} allows ${allowed.length} values, not one`);
    return allowed[0];
  }
  return property;
}

const fn = only('AWS::Lambda::Function');
const table = only('AWS::DynamoDB::Table');
const role = only('AWS::IAM::Role');
const trigger = only('AWS::Lambda::Permission');
const logGroup = only('AWS::Logs::LogGroup');
const environment = record(record(fn.properties.Environment, 'Environment').Variables, 'Environment.Variables');

describe('ask-resources.json', () => {
  it('deploys the skill package and the bundle with the CloudFormation deployer and this template', () => {
    expect(record(profile.skillMetadata, 'skillMetadata').src).toBe('./skill-package');
    expect(codeFolder).toBe('./lambda/dist');
    expect(infrastructure.type).toBe('@ask-cli/cfn-deployer');
    expect(templatePath).toBe('./infrastructure/cfn-deployer/skill-stack.yaml');
    expect(userConfig).toMatchObject({
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      awsRegion: expect.stringMatching(/^[a-z]{2}-[a-z]+-\d$/),
    });
  });

  it('declares exactly the parameters the ASK CLI passes, so no deploy needs more', () => {
    expect(Object.keys(parameters).sort()).toEqual([
      'CodeBucket',
      'CodeKey',
      'CodeVersion',
      'LambdaHandler',
      'LambdaRuntime',
      'SkillId',
    ]);
  });
});

describe('the function matches the build', () => {
  const build = record(readJson('build/lambda-build.json'), 'build/lambda-build.json');

  it('runs on the runtime the bundle was built for: nodejs22.x and esbuild target node22', () => {
    expect(valueOf(fn.properties.Runtime)).toBe(userConfig.runtime);
    expect(build.runtime).toBe(userConfig.runtime);
    expect(/^nodejs(\d+)\.x$/.exec(String(userConfig.runtime))?.[1]).toBe('22');
    expect(build.target).toBe('node22');
    expect(build.format).toBe('cjs');
  });

  it('calls index.handler: lambda/dist/index.js, exporting the async handler', async () => {
    expect(valueOf(fn.properties.Handler)).toBe(userConfig.handler);
    const [file, exported] = String(userConfig.handler).split('.');
    const bundle = join(ROOT, codeFolder, `${file}.js`);
    expect(join(ROOT, String(build.outfile))).toBe(bundle);
    expect(existsSync(bundle)).toBe(true);
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is built at run time, at a path ask-resources.json names
      const loaded: Json = require(bundle);
      const handler = callable(record(loaded, 'the bundle')[exported], `${exported} in ${file}.js`);
      const answer = handler(envelope(launchRequest()));
      expect(answer).toBeInstanceOf(Promise);
      expect(record(record(await answer, 'the answer').response, 'the response').outputSpeech).toMatchObject({
        type: 'SSML',
      });
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
  });

  it('is arm64, 128 MB and 7 seconds, and knows its skill ID and its table', () => {
    expect(fn.properties).toMatchObject({
      Architectures: ['arm64'],
      MemorySize: 128,
      Timeout: 7,
      Role: arnOf(role.id),
    });
    expect(environment.SKILL_ID).toEqual(ref('SkillId'));
    expect(environment.PREFERENCES_TABLE).toEqual(ref(table.id));
  });

  it('bounds the young generation through NODE_OPTIONS with flags node accepts there', () => {
    const options = String(environment.NODE_OPTIONS);
    // Both sizes: Lambda's bootstrap adds its own for neither when NODE_OPTIONS sets one.
    expect(options).toMatch(/^--max-semi-space-size=\d+ --max-old-space-size=\d+$/);
    // node refuses to start on a flag NODE_OPTIONS may not carry, so check it the way the runtime would.
    const run = spawnSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'],
      { env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: options }, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const plain = spawnSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'],
      { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
    );
    expect(Number(run.stdout)).toBeLessThan(Number(plain.stdout));
    // Why the bootstrap must leave its own flags out: on node's command line they would win.
    const overridden = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=200',
        '-e',
        'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))',
      ],
      { env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: options }, encoding: 'utf8' },
    );
    expect(Number(overridden.stdout)).toBeGreaterThan(Number(run.stdout) + 100 * 1024 * 1024);
  });

  it('gets the HMAC key from a secret the stack generates, never from a value in the template or a parameter', () => {
    const sub = record(environment.PREFERENCES_HMAC_KEY, 'PREFERENCES_HMAC_KEY')['Fn::Sub'];
    const secretId = /^\{\{resolve:secretsmanager:\$\{(\w+)\}:SecretString\}\}$/.exec(String(sub))?.[1];
    expect(secretId).toBeDefined();
    const secret = record(templateResources[String(secretId)], String(secretId));
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(record(secret.Properties, 'secret properties').GenerateSecretString).toMatchObject({
      PasswordLength: expect.any(Number),
    });
    expect(secret.DeletionPolicy).toBe('Retain');
  });

  it("encrypts its environment, and so the HMAC key, with a key of the stack's own that only its role and the account can use", () => {
    const keyId = record(fn.properties.KmsKeyArn, 'KmsKeyArn')['Fn::GetAtt'];
    expect(Array.isArray(keyId) && keyId[1]).toBe('Arn');
    const key = record(templateResources[String(Array.isArray(keyId) ? keyId[0] : '')], 'the environment key');
    expect(key.Type).toBe('AWS::KMS::Key');
    const properties = record(key.Properties, 'key properties');
    expect(properties.EnableKeyRotation).toBe(true);
    const statements = list(record(properties.KeyPolicy, 'KeyPolicy').Statement, 'Statement').map((statement) =>
      record(statement, 'statement'),
    );
    expect(statements.map((statement) => [record(statement.Principal, 'Principal').AWS, statement.Action])).toEqual([
      [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' }, 'kms:*'],
      [arnOf(role.id), 'kms:Decrypt'],
    ]);
    for (const statement of statements) expect(statement.Effect).toBe('Allow');
  });

  it('writes its logs to the stack log group', () => {
    expect(record(fn.properties.LoggingConfig, 'LoggingConfig').LogGroup).toEqual(ref(logGroup.id));
  });

  it('is the endpoint the ASK CLI sets on the skill', () => {
    expect(record(record(template.Outputs, 'Outputs').SkillEndpoint, 'SkillEndpoint').Value).toEqual(arnOf(fn.id));
  });
});

describe('the Alexa Skills Kit trigger', () => {
  it('lets Alexa invoke the function for this skill ID only', () => {
    expect(trigger.properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(fn.id),
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: ref('SkillId'),
    });
  });
});

describe('the preferences table', () => {
  it('is on demand, with the string partition key `id` the code reads and writes', () => {
    expect(table.properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
  });
});

describe('the role', () => {
  const statements = list(role.properties.Policies, 'Policies').flatMap((policy) =>
    list(record(record(policy, 'policy').PolicyDocument, 'PolicyDocument').Statement, 'Statement').map((statement) =>
      record(statement, 'statement'),
    ),
  );
  const actions = (statement: Record<string, Json>): Json[] =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action];

  it('can be assumed by Lambda only, and has no policy but its own', () => {
    expect(record(role.properties.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument').Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(role.properties.ManagedPolicyArns).toBeUndefined();
    const attached = Object.values(templateResources).filter(
      (resource) => isRecord(resource) && /^AWS::IAM::(Policy|ManagedPolicy|RolePolicy)$/.test(String(resource.Type)),
    );
    expect(attached).toEqual([]);
  });

  it('allows GetItem, PutItem and DeleteItem on the preferences table, and writing the logs, and nothing else', () => {
    const granted = statements.flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      expect(statement).not.toHaveProperty('NotAction');
      expect(statement).not.toHaveProperty('NotResource');
      const targets = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      return actions(statement).flatMap((action) => targets.map((resource) => ({ action, resource })));
    });
    const expected = [
      ...['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'].map((action) => ({
        action,
        resource: arnOf(table.id),
      })),
      ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({ action, resource: arnOf(logGroup.id) })),
    ];
    const key = (grant: { action: Json; resource: Json }): string => JSON.stringify(grant);
    expect(granted.map(key).sort()).toEqual(expected.map(key).sort());
  });
});
