/**
 * Jest's globalSetup (jest.config.js): one temporary folder for each run, named in the environment that the
 * test workers inherit, for fixtures made once per run (the test PKI in certificates.ts). globalTeardown.ts
 * removes it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_FOLDER_VARIABLE = 'SPINE_CARE_TEST_RUN_FOLDER';

export default function setup(): void {
  process.env[RUN_FOLDER_VARIABLE] = mkdtempSync(join(tmpdir(), 'spine-care-test-run-'));
}
