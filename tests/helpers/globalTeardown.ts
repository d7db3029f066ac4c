/** Jest's globalTeardown (jest.config.js): removes the run's folder that globalSetup.ts made. */
import { rmSync } from 'node:fs';
import { RUN_FOLDER_VARIABLE } from './globalSetup';

export default function teardown(): void {
  const folder = process.env[RUN_FOLDER_VARIABLE];
  if (folder !== undefined && folder !== '') rmSync(folder, { recursive: true, force: true });
}
