/**
 * The review pack in a real browser: `build/review-pack.js` (built by `npm test`'s build) writes the pack, headless
 * Chromium opens it through Playwright, every locale's answers must be on the page, and axe-core must find no
 * serious or critical accessibility violation. Chromium is Debian's (.ci/run installs it); Playwright's own download
 * does not work here. Where /usr/bin/chromium is missing, the browser checks skip and say why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { registry } from '../../lambda/src/content';
import { translatorFor } from '../../lambda/src/content/i18n';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '..', '..');
const packScript = join(root, 'build', 'review-pack.js');
const hasChromium = existsSync(CHROMIUM);
const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const manifest: { manifest: { publishingInformation: { locales: Record<string, unknown> } } } = JSON.parse(
  readFileSync(join(root, 'skill-package', 'skill.json'), 'utf8'),
);
const locales = Object.keys(manifest.manifest.publishingInformation.locales);

/** What each locale says for a key, through the skill's own i18next resources (not the pack's code). */
function heard(locale: string, key: string): string {
  return translatorFor(locale)(key, { number: emergencyNumberFor(locale) });
}

const expectedKeys = [
  ...registry.sections.flatMap((section) => [`sections.${section.id}.summary`, `sections.${section.id}.parts.0`]),
  ...registry.facts.map((fact) => `facts.${fact.id}.text`),
  ...registry.glossary.map((term) => `glossary.${term}.definition`),
  'disclaimer.short',
  'disclaimer.full.0',
  'emergency.callNow',
  'symptom.text',
];

if (!hasChromium)
  console.warn(
    `reviewPack.test: SKIPPED the browser checks: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run does this).`,
  );
const inBrowser = hasChromium ? describe : describe.skip;

inBrowser('the review pack in headless Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'review-pack-'));
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(packScript)) throw new Error(`${packScript} is missing: run npm run build first (npm test does)`);
    execFileSync(process.execPath, [packScript, '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it.each(locales)('shows every %s answer in that locale’s part of the page', async (locale) => {
    const text = await page.locator(`section[id="${locale}"]`).innerText();
    const missing = expectedKeys.filter((key) => !text.includes(heard(locale, key)));
    expect(missing).toEqual([]);
  });

  it('names the review status and reading grade of every item', async () => {
    const articles = await page.locator('article').count();
    expect(articles).toBeGreaterThan(locales.length * expectedKeys.length - 1);
    const facts = page.locator('article p.facts', {
      hasText:
        /Review status: (Unreviewed|Reviewed by .+)\. Reading level: (Flesch–Kincaid grade -?\d|Fernández-Huerta -?\d).*Spoken duration: slowest/,
    });
    expect(await facts.count()).toBe(articles);
  });

  it(
    hasEspeak
      ? 'gives every item an audio file that exists beside the page'
      : 'says that there is no audio, as espeak-ng is missing',
    async () => {
      const sources = await page
        .locator('article audio')
        .evaluateAll((players) => players.map((player) => player.getAttribute('src') ?? ''));
      if (hasEspeak) {
        expect(sources.length).toBe(await page.locator('article').count());
        expect(sources.filter((source) => !existsSync(join(out, source)))).toEqual([]);
      } else {
        expect(sources).toEqual([]);
        expect(await page.locator('text=espeak-ng is not installed').count()).toBeGreaterThan(0);
      }
    },
  );

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const results = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .options({ resultTypes: ['violations'] })
      .analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.length,
        example: violation.nodes[0]?.html,
      }));
    console.log(
      `axe-core ${results.testEngine.version}: ${results.violations.length} rules violated (${serious.length} serious or critical): ${results.violations.map((violation) => `${violation.id} (${violation.impact ?? 'no impact'})`).join(', ') || 'none'}`,
    );
    expect(serious).toEqual([]);
  }, 600_000);
});
